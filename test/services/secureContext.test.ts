import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa } from './helpers/tls.js';
import { startHttps, type Started } from './helpers/servers.js';

// Three servers, each signed by its own CA: one in the process's root store, one we add, one nobody trusts.
// The child runs with --use-openssl-ca and SSL_CERT_FILE, so its root store is a file we control (the
// system store, as distributions that build Node that way have it); Node's bundled roots take the same path.
describe('secureContextWith', () => {
  const hosts = ['localhost', '127.0.0.1'];
  const [builtIn, added, stranger] = ['Built-in Root', 'Added CA', 'Stranger CA'].map((name) => makeCa(hosts, name));
  let servers: Started[] = [];
  let dir: string;

  beforeAll(async () => {
    servers = await Promise.all([builtIn, added, stranger].map((m) => startHttps((_q, r) => r.end('ok'), m)));
    dir = mkdtempSync(join(tmpdir(), 'cbs-trust-'));
    writeFileSync(join(dir, 'builtin.pem'), builtIn.caPem);
    writeFileSync(join(dir, 'added.pem'), added.caPem);
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('adds our CA to the roots the process already trusts, without replacing them', async () => {
    // Async: the servers live in this process.
    const probe = join(import.meta.dirname, 'fixtures/trustProbe.ts');
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--use-openssl-ca', '--import', 'tsx', probe], {
      env: {
        PATH: process.env.PATH,
        SSL_CERT_FILE: join(dir, 'builtin.pem'),
        EXTRA_CA: join(dir, 'added.pem'),
        PORTS: servers.map((s) => s.port).join(','),
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const [fromRoots, fromAdded, fromNobody] = out.trim().split(',');
    expect(fromRoots).toBe('trusted');
    expect(fromAdded).toBe('trusted');
    expect(fromNobody).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/);
  });
});
