import { describe, expect, it } from 'vitest';
import { changedKeys, describeChange, emptyManifest, parseManifest, runId, type Manifest, type ManifestFile, type ManifestRun } from '../../src/core/manifest.js';
import { chooseRun, originalHash, planRestore, planUninstall, type FilesNow } from '../../src/core/uninstallPlan.js';

const file = (path: string, hashBefore: string | null, hashAfter: string | null): ManifestFile => ({ path, hashBefore, hashAfter, backupPath: hashBefore ? `${path}.bak` : null });
const run = (id: string, command: string, ...files: ManifestFile[]): ManifestRun => ({ id, time: '2026-01-01T00:00:00Z', command, toolVersion: '0.1.0', files });
const manifest = (...runs: ManifestRun[]): Manifest => ({ version: 1, runs });
const world = (hashes: Record<string, string | null>, stored: string[] = ['O', 'U', 'B', 'C'], texts: Record<string, string> = {}): FilesNow => ({
  hashOf: (p) => hashes[p] ?? null,
  stored: (h) => stored.includes(h),
  textOf: (p) => texts[p] ?? null,
  storedText: (h) => texts[h] ?? null,
});

describe('planUninstall', () => {
  it('puts a changed file back to its state before our first write, and removes a file we created', () => {
    const m = manifest(run('1', 'setup', file('config.toml', 'O', 'B'), file('p.config.toml', null, 'P')));
    expect(planUninstall(m, world({ 'config.toml': 'B', 'p.config.toml': 'P' }))).toEqual([
      { path: 'config.toml', action: 'write', currentHash: 'B', targetHash: 'O' },
      { path: 'p.config.toml', action: 'delete', currentHash: 'P' },
    ]);
  });

  it('follows a chain of our own runs back to the first (setup, setup again, a tools fix)', () => {
    const m = manifest(run('1', 'setup', file('c', 'O', 'B')), run('2', 'setup', file('c', 'B', 'C')), run('3', 'setup', file('c', 'C', 'D')));
    expect(originalHash(m, 'c')).toEqual({ original: 'O', last: 'D', sectionsAdded: [] });
    expect(planUninstall(m, world({ c: 'D' }))).toEqual([{ path: 'c', action: 'write', currentHash: 'D', targetHash: 'O' }]);
  });

  it('keeps an edit the user made between two runs (the chain breaks there)', () => {
    const m = manifest(run('1', 'setup', file('c', 'O', 'B')), run('2', 'setup', file('c', 'U', 'C')));
    expect(planUninstall(m, world({ c: 'C' }))).toEqual([{ path: 'c', action: 'write', currentHash: 'C', targetHash: 'U' }]);
  });

  it('sees through an earlier uninstall: setup, uninstall, setup again still goes back to the original', () => {
    const m = manifest(run('1', 'setup', file('c', 'O', 'B')), run('2', 'uninstall', file('c', 'B', 'O')), run('3', 'setup', file('c', 'O', 'B')));
    expect(planUninstall(m, world({ c: 'B' }))).toEqual([{ path: 'c', action: 'write', currentHash: 'B', targetHash: 'O' }]);
  });

  it('leaves a file edited since our last write, and one already as it was; says when the copy is gone', () => {
    const m = manifest(run('1', 'setup', file('a', 'O', 'B'), file('b', null, 'P'), file('c', 'X', 'Y')));
    expect(planUninstall(m, world({ a: 'E', b: null, c: 'Y' }, ['O']))).toEqual([
      { path: 'a', action: 'keep', reason: 'edited' },
      { path: 'b', action: 'keep', reason: 'already' },
      { path: 'c', action: 'keep', reason: 'no-copy' },
    ]);
  });
});

describe('planRestore', () => {
  const m = manifest(run('1', 'setup', file('c', 'O', 'B'), file('p', null, 'P')), run('2', 'setup', file('c', 'B', 'C')));

  it("puts back one run's files as they were before it, later runs included", () => {
    expect(planRestore(m, m.runs[1]!, world({ c: 'C', p: 'P' }))).toEqual([{ path: 'c', action: 'write', currentHash: 'C', targetHash: 'B' }]);
    expect(planRestore(m, m.runs[0]!, world({ c: 'C', p: 'P' }))).toEqual([
      { path: 'c', action: 'write', currentHash: 'C', targetHash: 'O' },
      { path: 'p', action: 'delete', currentHash: 'P' },
    ]);
  });

  it('leaves a file edited since our last write unless forced', () => {
    expect(planRestore(m, m.runs[1]!, world({ c: 'E' }))).toEqual([{ path: 'c', action: 'keep', reason: 'edited' }]);
    expect(planRestore(m, m.runs[1]!, world({ c: 'E' }), true)).toEqual([{ path: 'c', action: 'write', currentHash: 'E', targetHash: 'B' }]);
  });

  it('chooses --run ID or the newest run, and says how to list them', () => {
    expect(chooseRun(m)).toBe(m.runs[1]);
    expect(chooseRun(m, '1')).toBe(m.runs[0]);
    expect(chooseRun(m, 'nope')).toEqual({ error: expect.stringContaining('restore --list') });
    expect(chooseRun(emptyManifest())).toEqual({ error: expect.stringContaining('empty') });
  });
});

