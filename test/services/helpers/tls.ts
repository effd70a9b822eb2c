import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

function keyPair() {
  // node:crypto is much faster than forge's pure-JS RSA; forge only assembles the certificates.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { priv: forge.pki.privateKeyFromPem(privPem), pub: forge.pki.publicKeyFromPem(pubPem), privPem };
}

function baseCert(pub: forge.pki.PublicKey, serial: string) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  return cert;
}

/** A throw-away CA and a server certificate for the given host names. CAs sharing a name confuse OpenSSL. */
export function makeCa(hosts: string[], caCommonName = 'Test Interception CA') {
  const ca = keyPair();
  const caCert = baseCert(ca.pub, '01');
  const caName = [{ name: 'commonName', value: caCommonName }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]);
  caCert.sign(ca.priv, forge.md.sha256.create());

  const leaf = keyPair();
  const leafCert = baseCert(leaf.pub, '02');
  leafCert.setSubject([{ name: 'commonName', value: hosts[0]! }]);
  leafCert.setIssuer(caName);
  leafCert.setExtensions([
    { name: 'subjectAltName', altNames: hosts.map((h) => (/^\d+\.\d+\.\d+\.\d+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })) },
    { name: 'extKeyUsage', serverAuth: true },
  ]);
  leafCert.sign(ca.priv, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(leafCert), keyPem: leaf.privPem };
}
