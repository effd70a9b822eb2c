// A throwaway certificate authority for TLS interception: one CA per emulator, one leaf per host.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createSecureContext, type SecureContext } from 'node:tls';
import forge from 'node-forge';
import { MANTLE_REGIONS } from '../core/regions.js';

export interface TestCa {
  caPem: string;
  contextFor(host: string): SecureContext;
}

const generateRsa = promisify(generateKeyPair);

async function rsaKeys() {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyPem, key: forge.pki.privateKeyFromPem(keyPem), publicKey: forge.pki.publicKeyFromPem(pubPem) };
}

function serial(): string {
  // Positive, non-zero: strict verifiers reject a negative serial.
  return `01${randomBytes(15).toString('hex')}`;
}

/** Both keys are generated in parallel off the main thread: this is most of the start-up cost. */
export async function createTestCa(): Promise<TestCa> {
  const [ca, leaf] = await Promise.all([rsaKeys(), rsaKeys()]);
  const now = Date.now();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = new Date(now - 86_400_000);
  caCert.validity.notAfter = new Date(now + 30 * 86_400_000);
  const caName = [{ name: 'commonName', value: 'codex-bedrock-setup emulator test CA' }, { name: 'organizationName', value: 'codex-bedrock-setup' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.key, forge.md.sha256.create());
  const caPem = forge.pki.certificateToPem(caCert);
  const caKeyId = caCert.generateSubjectKeyIdentifier().getBytes();

  const leafFor = (names: string[]): SecureContext => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = leaf.publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(now - 86_400_000);
    cert.validity.notAfter = new Date(now + 30 * 86_400_000);
    cert.setSubject([{ name: 'commonName', value: names[0] }]);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((value) => ({ type: 2, value })) },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId },
    ]);
    cert.sign(ca.key, forge.md.sha256.create());
    return createSecureContext({ key: leaf.keyPem, cert: forge.pki.certificateToPem(cert) });
  };
  // One certificate names every AWS host of the known regions: an RSA signature in pure JS costs
  // tens of milliseconds, and a models check across all regions would otherwise pay it per host.
  const shared = leafFor(KNOWN_HOSTS);
  const known = new Set(KNOWN_HOSTS);
  const cache = new Map<string, SecureContext>();
  return {
    caPem,
    contextFor(host: string): SecureContext {
      if (known.has(host)) return shared;
      let context = cache.get(host);
      if (!context) cache.set(host, (context = leafFor([host])));
      return context;
    },
  };
}

const KNOWN_HOSTS = [
  'sts.amazonaws.com',
  ...MANTLE_REGIONS.flatMap(({ id: r }) => [
    `sts.${r}.amazonaws.com`,
    `bedrock.${r}.amazonaws.com`,
    `bedrock-runtime.${r}.amazonaws.com`,
    `bedrock-mantle.${r}.api.aws`,
    `oidc.${r}.amazonaws.com`,
    `portal.sso.${r}.amazonaws.com`,
  ]),
];
