// Windows, simulated: npm installs `codex` as codex.cmd, the aws CLI is aws.exe. Our lookup must find both
// through PATHEXT, and the spawn (execa, through cross-spawn) must run a .cmd without handing a command line to a
// shell unescaped. cross-spawn decides by process.platform when it loads, so a fresh copy is loaded under 'win32'.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnOptions } from '../../src/services/proc.js';
import { createToolsService, executableNames, whichAll, type Runner } from '../../src/services/tools.js';

/** A Windows file system: the files that exist, by lower-cased path (NTFS is case-insensitive). */
function fakeWindowsFs(files: string[]) {
  const byKey = new Map(files.map((f) => [f.toLowerCase(), f]));
  return { platform: 'win32' as const, probe: async (candidate: string) => byKey.get(candidate.toLowerCase()) ?? null };
}

describe('PATH lookup on Windows (simulated)', () => {
  const env = { Path: 'C:\\Python311\\Scripts;"C:\\Program Files\\Amazon\\AWSCLIV2";C:\\Users\\me\\AppData\\Roaming\\npm', PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.JS' };
  const lookup = fakeWindowsFs([
    'C:\\Python311\\Scripts\\aws.cmd', // pip's aws CLI v1 wrapper
    'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe',
    'C:\\Users\\me\\AppData\\Roaming\\npm\\codex.cmd',
    'C:\\Users\\me\\AppData\\Roaming\\npm\\codex', // npm's sh shim for Git Bash: not runnable by CreateProcess
  ]);

  it('tries each PATHEXT extension, in order, and keeps a name that already has one as is', () => {
    expect(executableNames('aws', env, 'win32')).toEqual(['aws.com', 'aws.exe', 'aws.bat', 'aws.cmd', 'aws.vbs', 'aws.js']);
    expect(executableNames('aws.exe', env, 'win32')).toEqual(['aws.exe']);
    expect(executableNames('aws', {}, 'win32')).toEqual(['aws.com', 'aws.exe', 'aws.bat', 'aws.cmd']);
    expect(executableNames('aws', env, 'linux')).toEqual(['aws']);
  });

  it('finds aws.exe and codex.cmd on a Path spelt in any case, with quoted folders, in PATH order', async () => {
    expect(await whichAll('aws', env, lookup)).toEqual(['C:\\Python311\\Scripts\\aws.cmd', 'C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe']);
    expect(await whichAll('codex', env, lookup)).toEqual(['C:\\Users\\me\\AppData\\Roaming\\npm\\codex.cmd']);
    // The same folders on POSIX rules find nothing: no PATH variable, no extensions.
    expect(await whichAll('codex', env, { platform: 'linux', probe: lookup.probe })).toEqual([]);
  });

  it('the tools service runs what the lookup found: codex.cmd and both aws CLIs', async () => {
    const ran: string[] = [];
    const run: Runner = async (file, args) => {
      ran.push(`${file} ${args.join(' ')}`);
      const stdout = file.endsWith('codex.cmd') ? 'codex-cli 0.171.0' : file.endsWith('aws.exe') ? 'aws-cli/2.31.0 Python/3.13' : 'aws-cli/1.44.0 Python/3.11';
      return { exitCode: 0, stdout, stderr: '', failed: false };
    };
    const tools = createToolsService({ env, run, lookup });
    expect(await tools.findCodex()).toEqual({ path: 'C:\\Users\\me\\AppData\\Roaming\\npm\\codex.cmd', version: '0.171.0' });
    expect((await tools.findAwsClis()).map((c) => [c.path, c.major])).toEqual([
      ['C:\\Python311\\Scripts\\aws.cmd', 1],
      ['C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe', 2],
    ]);
    expect(ran).toContain('C:\\Users\\me\\AppData\\Roaming\\npm\\codex.cmd --version');
  });
});

describe('spawning a .cmd shim on Windows (simulated) goes through execa without a shell', () => {
  const realPlatform = process.platform;
  afterEach(() => Object.defineProperty(process, 'platform', { value: realPlatform }));

  /** execa's own cross-spawn, loaded fresh while process.platform says win32. */
  function windowsCrossSpawn(): { _parse(file: string, args: string[], opts: object): { command: string; args: string[]; options: { windowsVerbatimArguments?: boolean; shell?: unknown } } } {
    const fromExeca = createRequire(resolve('node_modules/execa/package.json'));
    const entry = fromExeca.resolve('cross-spawn');
    const load = createRequire(entry);
    const ours = Object.keys(load.cache).filter((k) => /[\\/]node_modules[\\/](cross-spawn|which|isexe|path-key|shebang-command|shebang-regex)[\\/]/.test(k));
    for (const k of ours) delete load.cache[k];
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      return load(entry);
    } finally {
      Object.defineProperty(process, 'platform', { value: realPlatform });
      for (const k of Object.keys(load.cache).filter((k) => /[\\/]node_modules[\\/](cross-spawn|which|isexe|path-key|shebang-command|shebang-regex)[\\/]/.test(k))) delete load.cache[k];
    }
  }

  it('our spawn options never ask for a shell and do not detach on Windows', () => {
    const o = spawnOptions({ env: {}, stdio: 'pipe' }, 'win32');
    expect(o.shell).toBe(false);
    expect(o.detached).toBe(false);
    expect(o.windowsHide).toBe(true);
    expect(o.extendEnv).toBe(false);
    expect(spawnOptions({ env: {}, stdio: 'pipe' }, 'darwin').detached).toBe(true);
  });

  it('a .cmd runs as cmd.exe /d /s /c with every metacharacter escaped; an .exe runs directly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbs-win-'));
    const cmd = join(dir, 'codex.cmd');
    const exe = join(dir, 'aws.exe');
    writeFileSync(cmd, '@ECHO off\r\nnode "%~dp0\\node_modules\\@openai\\codex\\bin\\codex.js" %*\r\n');
    writeFileSync(exe, 'MZ');
    const crossSpawn = windowsCrossSpawn();
    const hostile = 'x" & calc & echo "';
    const opts = { ...spawnOptions({ env: { Path: dir, PATHEXT: '.EXE;.CMD' }, stdio: 'pipe' }, 'win32') };

    const shim = crossSpawn._parse(cmd, ['exec', '--profile', hostile, 'model_provider="amazon-bedrock"'], opts);
    expect(shim.command).toMatch(/cmd\.exe$/i);
    expect(shim.args.slice(0, 3)).toEqual(['/d', '/s', '/c']);
    expect(shim.options.windowsVerbatimArguments).toBe(true);
    const line = shim.args[3]!;
    // Every & and " the argument carries is escaped with ^, so cmd.exe never reads a second command.
    expect(line).not.toMatch(/(?<!\^)&/);
    expect(line).toContain('^&');
    expect(line).toContain('^"amazon-bedrock\\^"');

    const direct = crossSpawn._parse(exe, ['--version'], opts);
    expect(direct.command).toBe(exe);
    expect(direct.args).toEqual(['--version']);
    expect(direct.options.windowsVerbatimArguments).toBeUndefined();
  });
});
