// The built CLI against a hostile network, hostile text, hostile programs and odd files. Each mode
// asserts its bound: the time it takes, the peak memory (GNU time), no terminal escape, no secret.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPool, STACK_FRAME } from '../security/pool.js';
import { isolatedEnv } from './helpers.js';
import { ESCAPES, GOOD_MODEL, runMeasured, startHostileMantle, startHostileProxy, TERMINAL_CONTROL, type Measured, type Server } from './hostile.helpers.js';

const BEARER = 'bedrock-api-key-CANARYhostileBEARERc2VjcmV0a2V5MTIzNDU2Nzg5MA';
const KEY_ID = 'AKIACANARYHOSTILE001';
const SECRET = 'CANARYhostileSECRETwJalrXUtnFEMIK7MDENGbP';
const MCP_TOKEN = 'ghp_CANARYhostileMCPTOKEN0123456789';
const MEMORY_MB = 150;

let mantle: Server;
const proxies: Record<string, Server> = {};
beforeAll(async () => {
  mantle = await startHostileMantle();
  for (const mode of ['silent', 'ok-then-silent', 'auth'] as const) proxies[mode] = await startHostileProxy(mode);
});
afterAll(async () => {
  await mantle.close();
  for (const p of Object.values(proxies)) await p.close();
});

