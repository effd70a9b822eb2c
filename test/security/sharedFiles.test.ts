// Shared config files: BOMs and hard links survive, backups are pruned, ownership is kept under root,
// one run writes a folder at a time, and a multi-file write is all or nothing.
import { chownSync, existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexHomeOf, createConfigService, expandHome } from '../../src/services/configService.js';
import { isServiceError } from '../../src/services/errors.js';
import { KEEP_BACKUPS, readTextFile, withFolderLock, writeFileAtomic } from '../../src/services/files.js';

const dir = () => mkdtempSync(join(tmpdir(), 'cbs-shared-'));

describe('writeFileAtomic on shared files', () => {
  it('keeps a UTF-8 BOM byte for byte', async () => {
    const file = join(dir(), 'config.toml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('model = "a"\n')]));
    const snap = await readTextFile(file);
    expect(snap.bom).toBe(true);
    await writeFileAtomic(file, snap.text.replace('"a"', '"b"'), { expectedHash: snap.hash });
    expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(file, 'utf8')).toBe('\uFEFFmodel = "b"\n');
  });

  it('keeps a hard link: both names see the new text, after a backup', async () => {
    const d = dir();
    const file = join(d, 'config.toml');
    const other = join(d, 'dotfiles-config.toml');
    writeFileSync(file, 'a = 1\n');
    linkSync(file, other);
    const res = await writeFileAtomic(file, 'a = 2\n', { expectedHash: (await readTextFile(file)).hash });
    expect(readFileSync(other, 'utf8')).toBe('a = 2\n');
    expect(statSync(file).ino).toBe(statSync(other).ino);
    expect(readFileSync(res.backupPath!, 'utf8')).toBe('a = 1\n');
  });

  it(`prunes backups to the newest ${KEEP_BACKUPS} per file`, async () => {
    const d = dir();
    const file = join(d, 'config.toml');
    writeFileSync(file, 'v = 0\n');
    for (let i = 1; i <= KEEP_BACKUPS + 3; i++) await writeFileAtomic(file, `v = ${i}\n`, { now: () => new Date(2026, 0, 1, 12, 0, i) });
    const backups = readdirSync(d).filter((n) => n.includes('.bak-')).sort();
    expect(backups).toHaveLength(KEEP_BACKUPS);
    // The newest survive: the last backup holds the text before the last write.
    expect(readFileSync(join(d, backups.at(-1)!), 'utf8')).toBe(`v = ${KEEP_BACKUPS + 2}\n`);
  });

  it("as root over another user's folder, files and backups stay that user's (otherwise they are the writer's own)", async () => {
    const d = dir();
    const root = process.getuid?.() === 0;
    const owner = root ? 1234 : process.getuid!();
    if (root) chownSync(d, owner, owner);
    const file = join(d, 'config.toml');
    writeFileSync(file, 'a = 1\n');
    if (root) chownSync(file, owner, owner);
    const res = await writeFileAtomic(file, 'a = 2\n');
    const fresh = await writeFileAtomic(join(d, 'bedrock-prod.config.toml'), 'm = 1\n');
    // A Codex home that does not exist yet (sudo with HOME=/home/user): created as the user's.
    const nested = await writeFileAtomic(join(d, 'new', '.codex', 'config.toml'), 'm = 1\n');
    for (const p of [file, res.backupPath!, fresh.path, nested.path, join(d, 'new'), join(d, 'new', '.codex')]) expect(statSync(p).uid, p).toBe(owner);
  });
});

describe('one run per folder', () => {
  it('a live lock holder makes the other run stop with who holds it; a dead holder is taken over', async () => {
    const d = dir();
    let release!: () => void;
    const held = withFolderLock(d, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    const err = await withFolderLock(d, async () => 'ran', { waitMs: 200 }).catch((e: unknown) => e);
    expect(isServiceError(err) && err.failure.message).toMatch(new RegExp(`Another codex-bedrock-setup run \\(process ${process.pid} on .+\\) is writing in ${d}\\. Nothing was written`));
    release();
    await held;
    writeFileSync(join(d, '.codex-bedrock-setup.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: new Date().toISOString() }));
    expect(await withFolderLock(d, async () => 'ran')).toBe('ran');
    expect(existsSync(join(d, '.codex-bedrock-setup.lock'))).toBe(false);
  });

  it('a multi-file plan is all or nothing: when the last file fails, the ones written are restored', async () => {
    const root = dir();
    const codexHome = join(root, '.codex');
    const svc = createConfigService({ HOME: root, CODEX_HOME: codexHome }, undefined);
    const plan = await svc.planCodexConfig({ region: 'us-east-1', profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }], codexVersion: null });
    expect(plan.changes.length).toBe(2);
    // config.toml is written last; make it fail by putting a directory where it goes.
    (await import('node:fs')).mkdirSync(join(codexHome, 'config.toml'), { recursive: true });
    const err = await svc.applyPlan(plan).catch((e: unknown) => e);
    expect(isServiceError(err)).toBe(true);
    expect(existsSync(join(codexHome, 'bedrock-prod.config.toml'))).toBe(false);
  });
});

describe('paths', () => {
  it('HOME="" never means the current folder; ~ in --codex-home is expanded', () => {
    const env = { HOME: '' };
    expect(codexHomeOf(env)).toMatch(/^\/.+\/\.codex$/);
    expect(codexHomeOf({ HOME: '/home/u' }, '~/x')).toBe('/home/u/x');
    expect(expandHome('~', { HOME: '/home/u' })).toBe('/home/u');
    expect(codexHomeOf({ HOME: '/home/u', CODEX_HOME: '' })).toBe('/home/u/.codex');
  });
});

describe('SSO input is checked before the first write', () => {
  it('a role name with control characters is refused at planning, and the AWS config is untouched', async () => {
    const root = dir();
    const awsConfig = join(root, 'config');
    writeFileSync(awsConfig, '[default]\nregion = us-east-1\n');
    const svc = createConfigService({ HOME: root, AWS_CONFIG_FILE: awsConfig });
    const err = await svc
      .planSsoProfile({ profile: 'p', session: 's', startUrl: 'https://x.awsapps.com/start', ssoRegion: 'us-east-1', region: 'us-east-1', accountId: '123456789012', roleName: 'Admin\u001B]0;x\u0007' })
      .catch((e: unknown) => e);
    expect(isServiceError(err) && err.failure.message).toMatch(/^The SSO roleName contains control characters \("Admin␛\]0;x␇"\); nothing was written/);
    expect(readFileSync(awsConfig, 'utf8')).toBe('[default]\nregion = us-east-1\n');
  });
});
