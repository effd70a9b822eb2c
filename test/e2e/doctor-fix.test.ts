// doctor --fix --yes against the emulator: each broken config written for real, repaired, and doctor passes after.
// The built dist and the real Codex (its own doctor runs inside ours), one emulator, three worlds at a time.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CLI, runCli } from './helpers.js';
import { configuredWorld, doctorJson, editFile, pool } from './doctor.helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
});
afterAll(async () => emu?.close());

const MINE_TOP = '# my own note, kept byte for byte\n';
const MINE_END = '\n# and one at the end\n';

interface Case {
  name: string;
  /** The file the fault is written into, and the fault. */
  file: 'config.toml' | 'bedrock-prod.config.toml';
  break(text: string): string;
  /** The check doctor must fail or warn on before, and pass (or no longer raise) after. */
  check: string;
  /** The file as it must be after the repair, from the file before the fault. */
  expected?(healthy: string): string;
  /** Files the repair creates, with their contents. */
  created?: Record<string, string>;
}

/** A key written back goes below the keys of its table: the healthy file with region after profile. */
function regionLast(t: string): string {
  const line = /^region = .*\n/m.exec(t)![0];
  return t.replace(line, '').replace(/^(profile = .*\n)/m, `$1${line}`);
}

const REFRESH = 'auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "codex-bedrock"] }\n';

