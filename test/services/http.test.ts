import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypassesProxy, createHttp, proxyFromEnv } from '../../src/services/http.js';
import { isServiceError, type ServiceError } from '../../src/services/errors.js';
import { makeCa } from './helpers/tls.js';
import { closedPort, startHttp, startHttps, startProxy, type Started } from './helpers/servers.js';

const HOST = 'bedrock-mantle.us-east-1.api.aws';

async function failureOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isServiceError(e)).toBe(true);
  return (e as ServiceError).failure;
}

describe('bypassesProxy', () => {
  it('applies NO_PROXY suffix, wildcard and port rules, and always bypasses loopback', () => {
    expect(bypassesProxy('localhost', 80, undefined)).toBe(true);
    expect(bypassesProxy('127.0.0.1', 443, '')).toBe(true);
    expect(bypassesProxy('::1', 443, '')).toBe(true);
    expect(bypassesProxy(HOST, 443, undefined)).toBe(false);
    expect(bypassesProxy(HOST, 443, '*')).toBe(true);
    expect(bypassesProxy(HOST, 443, 'example.com, .api.aws')).toBe(true);
    expect(bypassesProxy(HOST, 443, 'api.aws')).toBe(true);
    expect(bypassesProxy('notapi.aws', 443, 'api.aws')).toBe(false);
    expect(bypassesProxy(HOST, 443, 'api.aws:8443')).toBe(false);
    expect(bypassesProxy(HOST, 8443, 'api.aws:8443')).toBe(true);
    expect(bypassesProxy('BEDROCK.us-east-1.amazonaws.com', 443, '*.amazonaws.com')).toBe(true);
  });

  it('reads the proxy from HTTPS_PROXY before HTTP_PROXY and adds a missing scheme', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'proxy:3128', HTTP_PROXY: 'http://other:1' })).toBe('http://proxy:3128');
    expect(proxyFromEnv({ https_proxy: 'http://p:1' })).toBe('http://p:1');
    expect(proxyFromEnv({})).toBeNull();
  });
});

describe('requestStream', () => {
  const tlsMaterial = makeCa([HOST, 'localhost', '127.0.0.1']);
  let origin: Started;
  let caFile: string;

  beforeAll(async () => {
    origin = await startHttps((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-host': String(req.headers.host) });
      res.end(`hello ${req.method} ${req.url}`);
    }, tlsMaterial);
    const dir = mkdtempSync(join(tmpdir(), 'cbs-http-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, tlsMaterial.caPem);
  });
  afterAll(() => origin.close());

  it('tunnels through HTTPS_PROXY and trusts the CA in AWS_CA_BUNDLE', async () => {
    const proxy = await startProxy({ targetPort: origin.port });
    const client = createHttp({ env: { HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile } });
    try {
      const res = await client.requestStream(`https://${HOST}/v1/models`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello GET /v1/models');
      expect(res.headers['x-host']).toBe(HOST);
      expect(proxy.connects).toEqual([`${HOST}:443`]);
      expect(res.timing.headersAt).toBeGreaterThanOrEqual(res.timing.startAt);
      expect(res.timing.connectedAt).not.toBeNull();
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('trusts NODE_EXTRA_CA_CERTS too, and reports an unreadable bundle as a warning', async () => {
    const proxy = await startProxy({ targetPort: origin.port });
    const client = createHttp({ env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile, AWS_CA_BUNDLE: '/nonexistent/ca.pem' } });
    try {
      expect(client.warnings.join('\n')).toContain('AWS_CA_BUNDLE=/nonexistent/ca.pem');
      const res = await client.requestStream(`https://${HOST}/`);
      expect(res.status).toBe(200);
      res.cancel();
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('explains an untrusted (intercepting) certificate', async () => {
    const proxy = await startProxy({ targetPort: origin.port });
    const client = createHttp({ env: { HTTPS_PROXY: proxy.url } });
    try {
      const f = await failureOf(client.requestStream(`https://${HOST}/`, { service: 'bedrock-mantle' }));
      expect(f.kind).toBe('network');
      expect(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN']).toContain(f.code);
      expect(f.message).toMatch(/AWS_CA_BUNDLE/);
      expect(f.service).toBe('bedrock-mantle');
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('maps a proxy that refuses CONNECT to its status', async () => {
    const proxy = await startProxy({ targetPort: origin.port, refuseStatus: 403 });
    const client = createHttp({ env: { HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: caFile } });
    try {
      const f = await failureOf(client.requestStream(`https://${HOST}/`));
      expect(f).toMatchObject({ kind: 'network', code: 'PROXY_CONNECT_REFUSED', status: 403 });
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('goes direct for NO_PROXY hosts even when a proxy is set', async () => {
    const proxy = await startProxy({ targetPort: origin.port });
    const client = createHttp({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost', AWS_CA_BUNDLE: caFile } });
    try {
      const res = await client.requestStream(`https://localhost:${origin.port}/direct`);
      expect(await res.text()).toBe('hello GET /direct');
      expect(proxy.connects).toEqual([]);
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it('maps connection refused', async () => {
    const client = createHttp({ env: {} });
    const port = await closedPort();
    const f = await failureOf(client.requestStream(`http://127.0.0.1:${port}/`, { service: 'sts' }));
    expect(f).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', service: 'sts' });
    client.close();
  });

  it('maps a DNS failure', async () => {
    const client = createHttp({ env: {} });
    const f = await failureOf(client.requestStream('https://bedrock-mantle.xx-nowhere-9.api.aws/', { deadlineMs: 20_000 }));
    expect(f.kind).toBe('network');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(f.code);
    expect(f.message).toContain('bedrock-mantle.xx-nowhere-9.api.aws');
    client.close();
  });

  it('enforces the headers deadline and the idle deadline between chunks', async () => {
    const slow = await startHttp((req, res) => {
      if (req.url === '/idle') {
        res.writeHead(200);
        res.write('first');
        return; // then silence
      }
      // never answers
    });
    const client = createHttp({ env: {} });
    try {
      const f = await failureOf(client.requestStream(`http://127.0.0.1:${slow.port}/hang`, { deadlineMs: 200 }));
      expect(f).toMatchObject({ kind: 'network', code: 'DEADLINE' });

      const res = await client.requestStream(`http://127.0.0.1:${slow.port}/idle`, { idleMs: 200 });
      const chunks: string[] = [];
      const f2 = await failureOf(
        (async () => {
          for await (const c of res.body) chunks.push(Buffer.from(c).toString());
        })(),
      );
      expect(chunks).toEqual(['first']);
      expect(f2).toMatchObject({ kind: 'network', code: 'DEADLINE' });
      expect(f2.message).toMatch(/silent/);
    } finally {
      client.close();
      await slow.close();
    }
  });

  it('stops when the caller aborts', async () => {
    const hang = await startHttp(() => {});
    const client = createHttp({ env: {} });
    try {
      const ac = new AbortController();
      const p = client.requestStream(`http://127.0.0.1:${hang.port}/`, { signal: ac.signal });
      setTimeout(() => ac.abort(), 20);
      expect(await failureOf(p)).toMatchObject({ code: 'ABORTED' });
    } finally {
      client.close();
      await hang.close();
    }
  });
});
