// restore and uninstall through the seam: parsed flags, the real config service and manifest on a temporary
// home, a capturing Io; exit codes, what is said, the --json documents.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runInContext } from '../../src/commands/run.js';
import { createConfigService } from '../../src/services/configService.js';
import { manifestPaths } from '../../src/services/manifest.js';
import { captureIo, captureStderr } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

let env: NodeJS.ProcessEnv;
let codexHome: string;
let awsConfig: string;
const ORIGINAL = '# mine\n[default]\nregion = eu-west-1\n';

beforeEach(async () => {
  const home = await mkdtemp(join(tmpdir(), 'cbs-restore-'));
  codexHome = join(home, '.codex');
  awsConfig = join(home, '.aws', 'config');
  await mkdir(codexHome, { recursive: true });
  await mkdir(join(home, '.aws'));
  await writeFile(awsConfig, ORIGINAL);
  env = { HOME: home, CODEX_HOME: codexHome, AWS_CONFIG_FILE: awsConfig };
});

async function run(argv: string[]) {
  const io = captureIo();
  const stderr = captureStderr();
  const services = { ...fakeServices(env), config: createConfigService(env) };
  const code = await runInContext({ options: parseCli(argv, env), services, io }, stderr);
  return { code, io, stderr };
}

async function setupSso(): Promise<void> {
  const config = createConfigService(env);
  await config.applyPlan(await config.planSsoProfile({ profile: 'dev', session: 'corp', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', region: 'us-east-1' }));
}

describe('restore', () => {
  it('--list shows each run with its files and backups, and the commands to undo', async () => {
    await setupSso();
    const { code, io } = await run(['restore', '--list']);
    expect(code).toBe(0);
    expect(io.lines[0]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4} {2}\S+ {2}\S+ \(codex-bedrock-setup \S+\)$/);
    expect(io.lines[1]).toMatch(new RegExp(`^ {2}changed ${awsConfig.replace(/[.]/g, '\\.')} {2}backup: .*config\\.bak-\\d{8}-\\d{6}$`));
    expect(io.lines.at(-1)).toMatch(/Undo one run: codex-bedrock-setup restore --run \S+ +Undo everything: codex-bedrock-setup uninstall/);
    const json = await run(['restore', '--list', '--json']);
    expect(json.io.json()).toMatchObject({ ok: true, manifestPath: manifestPaths(codexHome).manifest, runs: [{ files: [{ path: awsConfig, action: 'changed', awsSectionsAdded: ['sso-session corp', 'profile dev'] }] }] });
  });

  it('without a terminal and without --yes: the diff, then exit 2 naming the command with --yes; nothing changed', async () => {
    await setupSso();
    const written = await readFile(awsConfig, 'utf8');
    const { code, io, stderr } = await run(['restore']);
    expect(code).toBe(2);
    expect(io.lines.join('\n')).toContain('-[sso-session corp]');
    expect(stderr.text()).toMatch(/No terminal to ask for confirmation; nothing was changed\. .*codex-bedrock-setup restore --run \S+ --yes/);
    expect(await readFile(awsConfig, 'utf8')).toBe(written);
  });

  it('--yes puts the run back, and the restore can itself be undone', async () => {
    await setupSso();
    const written = await readFile(awsConfig, 'utf8');
    const first = await run(['restore', '--yes', '--json']);
    expect(first.code).toBe(0);
    expect(await readFile(awsConfig, 'utf8')).toBe(ORIGINAL);
    const doc = first.io.json<{ applied: { path: string; action: string; backupPath: string }[]; undo: string }>();
    expect(doc.applied).toEqual([{ path: awsConfig, action: 'write', backupPath: expect.stringContaining('config.bak-') }]);
    expect(await readFile(doc.applied[0]!.backupPath, 'utf8')).toBe(written);
    const again = await run([...doc.undo.split(' ').slice(1), '--yes']);
    expect(again.code).toBe(0);
    expect(await readFile(awsConfig, 'utf8')).toBe(written);
  });

  it('with nothing recorded: restore is bad usage, uninstall has nothing to do', async () => {
    const r = await run(['restore', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.text()).toMatch(/manifest is empty/);
    const u = await run(['uninstall', '--yes', '--json']);
    expect(u.code).toBe(0);
    expect(u.io.json()).toMatchObject({ ok: true, steps: [], applied: [] });
  });

  it('a corrupt manifest is a diagnosis (exit 1) saying how to start over, not a crash', async () => {
    await mkdir(manifestPaths(codexHome).dir, { recursive: true });
    await writeFile(manifestPaths(codexHome).manifest, '[]');
    const { code, io } = await run(['uninstall', '--yes']);
    expect(code).toBe(1);
    expect(io.lines.join('\n')).toMatch(/manifest\.json cannot be read .*mv /);
    expect(await readFile(awsConfig, 'utf8')).toBe(ORIGINAL);
  });
});