const CASES: Case[] = [
  { name: 'geography prefix on a Mantle model id', file: 'bedrock-prod.config.toml', break: (t) => t.replace(/^model = "openai\./m, 'model = "us.openai.'), check: 'codex-runtime-model-id' },
  { name: 'version suffix on a Mantle model id', file: 'bedrock-prod.config.toml', break: (t) => t.replace(/^model = "(openai\.[^"]+)"/m, 'model = "$1-1:0"'), check: 'codex-runtime-model-id' },
  {
    name: 'credential_export next to aws.profile',
    file: 'bedrock-prod.config.toml',
    break: (t) => `${t}\n[model_providers.amazon-bedrock.aws.credential_export]\ncommand = "/usr/local/bin/creds"\n`,
    check: 'codex-credential-export-with-profile',
  },
  { name: 'a misspelt key under .aws', file: 'config.toml', break: (t) => t.replace(/^region = /m, 'regoin = '), check: 'codex-unknown-aws-key', expected: regionLast },
  {
    name: 'aws.auth_refresh running a path to aws',
    file: 'config.toml',
    break: (t) => t.replace(/^(profile = .*\n)/m, `$1${REFRESH.replace('"aws"', '"/usr/bin/aws"')}`),
    // Codex's own doctor only says "invalid data"; the repair finds the command itself.
    check: 'codex-doctor-config',
    expected: (t) => t.replace(/^(profile = .*\n)/m, `$1${REFRESH}`),
  },
  {
    name: 'the legacy layout (top-level profile, [profiles.X])',
    file: 'config.toml',
    break: (t) => `${t.replace(/^\[model_providers/m, 'profile = "bedrock-staging"\n[model_providers')}\n[profiles.bedrock-staging]\nmodel = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n`,
    check: 'codex-legacy-profile-selector',
    created: { 'bedrock-staging.config.toml': '# Written by codex-bedrock-setup. Use: codex --profile bedrock-staging\nmodel = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n' },
  },
  // The emulator refuses Codex's hosted web_search tool, as some endpoints do: the smoke check fails on it.
  { name: 'web search not disabled where the endpoint refuses it', file: 'bedrock-prod.config.toml', break: (t) => t.replace(/^web_search = .*\n/m, ''), check: 'smoke' },
  {
    name: 'aws.profile naming a profile that does not exist',
    file: 'config.toml',
    break: (t) => t.replace(/^profile = "codex-bedrock"/m, 'profile = "codex-bedrok"'),
    check: 'aws-profile',
  },
  { name: 'no aws.region', file: 'config.toml', break: (t) => t.replace(/^region = .*\n/m, ''), check: 'region', expected: regionLast },
];

async function run(c: Case) {
  const w = await configuredWorld(emu);
  const path = join(w.codexHome, c.file);
  await editFile(join(w.codexHome, 'config.toml'), (t) => MINE_TOP + t + MINE_END);
  const healthy = await readFile(path, 'utf8');
  const other = c.file === 'config.toml' ? join(w.codexHome, 'bedrock-prod.config.toml') : join(w.codexHome, 'config.toml');
  const otherBefore = await readFile(other, 'utf8');
  await editFile(path, c.break);
  const broken = await readFile(path, 'utf8');
  const before = await doctorJson(w.env);
  const fix = await runCli(['doctor', '--fix', '--yes'], w.env, { timeout: 240_000 });
  const after = await doctorJson(w.env);
  return { w, path, healthy, broken, other, otherBefore, before, fix, after, backups: (await readdir(w.codexHome)).filter((f) => f.startsWith(`${c.file}.bak-`)) };
}

let results: Map<string, Awaited<ReturnType<typeof run>>>;
beforeAll(async () => {
  const out = await pool(CASES.map((c) => () => run(c)), 3);
  results = new Map(CASES.map((c, i) => [c.name, out[i]!]));
}, 600_000);

describe('doctor --fix --yes repairs what it found, and doctor passes after', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = results.get(c.name)!;
      expect(r.broken).not.toBe(r.healthy);
      expect(r.before.report.checks.find((x) => x.id === c.check && x.status !== 'pass'), JSON.stringify(r.before.report.checks)).toBeTruthy();
      expect(r.fix.exitCode, r.fix.stdout + r.fix.stderr).toBe(0);
      expect(r.fix.stdout).toContain('Config edits that fix what doctor found:');
      expect(r.after.report.checks.filter((x) => x.status === 'fail'), JSON.stringify(r.after.report.checks)).toEqual([]);
      expect(r.after.report.checks.filter((x) => x.id === c.check && x.status !== 'pass')).toEqual([]);
      expect(r.after.exitCode).toBe(0);
      // Our own comments and every unrelated line are as they were: the repaired file is the healthy one.
      expect(await readFile(r.path, 'utf8')).toBe(c.expected ? c.expected(r.healthy) : r.healthy);
      expect(await readFile(r.other, 'utf8')).toBe(r.otherBefore);
      for (const [name, text] of Object.entries(c.created ?? {})) expect(await readFile(join(r.w.codexHome, name), 'utf8')).toBe(text);
      expect(r.backups.length).toBe(1);
      expect(await readFile(join(r.w.codexHome, r.backups[0]!), 'utf8')).toBe(r.broken);
      // restore and uninstall see the write: it is in the manifest, and restore puts the broken file back.
      const list = await runCli(['restore', '--list', '--json'], r.w.env);
      expect(list.stdout).toContain(r.path);
      const restore = await runCli(['restore', '--yes'], r.w.env);
      expect(restore.exitCode, restore.stdout + restore.stderr).toBe(0);
      expect(await readFile(r.path, 'utf8')).toBe(r.broken);
    });
  }

  it('--json: one document with the edits, the files written, their backups and the report after', async () => {
    const w = await configuredWorld(emu);
    const path = join(w.codexHome, 'bedrock-prod.config.toml');
    await editFile(path, (t) => t.replace(/^model = "openai\./m, 'model = "global.openai.'));
    const r = await runCli(['doctor', '--fix', '--yes', '--json'], w.env, { timeout: 240_000 });
    const doc = JSON.parse(r.stdout) as { ok: boolean; repairs: string[]; written: string[]; backups: string[]; report: { ok: boolean; checks: { id: string; status: string }[] } };
    expect(doc.repairs).toEqual(['bedrock-prod.config.toml: model "global.openai.gpt-5.5" → "openai.gpt-5.5" (the Bedrock Mantle id)']);
    expect(doc.written).toEqual([path]);
    expect(doc.backups).toEqual([expect.stringMatching(/bedrock-prod\.config\.toml\.bak-/)]);
    expect(doc).toMatchObject({ ok: true, report: { ok: true } });
    expect(r.stderr).toContain('+model = "openai.gpt-5.5"');
    expect(r.exitCode).toBe(0);
  }, 240_000);

  it('without a terminal and without --yes shows the plan, changes nothing, and names the command', async () => {
    const w = await configuredWorld(emu);
    const path = join(w.codexHome, 'bedrock-prod.config.toml');
    await editFile(path, (t) => t.replace(/^model = "openai\./m, 'model = "global.openai.'));
    const broken = await readFile(path, 'utf8');
    const r = await runCli(['doctor', '--fix'], w.env, { timeout: 240_000 });
    expect(r.stdout).toMatch(/-model = "global\.openai\.gpt-5\.5"\n\+model = "openai\.gpt-5\.5"/);
    expect(r.stderr).toContain('run: npx codex-bedrock-setup doctor --fix --yes');
    expect(r.exitCode).toBe(2);
    expect(await readFile(path, 'utf8')).toBe(broken);
  }, 240_000);

  it('on a terminal asks "Apply these changes? [y/N]": no leaves the file, yes writes it', async () => {
    const w = await configuredWorld(emu);
    const path = join(w.codexHome, 'bedrock-prod.config.toml');
    await editFile(path, (t) => t.replace(/^model = "openai\./m, 'model = "global.openai.'));
    const broken = await readFile(path, 'utf8');
    const no = await onTerminal(w.env, 'n');
    expect(no.text).toContain('Apply these changes? [y/N]');
    expect(no.text).toContain('Nothing changed.');
    expect(no.exitCode).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(broken);
    const yes = await onTerminal(w.env, 'y');
    expect(yes.text).toContain('All checks passed.');
    expect(yes.exitCode).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(broken.replace('global.openai.', 'openai.'));
  }, 240_000);
});

/** doctor --fix on a pseudo-terminal, answering the question with `answer`. */
async function onTerminal(env: NodeJS.ProcessEnv, answer: string): Promise<{ exitCode: number; text: string }> {
  const pty = await import('node-pty');
  const child = pty.spawn(process.execPath, [CLI, 'doctor', '--fix'], { cols: 400, rows: 80, env: { ...env, TERM: 'xterm-256color' } as Record<string, string> });
  let raw = '';
  let answered = false;
  child.onData((d) => {
    raw += d;
    if (!answered && raw.includes('[y/N]')) {
      answered = true;
      child.write(`${answer}\r`);
    }
  });
  const exitCode = await new Promise<number>((resolve) => child.onExit((e) => resolve(e.exitCode)));
  // eslint-disable-next-line no-control-regex
  return { exitCode, text: raw.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '') };
}
