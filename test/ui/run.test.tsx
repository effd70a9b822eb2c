import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runWizard, NOT_A_TTY_MESSAGE } from '../../src/commands/wizard.js';
import { fakeServices } from './fakes.js';

class FakeStdin extends EventEmitter {
  isTTY: boolean;
  rawMode: boolean[] = [];
  private data: string | null = null;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read() {
    const d = this.data;
    this.data = null;
    return d;
  }
  setRawMode(on: boolean) {
    this.rawMode.push(on);
    return this;
  }
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  out = '';
  frames: string[] = [];
  write = (s: string) => {
    this.out += s;
    this.frames.push(s);
    return true;
  };
}

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (pred()) return;
    await tick(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function io(isTTY = true) {
  const signals = new EventEmitter();
  const stdin = new FakeStdin(isTTY);
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  return { stdin, stdout, stderr, opts: { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, debug: true, signals: signals as unknown as NodeJS.Process }, signals };
}

const press = async (stdin: FakeStdin, k: string) => {
  await tick(60);
  stdin.write(k);
};

describe('runWizard', () => {
  it('without a TTY it explains --yes and returns 2 (no Ink raw-mode error)', async () => {
    const t = io(false);
    const code = await runWizard(fakeServices(), t.opts);
    expect(code).toBe(2);
    expect(t.stderr.out).toBe(NOT_A_TTY_MESSAGE);
    expect(t.stderr.out).toContain('--yes');
    expect(t.stdout.out).toBe('');
  });

  it('an unreadable team template is a usage error (2) with a one-line message, before any drawing', async () => {
    const t = io();
    const code = await runWizard(fakeServices(), { ...t.opts, teamConfig: '/nonexistent/team.toml' });
    expect(code).toBe(2);
    expect(t.stderr.out).toMatch(/^codex-bedrock-setup: cannot use --team-config \/nonexistent\/team.toml: .*ENOENT.*\n$/);
    expect(t.stdout.out).toBe('');
  });

  it('draws the welcome, with the real config paths, before the services have loaded; the checks start once they have', async () => {
    const t = io();
    const services = fakeServices();
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    let asked = 0;
    const done = runWizard(
      async () => {
        asked++;
        await loaded;
        return services;
      },
      { ...t.opts, paths: { codexHome: '/home/dev/.codex', awsConfigPath: '/home/dev/.aws/config' } },
    );
    await until(() => t.stdout.out.includes('Welcome'), 'welcome');
    expect(t.stdout.out).toContain('/home/dev/.codex/config.toml');
    expect(t.stdout.out).toContain('/home/dev/.aws/config');
    expect(services.calls.whoAmI).toEqual([]);
    release();
    await until(() => asked === 1, 'services asked for');
    await press(t.stdin, '\u0003');
    expect(await done).toBe(130);
    expect(asked).toBe(1);
  });

  it('Ctrl-C restores the terminal (raw mode off, cursor shown) and returns 130', async () => {
    const t = io();
    const done = runWizard(fakeServices(), t.opts);
    await until(() => t.stdout.out.includes('Welcome'), 'welcome');
    await press(t.stdin, '\u0003');
    expect(await done).toBe(130);
    expect(t.stdin.rawMode.at(-1)).toBe(false);
    expect(t.stdout.out.endsWith('\u001B[?25h')).toBe(true);
  });

  it('SIGTERM restores the terminal and returns 130', async () => {
    const t = io();
    const done = runWizard(fakeServices(), t.opts);
    await until(() => t.stdout.out.includes('Welcome'), 'welcome');
    t.signals.emit('SIGTERM');
    expect(await done).toBe(130);
    expect(t.stdin.rawMode.at(-1)).toBe(false);
    expect(t.stdout.out.endsWith('\u001B[?25h')).toBe(true);
    expect(t.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('hands the terminal to the aws CLI with Ink unmounted, then redraws and continues', async () => {
    const t = io();
    const s = fakeServices();
    const read = s.config.readAwsProfiles;
    s.config.readAwsProfiles = async () => {
      const r = await read();
      return { ...r, profiles: [...r.profiles, { name: 'corp-bedrock', isSso: true, hasStaticKeys: false }] };
    };
    let rawDuringChild: boolean | undefined;
    let framesBeforeChild = 0;
    s.sso.runAwsInteractive = async (args, awsPath) => {
      s.calls.runAwsInteractive.push({ args, awsPath });
      rawDuringChild = t.stdin.rawMode.at(-1);
      framesBeforeChild = t.stdout.frames.length;
      await tick(100);
      return { exitCode: 0, signal: null };
    };
    const done = runWizard(s, {
      ...t.opts,
      wizard: {
        region: 'us-east-1',
        auth: 'sso',
        awsProfile: 'corp-bedrock',
        sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accountId: '123456789012', roleName: 'Dev' },
      },
    });
    await until(() => t.stdout.out.includes('Welcome'), 'welcome');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('enter continue'), 'preflight done');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('aws sso login --profile corp-bedrock'), 'hand-off screen');
    expect(t.stdout.out).toContain('pinned: region us-east-1 · sign-in sso · aws profile corp-bedrock');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('signed in as'), 'identity after hand-off');
    expect(s.calls.runAwsInteractive).toEqual([{ args: ['sso', 'login', '--profile', 'corp-bedrock'], awsPath: '/usr/bin/aws' }]);
    expect(rawDuringChild).toBe(false);
    // Nothing was drawn while the child owned the terminal, except the cursor being shown again.
    expect(t.stdout.frames.slice(framesBeforeChild - 1, framesBeforeChild).join('')).toContain('\u001B[?25h');
    await press(t.stdin, '\u0003');
    expect(await done).toBe(130);
  });

  it('a child that fails leads to the failure screen, not a crash', async () => {
    const t = io();
    const s = fakeServices();
    s.sso.runAwsInteractive = async () => ({ exitCode: null, signal: 'SIGINT' });
    const done = runWizard(s, {
      ...t.opts,
      wizard: { region: 'us-east-1', auth: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1' } },
    });
    await until(() => t.stdout.out.includes('Welcome'), 'welcome');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('enter continue'), 'preflight done');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('aws configure sso --profile codex-bedrock'), 'hand-off screen');
    await press(t.stdin, '\r');
    await until(() => t.stdout.out.includes('Retry'), 'failure');
    expect(t.stdout.out).toContain('interrupted (SIGINT)');
    expect(t.signals.listenerCount('SIGINT')).toBe(1); // the hand-off's ignore handler is gone
    await press(t.stdin, '\u0003');
    expect(await done).toBe(130);
  });
});
