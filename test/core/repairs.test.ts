import { describe, expect, it } from 'vitest';
import { lintCodexConfig } from '../../src/core/codexConfig.js';
import { planRepairs } from '../../src/core/repairs.js';

const SHARED = `# my shared settings
[model_providers.amazon-bedrock.aws]
profile = "codex-bedrock" # who signs
region = "us-east-1"
`;

const profile = (model: string) => `# Written by hand
model = "${model}"  # keep this comment
model_provider = "amazon-bedrock"
web_search = "disabled"
`;

const ids = (...l: string[]) => new Set(l);

describe('model id repair', () => {
  it('strips the version suffix and the geography prefix on amazon-bedrock, and the lint no longer fails', () => {
    for (const [bad, good] of [
      ['openai.gpt-oss-120b-1:0', 'openai.gpt-oss-120b'],
      ['us.openai.gpt-5.5', 'openai.gpt-5.5'],
      ['global.openai.gpt-5.5', 'openai.gpt-5.5'],
    ]) {
      const files = { configToml: SHARED, profileFiles: { 'bedrock-prod': profile(bad!) } };
      const out = planRepairs(files, { found: ids('codex-runtime-model-id') });
      expect(out.files.profileFiles['bedrock-prod']).toBe(profile(good!));
      expect(out.files.configToml).toBe(SHARED);
      expect(out.fixed).toEqual(['codex-runtime-model-id']);
      expect(lintCodexConfig(out.files).map((f) => f.id)).not.toContain('codex-runtime-model-id');
    }
  });

  it('leaves a runtime profile and an ARN alone', () => {
    const runtime = { configToml: SHARED, profileFiles: { rt: 'model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\n', arn: 'model = "arn:aws:bedrock:us-east-1::x"\n' } };
    const out = planRepairs(runtime, { found: ids('codex-runtime-model-id', 'runtime-model-id') });
    expect(out.files).toEqual(runtime);
    expect(out.done).toEqual([]);
  });

  it('does nothing doctor did not find', () => {
    const files = { configToml: SHARED, profileFiles: { p: profile('us.openai.gpt-5.5') } };
    expect(planRepairs(files, { found: ids('smoke') }).files).toEqual(files);
  });
});

describe('refused and ignored settings', () => {
  it('removes credential_export next to aws.profile, in the profile file, and keeps the comment lines', () => {
    const p = `${profile('openai.gpt-5.5')}# mine, not the table's\n\n[model_providers.amazon-bedrock.aws]\ncredential_export = { command = "x" }\n`;
    const out = planRepairs({ configToml: SHARED, profileFiles: { p } }, { found: ids('codex-credential-export-with-profile') });
    expect(out.files.profileFiles.p).toMatch(new RegExp(`^${profile('openai.gpt-5.5').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}# mine, not the table's\n*$`));
    expect(out.files.profileFiles.p).not.toContain('credential_export');
    expect(lintCodexConfig(out.files, { codexVersion: '0.171.0' }).map((f) => f.id)).not.toContain('codex-credential-export-with-profile');
  });

  it('keeps credential_export when no aws.profile is set anywhere (that is a valid setup)', () => {
    const configToml = '[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\ncredential_export = { command = "x" }\n';
    const out = planRepairs({ configToml, profileFiles: {} }, { found: ids('codex-credential-export-with-profile') });
    expect(out.files.configToml).toBe(configToml);
  });

  it('renames a misspelt key under .aws when the right one is free, removes it otherwise', () => {
    const configToml = '# top\n[model_providers.amazon-bedrock.aws]\nprofile = "codex-bedrock"\nregoin = "eu-west-1" # typo\nflavour = "x"\n';
    const out = planRepairs({ configToml, profileFiles: {} }, { found: ids('codex-unknown-aws-key') });
    expect(out.files.configToml).toContain('# top\n[model_providers.amazon-bedrock.aws]\nprofile = "codex-bedrock"\n');
    expect(out.files.configToml).toContain('region = "eu-west-1"');
    expect(out.files.configToml).not.toMatch(/regoin|flavour/);
    expect(out.done).toHaveLength(2);
    expect(lintCodexConfig(out.files).map((f) => f.id)).not.toContain('codex-unknown-aws-key');

    const both = '[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\nregoin = "eu-west-1"\n';
    expect(planRepairs({ configToml: both, profileFiles: {} }, { found: ids('codex-unknown-aws-key') }).files.configToml).toBe('[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n');
  });

  it('turns a path to aws into the bare aws, and removes auth_refresh that runs another program', () => {
    const path = `${SHARED}auth_refresh = { command = "/usr/local/bin/aws", args = ["sso", "login", "--profile", "codex-bedrock"] }\n`;
    const fixed = planRepairs({ configToml: path, profileFiles: {} }, { found: ids('auth-refresh-command') }).files.configToml;
    expect(fixed).toBe(`${SHARED}auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "codex-bedrock"] }\n`);
    const other = `${SHARED}auth_refresh = { command = "my-login", args = [] }\n`;
    expect(planRepairs({ configToml: other, profileFiles: {} }, { found: ids('auth-refresh-command') }).files.configToml).toBe(SHARED);
    // No check names it (Codex's doctor says "invalid data"), so it is repaired whatever was found.
    expect(planRepairs({ configToml: path, profileFiles: {} }, { found: ids() }).files.configToml).toBe(fixed);
  });
});

