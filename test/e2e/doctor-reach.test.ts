// doctor when Bedrock Mantle is out of reach but STS is not, and when a real proxy in front of the emulator refuses
// the tunnel (502, 503), asks for a password (407) or drops it: each check answers for its own host, the proxy is
// named by its variable (never its password) with a curl that tests it, and the region is not blamed.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { configuredWorld, doctorJson, pool, type DoctorJson } from './doctor.helpers.js';

type Rule = (host: string) => string | 'drop' | null;

/** A real HTTP proxy in front of the emulator's: it answers CONNECT itself where `rule` says, else tunnels on. */
async function frontProxy(upstream: string, rule: Rule): Promise<{ port: number; server: Server }> {
  const up = new URL(upstream);
  const server = createServer((client: Socket) => {
    client.on('error', () => client.destroy());
    client.once('data', (head: Buffer) => {
      const host = (head.toString('latin1').split(' ')[1] ?? '').replace(/:\d+$/, '');
      const answer = rule(host);
      if (answer === 'drop') return client.destroy();
      if (answer) return client.end(`HTTP/1.1 ${answer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      const next = connect(Number(up.port), up.hostname, () => {
        next.write(head);
        client.pipe(next).pipe(client);
      });
      next.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as { port: number }).port, server };
}

const MANTLE = /^bedrock-mantle\./;
let emu: Emulator;
const servers: Server[] = [];
const reports = new Map<string, DoctorJson>();

interface Case {
  name: string;
  variable: 'HTTPS_PROXY' | 'https_proxy' | 'ALL_PROXY';
  answer: string | 'drop';
  /** The hosts the proxy refuses; Bedrock Mantle's unless told. */
  hosts?: RegExp;
}
const CASES: Case[] = [
  { name: '502', variable: 'HTTPS_PROXY', answer: '502 Bad Gateway' },
  { name: '503', variable: 'ALL_PROXY', answer: '503 Service Unavailable' },
  { name: '407', variable: 'https_proxy', answer: '407 Proxy Authentication Required' },
  { name: 'drop', variable: 'HTTPS_PROXY', answer: 'drop' },
  // Every AWS host refused: each check says so for its own host.
  { name: 'all', variable: 'https_proxy', answer: '502 Bad Gateway', hosts: /./ },
];

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 5, interTokenMs: 1 } });
  await pool(
    CASES.map((c) => async () => {
      const front = await frontProxy(emu.proxyUrl!, (host) => ((c.hosts ?? MANTLE).test(host) ? c.answer : null));
      servers.push(front.server);
      const w = await configuredWorld(emu);
      // The password must never reach the report: the proxy is shown by scheme, host and port.
      const env = { ...w.env, HTTPS_PROXY: undefined, [c.variable]: `http://alice:s3cret-pw@127.0.0.1:${front.port}` };
      reports.set(c.name, (await doctorJson(env)).report);
    }),
    2,
  );
}, 300_000);
afterAll(() => {
  for (const s of servers) s.close();
  return emu?.close();
});

const check = (name: string, id: string) => reports.get(name)!.checks.find((c) => c.id === id);

describe('doctor: Mantle out of reach, STS answering', () => {
  it.each(CASES.filter((c) => !c.hosts).map((c) => [c.name, c] as const))('%s: the credentials and the control plane are checked anyway and pass on their own', (name) => {
    expect(check(name, 'region')).toMatchObject({ status: 'fail' });
    expect(check(name, 'credentials')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^Signed in as arn:aws:/) });
    expect(check(name, 'control-plane')).toMatchObject({ status: 'pass' });
    expect(check(name, 'proxy')).toMatchObject({ status: 'pass' });
    expect(JSON.stringify(reports.get(name))).not.toContain('s3cret-pw');
  });

  it('a tunnel dropped on the way: a failed connection, not a missing region', () => {
    const c = check('drop', 'region')!;
    expect(c.diagnosis).toBe('connection-failed');
    expect(c.fix).toContain('went through the proxy http://127.0.0.1:');
    expect(c.fix).toContain('(HTTPS_PROXY): test it by itself with curl');
    expect(c.fix).not.toMatch(/validated region/);
  });
});

describe('doctor: the proxy answered instead of opening the tunnel', () => {
  it('502: the proxy, from HTTPS_PROXY, could not reach the host; a curl through "$HTTPS_PROXY" tests it', () => {
    const c = check('502', 'region')!;
    expect(c.diagnosis).toBe('proxy-tunnel-refused');
    expect(c.summary).toContain(`the proxy http://127.0.0.1:`);
    expect(c.summary).toContain('from HTTPS_PROXY, answered HTTP 502 instead of opening a tunnel to bedrock-mantle.us-east-1.api.aws');
    expect(c.why).toMatch(/could not connect to that host itself.*not AWS's: the region and the credentials are not the cause/);
    expect(c.fix).toContain(`curl -sS -o /dev/null -w '%{http_code}\\n' -x "$HTTPS_PROXY" https://bedrock-mantle.us-east-1.api.aws/`);
    expect(c.fix).toContain('allow CONNECT to bedrock-mantle.us-east-1.api.aws:443');
    expect(c.fix).not.toMatch(/Choose a validated region/);
  });

  it('503 through ALL_PROXY: named by ALL_PROXY, overloaded', () => {
    const c = check('503', 'region')!;
    expect(c.diagnosis).toBe('proxy-tunnel-refused');
    expect(c.summary).toContain('from ALL_PROXY, answered HTTP 503');
    expect(c.why).toMatch(/overloaded/);
    expect(c.fix).toContain('-x "$ALL_PROXY"');
  });

  it('every host refused: STS is checked on its own and its row names the proxy, its variable and the STS host', () => {
    expect(check('all', 'region')).toMatchObject({ diagnosis: 'proxy-tunnel-refused' });
    const sts = check('all', 'credentials')!;
    expect(sts).toMatchObject({ status: 'fail', diagnosis: 'proxy-tunnel-refused' });
    expect(sts.summary).toMatch(/^The proxy http:\/\/127\.0\.0\.1:\d+ \(https_proxy\) refused to open a tunnel to sts\.us-east-1\.amazonaws\.com \(HTTP 502\)$/);
    expect(sts.fix).toContain('-x "$https_proxy" https://sts.us-east-1.amazonaws.com/');
    expect(JSON.stringify(reports.get('all'))).not.toContain('s3cret-pw');
  });

  it('407 through https_proxy: the password it wants, in the variable in use', () => {
    const c = check('407', 'region')!;
    expect(c.diagnosis).toBe('proxy-auth');
    expect(c.summary).toContain('from https_proxy, answered HTTP 407');
    expect(c.fix).toContain('in https_proxy before the host');
    expect(c.fix).toContain('-x "$https_proxy"');
  });
});