describe('manifest records', () => {
  it('names the TOML keys that changed, never their values', () => {
    const before = '# mine\napproval_policy = "on-request"\n[model_providers.amazon-bedrock.aws]\nregion = "eu-west-1"\n';
    const after = '# mine\napproval_policy = "on-request"\n[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\nprofile = "codex-bedrock"\n';
    const d = describeChange('/h/.codex/config.toml', before, after);
    expect(d).toEqual({ keys: ['model_providers.amazon-bedrock.aws.profile', 'model_providers.amazon-bedrock.aws.region'] });
    expect(JSON.stringify(d)).not.toMatch(/us-east-1|codex-bedrock"/);
    expect(changedKeys({}, { 'a b': { c: 1 } })).toEqual(['"a b".c']);
  });

  it('names the AWS config sections added and changed (CRLF too)', () => {
    const before = '[default]\r\nregion = eu-west-1\r\n[profile x]\r\nregion = us-east-1\r\n';
    const after = before.replace('region = us-east-1', 'region = us-west-2') + '[sso-session s]\r\nsso_start_url = https://a.awsapps.com/start\r\n[profile s]\r\nsso_session = s\r\n';
    expect(describeChange('/h/.aws/config', before, after)).toEqual({ awsSectionsAdded: ['sso-session s', 'profile s'], awsSectionsChanged: ['profile x'] });
  });

  it('an unparseable file is recorded by its hashes alone', () => {
    expect(describeChange('/h/.codex/config.toml', 'a = = 1', 'a = 2\n')).toEqual({});
  });

  it('reads back what it wrote and refuses anything else', () => {
    const m = manifest(run(runId(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), 'ab12'), 'setup', file('c', 'O', 'B')));
    expect(m.runs[0]!.id).toBe('20260102-030405-ab12');
    expect(parseManifest(JSON.stringify(m))).toEqual(m);
    expect(() => parseManifest('{"version":1}')).toThrow(/no runs/);
    expect(() => parseManifest('{"version":9,"runs":[]}')).toThrow(/version 9/);
    expect(() => parseManifest('{"version":1,"runs":[{"id":"x","files":[{}]}]}')).toThrow(/without a path/);
  });
});

describe('an AWS config edited after setup', () => {
  const original = '# mine\n[default]\nregion = eu-west-1\n';
  const ours = `${original}\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n\n[profile dev]\nsso_session = corp\n`;
  const m = manifest(run('1', 'setup', { ...file('/h/.aws/config', 'O', 'L'), awsSectionsAdded: ['sso-session corp', 'profile dev'] }));
  const texts = (current: string) => ({ '/h/.aws/config': current, L: ours });

  it('loses only the sections we added; what the user added stays', () => {
    const current = `${ours}\n# my other profile\n[profile mine]\nregion = us-west-2\n`;
    expect(planUninstall(m, world({ '/h/.aws/config': 'E' }, ['O', 'L'], texts(current)))).toEqual([
      { path: '/h/.aws/config', action: 'edit', currentHash: 'E', text: `${original}\n# my other profile\n[profile mine]\nregion = us-west-2\n`, removed: ['sso-session corp', 'profile dev'] },
    ]);
  });

  it('keeps a section of ours the user changed', () => {
    const current = ours.replace('sso_session = corp', 'sso_session = corp\nregion = us-west-2');
    const [step] = planUninstall(m, world({ '/h/.aws/config': 'E' }, ['O', 'L'], texts(current)));
    expect(step).toMatchObject({ action: 'edit', removed: ['sso-session corp'] });
    expect((step as { text: string }).text).toContain('[profile dev]\nsso_session = corp\nregion = us-west-2');
    expect((step as { text: string }).text).not.toContain('sso-session');
  });
});
