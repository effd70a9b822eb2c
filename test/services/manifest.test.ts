// The manifest as the one write path keeps it: real files in a temporary home.
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { planUninstall } from '../../src/core/uninstallPlan.js';
import { createConfigService } from '../../src/services/configService.js';
import { KEEP_BACKUPS } from '../../src/services/files.js';
import { applySteps, currentFiles, manifestPaths, readManifest } from '../../src/services/manifest.js';
import { planPolicyFile, writePolicyFile } from '../../src/services/policyFile.js';

let home: string;
let codexHome: string;
let awsConfig: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'cbs-manifest-'));
  codexHome = join(home, '.codex');
  awsConfig = join(home, '.aws', 'config');
  await mkdir(codexHome, { recursive: true });
  await mkdir(join(home, '.aws'));
  env = { HOME: home, CODEX_HOME: codexHome, AWS_CONFIG_FILE: awsConfig };
});

const sso = (region: string) => ({ profile: 'dev', session: 'corp', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', region });

async function uninstall(): Promise<void> {
  const m = await readManifest(codexHome);
  await applySteps(codexHome, planUninstall(m, await currentFiles(codexHome, m)), 'uninstall');
}

describe('applyPlan records each run', () => {
  it('records the files, hashes, sections and backups; uninstall gives back the exact bytes, BOM and CRLF included', async () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# mine\r\n[default]\r\nregion = eu-west-1\r\n')]);
    await writeFile(awsConfig, original);
    const config = createConfigService(env);
    const applied = await config.applyPlan(await config.planSsoProfile(sso('us-east-1')));
    expect(applied.manifestWarning).toBeUndefined();
    const m = await readManifest(codexHome);
    expect(m.runs).toHaveLength(1);
    expect(m.runs[0]!.files).toEqual([
      { path: awsConfig, hashBefore: expect.stringMatching(/^[0-9a-f]{64}$/), hashAfter: expect.stringMatching(/^[0-9a-f]{64}$/), backupPath: applied.backups[0], awsSectionsAdded: ['sso-session corp', 'profile dev'] },
    ]);
    expect((await readdir(manifestPaths(codexHome).store)).sort()).toEqual([m.runs[0]!.files[0]!.hashBefore, m.runs[0]!.files[0]!.hashAfter].sort());
    await uninstall();
    expect(await readFile(awsConfig)).toEqual(original);
  });

  it('uninstall still has the original after the .bak files were pruned', async () => {
    await writeFile(awsConfig, '[default]\nregion = eu-west-1\n');
    const config = createConfigService(env);
    for (const r of ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1', 'us-east-2', 'ca-central-1']) await config.applyPlan(await config.planSsoProfile(sso(r)));
    const backups = (await readdir(join(home, '.aws'))).filter((n) => n.startsWith('config.bak-'));
    expect(backups.length).toBeLessThanOrEqual(KEEP_BACKUPS);
    expect((await readManifest(codexHome)).runs).toHaveLength(7);
    await uninstall();
    expect(await readFile(awsConfig, 'utf8')).toBe('[default]\nregion = eu-west-1\n');
  });

  it('a manifest that cannot be written is a warning; the user\'s files are written all the same', async () => {
    await writeFile(join(codexHome, 'codex-bedrock-setup'), 'a file where our folder goes');
    const config = createConfigService(env);
    const applied = await config.applyPlan(await config.planSsoProfile(sso('us-east-1')));
    expect(applied.written).toEqual([awsConfig]);
    expect(applied.manifestWarning).toMatch(/record of this run .* was not saved: .*Your files were written/);
    expect(await readFile(awsConfig, 'utf8')).toContain('[profile dev]');
  });

  it('a corrupt manifest: the write succeeds with a warning, and uninstall refuses, saying how to start over', async () => {
    await mkdir(join(codexHome, 'codex-bedrock-setup'));
    await writeFile(manifestPaths(codexHome).manifest, '{ not json');
    const config = createConfigService(env);
    const applied = await config.applyPlan(await config.planSsoProfile(sso('us-east-1')));
    expect(applied.manifestWarning).toBeDefined();
    await expect(readManifest(codexHome)).rejects.toThrow(/cannot be read .*mv .*manifest\.json/);
  });

  it('policy -o is recorded with the Codex home given, and a created policy is removed by uninstall', async () => {
    const path = join(home, 'policy.json');
    await writePolicyFile(await planPolicyFile(path, '{"Version":"2012-10-17"}\n'), { codexHome });
    const m = await readManifest(codexHome);
    expect(m.runs[0]!.files[0]).toMatchObject({ path, hashBefore: null, backupPath: null });
    await uninstall();
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
    // Removed files keep a backup of their last state.
    expect((await readdir(home)).some((n) => n.startsWith('policy.json.bak-'))).toBe(true);
  });
});

describe('uninstall after the user edited ~/.aws/config', () => {
  it('takes out only our [sso-session] and [profile] blocks; the user\'s addition stays', async () => {
    const original = '# mine\n[default]\nregion = eu-west-1\n';
    await writeFile(awsConfig, original);
    const config = createConfigService(env);
    await config.applyPlan(await config.planSsoProfile(sso('us-east-1')));
    const mine = '\n[profile mine]\nregion = us-west-2\n';
    await writeFile(awsConfig, (await readFile(awsConfig, 'utf8')) + mine);
    await uninstall();
    expect(await readFile(awsConfig, 'utf8')).toBe(original + mine);
  });
});

describe('uninstall after the user edited config.toml and the profile file', () => {
  it('our keys get their earlier values back, the user\'s edits stay', async () => {
    const original = '# mine\napproval_policy = "on-request" # ask\n\n[model_providers.amazon-bedrock.aws]\nregion = "eu-west-1" # old region\n';
    const configPath = join(codexHome, 'config.toml');
    const profilePath = join(codexHome, 'bedrock-prod.config.toml');
    await writeFile(configPath, original);
    const config = createConfigService(env);
    await config.applyPlan(await config.planCodexConfig({ region: 'us-east-1', awsProfile: 'codex-bedrock', codexVersion: '0.169.0', profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }] }));
    expect(await readFile(configPath, 'utf8')).toContain('profile = "codex-bedrock"');
    await writeFile(configPath, (await readFile(configPath, 'utf8')).replace('# mine\n', '# mine\nmodel_reasoning_effort = "high"\n'));
    await writeFile(profilePath, (await readFile(profilePath, 'utf8')) + 'approval_policy = "never"\n');
    await uninstall();
    expect(await readFile(configPath, 'utf8')).toBe(original.replace('# mine\n', '# mine\nmodel_reasoning_effort = "high"\n'));
    const profile = await readFile(profilePath, 'utf8');
    expect(profile).toContain('approval_policy = "never"');
    expect(profile).not.toMatch(/^model/m);
  });
});