describe('region repair', () => {
  it('adds aws.region to the shared table, below the keys already there', () => {
    const configToml = '# mine\n[model_providers.amazon-bedrock.aws]\nprofile = "codex-bedrock"\n\n[tui]\ntheme = "dark"\n';
    const out = planRepairs({ configToml, profileFiles: {} }, { found: ids('region-missing'), region: 'eu-west-1' });
    expect(out.files.configToml).toBe('# mine\n[model_providers.amazon-bedrock.aws]\nprofile = "codex-bedrock"\nregion = "eu-west-1"\n\n[tui]\ntheme = "dark"\n');
    expect(out.fixed).toEqual(['region-missing']);
  });

  it('puts it in the table of the provider the checked profile uses', () => {
    const runtime = 'model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\n';
    const mantle = profile('openai.gpt-5.5');
    const configToml = '[model_providers.amazon-bedrock-runtime.aws]\nprofile = "p"\n';
    const files = { configToml, profileFiles: { runtime, mantle } };
    expect(planRepairs(files, { found: ids('region-missing'), region: 'us-west-2', codexProfile: 'runtime' }).files.configToml).toBe(`${configToml}region = "us-west-2"\n`);
    expect(planRepairs(files, { found: ids('region-missing'), region: 'us-west-2', codexProfile: 'mantle' }).files.configToml).toContain('[model_providers.amazon-bedrock.aws]\nregion = "us-west-2"\n');
  });

  it('writes nothing when a region is already there or none is known', () => {
    expect(planRepairs({ configToml: SHARED, profileFiles: {} }, { found: ids('region-missing'), region: 'eu-west-1' }).files.configToml).toBe(SHARED);
    const none = '[model_providers.amazon-bedrock.aws]\nprofile = "p"\n';
    expect(planRepairs({ configToml: none, profileFiles: {} }, { found: ids('region-missing') }).files.configToml).toBe(none);
  });
});

describe('legacy layout repair', () => {
  it('moves [profiles.X] into X.config.toml and drops the selector, as setup does, keeping the rest byte for byte', () => {
    const configToml = `# mine\nprofile = "staging"\n${SHARED}\n[profiles.staging]\nmodel = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n`;
    const out = planRepairs({ configToml, profileFiles: {} }, { found: ids('codex-legacy-profile-selector') });
    expect(out.files.configToml).toMatch(new RegExp(`^# mine\\n${SHARED.replace(/[.*+?^\${}()|[\]\\]/g, '\\$&')}\\n*$`));
    expect(out.files.profileFiles.staging).toContain('model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n');
    expect(out.done).toEqual(['config.toml: migrated the legacy top-level profile = "staging" (use codex --profile staging)', 'config.toml: migrated the legacy [profiles.staging] → staging.config.toml']);
    expect(lintCodexConfig(out.files, { codexVersion: '0.171.0' }).map((f) => f.id)).not.toContain('codex-legacy-profile-selector');
  });

  it('keeps a value the profile file already has, and says so', () => {
    const configToml = '[profiles.p]\nmodel = "openai.gpt-oss-120b"\n';
    const out = planRepairs({ configToml, profileFiles: { p: 'model = "openai.gpt-5.5"\n' } }, { found: ids('codex-legacy-profile-table') });
    expect(out.files.profileFiles.p).toBe('model = "openai.gpt-5.5"\n');
    expect(out.warnings).toEqual(['[profiles.p] model: kept the value already in p.config.toml.']);
  });
});

describe('web search repair', () => {
  it('disables web search on amazon-bedrock profile files only, where the smoke check found it refused', () => {
    const on = 'model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n# the tool\nweb_search = "live"\n';
    const none = 'model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n';
    const runtime = 'model = "global.openai.gpt-5.5"\nmodel_provider = "amazon-bedrock-runtime"\n';
    const out = planRepairs({ configToml: SHARED, profileFiles: { on, none, runtime } }, { found: ids('hosted-tool-rejected') });
    expect(out.files.profileFiles.on).toBe(on.replace('"live"', '"disabled"'));
    expect(out.files.profileFiles.none).toBe(`${none}web_search = "disabled"\n`);
    expect(out.files.profileFiles.runtime).toBe(runtime);
    expect(out.files.configToml).toBe(SHARED);
    expect(lintCodexConfig(out.files).map((f) => f.id)).not.toContain('codex-web-search-enabled');
  });
});

describe('aws profile repair', () => {
  const file = (p: string) => `# who signs\n[model_providers.amazon-bedrock.aws]\nprofile = "${p}" # mine\nregion = "us-east-1"\n`;
  const found = ids('codex-aws-profile-missing');

  it('points a misspelt aws.profile at the profile it is a near-miss of, or at the only one', () => {
    expect(planRepairs({ configToml: file('codex-bedrok'), profileFiles: {} }, { found, awsProfiles: ['default', 'codex-bedrock'] }).files.configToml).toBe(file('codex-bedrock'));
    expect(planRepairs({ configToml: file('gone'), profileFiles: {} }, { found, awsProfiles: ['work'] }).files.configToml).toBe(file('work'));
  });

  it('leaves the choice to the user when several profiles could be meant', () => {
    const out = planRepairs({ configToml: file('gone'), profileFiles: {} }, { found, awsProfiles: ['work', 'home'] });
    expect(out.files.configToml).toBe(file('gone'));
    expect(out.fixed).toEqual([]);
  });
});

describe('line endings', () => {
  it('keeps CRLF files CRLF, every untouched line byte for byte', () => {
    const configToml = '# mine\r\n[model_providers.amazon-bedrock.aws]\r\nprofile = "p"\r\n';
    const p = '# prod\r\nmodel = "us.openai.gpt-5.5"\r\nmodel_provider = "amazon-bedrock"\r\nweb_search = "disabled"\r\n';
    const out = planRepairs({ configToml, profileFiles: { p } }, { found: ids('region-missing', 'codex-runtime-model-id'), region: 'us-west-2' });
    expect(out.files.configToml).toBe(`${configToml}region = "us-west-2"\r\n`);
    expect(out.files.profileFiles.p).toBe(p.replace('us.openai', 'openai'));
  });
});