/** A home whose Codex config points Mantle at one mode of the hostile server. */
function home(mode: string, extraToml = ''): { env: NodeJS.ProcessEnv; codexHome: string } {
  const root = mkdtempSync(join(tmpdir(), `cbs-hostile-${mode}-`));
  const codexHome = join(root, '.codex');
  mkdirSync(codexHome);
  writeFileSync(
    join(codexHome, 'config.toml'),
    `model = "${GOOD_MODEL}"\nmodel_provider = "amazon-bedrock"\n\n[mcp_servers.gh.env]\nGITHUB_TOKEN = "${MCP_TOKEN}"\n[model_providers.amazon-bedrock]\nbase_url = "${mantle.url}/${mode}/v1"\n${extraToml}`,
  );
  const env = isolatedEnv({
    HOME: root,
    CODEX_HOME: codexHome,
    AWS_CONFIG_FILE: join(root, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_BEARER_TOKEN_BEDROCK: BEARER,
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    // No codex and no aws on PATH unless a case puts a fake one there.
    PATH: '/usr/bin:/bin',
  });
  return { env, codexHome };
}

function expectSafe(r: Measured, label: string) {
  const all = r.stdout + r.stderr;
  expect(all, label).not.toMatch(TERMINAL_CONTROL);
  for (const s of [BEARER.slice(16), KEY_ID, SECRET, MCP_TOKEN]) expect(all, label).not.toContain(s);
  expect(r.stderr, label).not.toMatch(STACK_FRAME);
  expect(r.stderr, label).not.toMatch(/internal error|RangeError|TypeError/);
  expect(r.peakMb, label).toBeLessThan(MEMORY_MB);
}

const smokeArgs = (auth: string) => ['smoke', '--auth', auth, '--region', 'us-east-1', '--model', GOOD_MODEL];
const jsonId = (r: Measured, path: 'smoke' | 'models') => {
  const doc = JSON.parse(r.stdout) as { error?: { id: string }; regions?: { diagnosis?: string }[] };
  return path === 'smoke' ? doc.error?.id : doc.regions?.[0]?.diagnosis;
};

describe('hostile network and text, end to end', () => {
  it('secrets: a 401 echoing the Authorization header (bearer and SigV4) never reaches smoke or doctor output; diff context lines are masked', async () => {
    const { env } = home('echo401');
    const [bearer, sigv4, doctor, diff] = await Promise.all([
      runMeasured([...smokeArgs('api-key'), '--json'], env),
      runMeasured(smokeArgs('env'), env),
      runMeasured(['doctor', '--json'], env),
      runMeasured(['setup', '--dry-run', '--auth', 'api-key', '--region', 'us-east-1', '--model', GOOD_MODEL], home('escape').env),
    ]);
    for (const [r, label] of [[bearer, 'bearer'], [sigv4, 'sigv4'], [doctor, 'doctor'], [diff, 'diff']] as const) expectSafe(r, label);
    expect(bearer.exitCode).toBe(1);
    expect(sigv4.stdout).toMatch(/Authorization: AWS4-HMAC-SHA256 \*\*\*\*/);
    expect(doctor.stdout).toContain('"ok": false');
    expect(diff.exitCode).toBe(0);
    expect(diff.stdout).toContain(' GITHUB_TOKEN = "****"');
    expect(diff.stdout).toMatch(/^\+\[model_providers\.amazon-bedrock\.aws\]/m);
  });

  it('escapes: stream deltas and model ids with OSC 52/0/8, CSI and C1 are shown visibly; a hostile id is never offered or written', async () => {
    const { env, codexHome } = home('escape');
    const [smoke, models, setup] = await Promise.all([
      runMeasured(smokeArgs('api-key'), env),
      runMeasured(['models', '--auth', 'api-key', '--region', 'us-east-1'], env),
      runMeasured(['setup', '--yes', '--skip-smoke-test', '--auth', 'api-key', '--region', 'us-east-1'], env),
    ]);
    for (const [r, label] of [[smoke, 'smoke'], [models, 'models'], [setup, 'setup']] as const) expectSafe(r, label);
    expect(smoke.exitCode).toBe(0);
    expect(smoke.stdout).toContain('Hello ␛]52;c;cHduZWQ=␇');
    expect(models.stdout).toContain(GOOD_MODEL);
    expect(models.stdout).not.toContain('openai.evil');
    expect(setup.exitCode, setup.stderr).toBe(0);
    for (const f of readdirSync(codexHome).filter((n) => n.endsWith('.toml'))) expect(readFileSync(join(codexHome, f), 'utf8'), f).not.toMatch(TERMINAL_CONTROL);
    // --json keeps the exact text, as JSON escapes.
    const json = await runMeasured([...smokeArgs('api-key'), '--json'], env);
    expect((JSON.parse(json.stdout) as { text: string }).text).toBe(`Hello ${ESCAPES} from Bedrock.`);
  });

  it('waits: a silent proxy, a proxy silent after 200, a 407, endless keep-alives and a dripping model list all end in their diagnosis within the ceiling', async () => {
    const viaProxy = (mode: string) => ({ ...home('escape').env, HTTPS_PROXY: proxies[mode]!.url });
    const noBaseUrl = (env: NodeJS.ProcessEnv) => {
      writeFileSync(join(env.CODEX_HOME!, 'config.toml'), `model = "${GOOD_MODEL}"\n`);
      return env;
    };
    const cases: { label: string; args: string[]; env: NodeJS.ProcessEnv; id: string; where: 'smoke' | 'models' }[] = [
      { label: 'silent proxy: models', args: ['models', '--auth', 'env', '--region', 'us-east-1', '--json'], env: noBaseUrl(viaProxy('silent')), id: 'proxy-silent', where: 'models' },
      { label: 'silent proxy: smoke (api key)', args: [...smokeArgs('api-key'), '--json'], env: noBaseUrl(viaProxy('silent')), id: 'proxy-silent', where: 'smoke' },
      { label: 'proxy silent after 200: models (SDK + Mantle)', args: ['models', '--auth', 'env', '--region', 'us-east-1', '--json'], env: noBaseUrl(viaProxy('ok-then-silent')), id: 'connection-failed', where: 'models' },
      { label: 'proxy 407: smoke', args: [...smokeArgs('env'), '--json'], env: noBaseUrl(viaProxy('auth')), id: 'proxy-auth', where: 'smoke' },
      { label: 'proxy 407: models', args: ['models', '--auth', 'api-key', '--region', 'us-east-1', '--json'], env: noBaseUrl(viaProxy('auth')), id: 'proxy-auth', where: 'models' },
      { label: 'endless keep-alives', args: [...smokeArgs('api-key'), '--json'], env: home('keepalive').env, id: 'answer-too-slow', where: 'smoke' },
      { label: 'dripping model list', args: ['models', '--auth', 'api-key', '--region', 'us-east-1', '--json'], env: home('drip').env, id: 'answer-too-slow', where: 'models' },
    ];
    const CEILING_S = 5;
    const runs = await inPool(cases, 4, (c) => runMeasured([...c.args, '--timeout', String(CEILING_S)], c.env));
    runs.forEach((r, i) => {
      const c = cases[i]!;
      expectSafe(r, c.label);
      expect(r.exitCode, c.label).toBe(1);
      expect(jsonId(r, c.where), `${c.label}: ${r.stdout}`).toBe(c.id);
      expect(r.ms, c.label).toBeLessThan(CEILING_S * 1000 + 5_000);
    });
    // setup --auth profile through a silent proxy used to print ✗ and never exit.
    const setup = await runMeasured(['setup', '--yes', '--auth', 'env', '--region', 'us-east-1', '--model', GOOD_MODEL, '--timeout', '4'], noBaseUrl(viaProxy('silent')));
    expectSafe(setup, 'setup');
    expect(setup.exitCode).toBe(1);
    expect(setup.stdout).toMatch(/✗ The proxy in HTTPS_PROXY did not answer/);
    expect(setup.ms).toBeLessThan(9_000);
  });

  it('memory: a 100 MB stream event, a 500 MB error body and 300 MB / 500 MB answers to the SDK are refused or cut, under 150 MB', async () => {
    const sdk = (mode: string) => runMeasured(['models', '--auth', 'env', '--region', 'us-east-1', '--json'], { ...home('escape').env, AWS_ENDPOINT_URL_BEDROCK: `${mantle.url}/${mode}` });
    const [event, error, sdkList, sdkError] = await Promise.all([
      runMeasured([...smokeArgs('api-key'), '--json'], home('hugeevent').env),
      runMeasured([...smokeArgs('api-key'), '--json'], home('hugeerror').env),
      sdk('sdkhugelist'),
      sdk('sdkhugeerror'),
    ]);
    for (const [r, label] of [[event, 'event'], [error, 'error'], [sdkList, 'sdk list'], [sdkError, 'sdk error']] as const) {
      expectSafe(r, label);
      expect(r.ms, label).toBeLessThan(15_000);
    }
    // The control plane is optional for models: Mantle's list still answers.
    for (const r of [sdkList, sdkError]) expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
    expect(jsonId(event, 'smoke')).toBe('response-too-large');
    expect(jsonId(error, 'smoke')).toBe('service-error');
  });

  it('files: a FIFO, a link to /dev/zero and a 43 MB config.toml are refused at once with a clear message', async () => {
    const make = (kind: 'fifo' | 'zero' | 'big') => {
      const { env, codexHome } = home('escape');
      const file = join(codexHome, 'config.toml');
      execFileSync('rm', [file]);
      if (kind === 'fifo') execFileSync('mkfifo', [file]);
      if (kind === 'zero') symlinkSync('/dev/zero', file);
      if (kind === 'big') execFileSync('truncate', ['-s', '43M', file]);
      return env;
    };
    const kinds = ['fifo', 'zero', 'big'] as const;
    const runs = await Promise.all(kinds.map((k) => runMeasured([...smokeArgs('api-key')], make(k), 20_000)));
    const said = { fifo: /named pipe \(FIFO\), not a file/, zero: /is a device, not a file/, big: /is 43\.0 MB, far larger than any config file/ };
    runs.forEach((r, i) => {
      const k = kinds[i]!;
      expectSafe(r, k);
      expect(r.exitCode, k).toBe(1);
      expect(r.stdout, k).toMatch(said[k]);
      expect(r.ms, k).toBeLessThan(5_000);
    });
  });

  it('child output: 700 MB from codex doctor does not crash doctor, and stays under 150 MB', async () => {
    const { env } = home('escape');
    const bin = mkdtempSync(join(tmpdir(), 'cbs-fake-codex-'));
    const fake = join(bin, 'codex');
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "codex-cli 0.171.0"; exit 0; fi\nhead -c 734003200 /dev/zero\n');
    chmodSync(fake, 0o755);
    const r = await runMeasured(['doctor', '--json'], { ...env, PATH: `${bin}:/usr/bin:/bin` }, 60_000);
    expectSafe(r, 'doctor');
    const doc = JSON.parse(r.stdout) as { checks: { id: string; summary: string }[] };
    expect(doc.checks.find((c) => c.id === 'codex-doctor')?.summary).toMatch(/codex doctor --json exited 0 without a report/);
  }, 60_000);
});

describe('smaller', () => {
  it('the --demo home (fake credentials) is removed after Ctrl-C, SIGHUP or a closed pipe', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./helpers.js');
    const one = (how: 'SIGINT' | 'SIGHUP' | 'EPIPE') =>
      new Promise<{ home: string; code: number | null }>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, '--demo', 'smoke', '--prompt', 'Write a long story.'], { env: isolatedEnv({ PATH: '/usr/bin:/bin' }), stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let home = '';
        child.stderr.on('data', (b: Buffer) => {
          err += b.toString();
          const m = /Codex home (\S+?);/.exec(err);
          if (m && !home) {
            home = m[1]!.replace(/\/\.codex$/, '');
            if (how === 'EPIPE') child.stdout.destroy();
            else child.kill(how);
          }
        });
        child.on('error', reject);
        child.on('exit', (code) => resolve({ home, code }));
      });
    const runs = await Promise.all((['SIGINT', 'SIGHUP', 'EPIPE'] as const).map(one));
    for (const r of runs) {
      expect(r.home).toMatch(/codex-bedrock-demo-/);
      expect(existsSync(r.home), r.home).toBe(false);
    }
    expect(runs[0]!.code).toBe(130);
  });

  it('help for an unknown command and a bad --timeout are usage errors (exit 2)', async () => {
    const [help, timeout] = await Promise.all([runMeasured(['help', 'bogus'], isolatedEnv()), runMeasured(['models', '--timeout', '0'], isolatedEnv())]);
    expect(help.exitCode).toBe(2);
    expect(help.stderr).toMatch(/No help for "bogus": commands are setup, models/);
    expect(help.stdout).toBe('');
    expect(timeout.exitCode).toBe(2);
    expect(timeout.stderr).toMatch(/--timeout takes seconds, from 1 to 86400/);
  });
});
