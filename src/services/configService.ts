// The user's files: Codex's config folder and the AWS config. Pure planning lives in core/;
// this module only reads, remembers what it read, and writes atomically with backups.
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { listAwsProfiles, upsertSection } from '../core/awsConfig.js';
import { managedBedrockAuthOf } from '../core/codexCredential.js';
import { codexSupports } from '../core/codexVersions.js';
import { lintCodexConfig, planCodexConfig, profileFilesToRead, readCodexLayout } from '../core/codexConfig.js';
import { unifiedDiff } from '../core/diff.js';
import { TomlEditError } from '../core/tomlEdit.js';
import type { ConfigPlan, FileChange } from '../types.js';
import { ServiceError } from './errors.js';
import { readTextFile, writeFileAtomic } from './files.js';
import type { CodexSettings, ConfigService } from './types.js';

export function codexHomeOf(env: NodeJS.ProcessEnv, override?: string): string {
  return override ?? env.CODEX_HOME ?? join(env.HOME ?? homedir(), '.codex');
}

export function awsConfigPathOf(env: NodeJS.ProcessEnv): string {
  return env.AWS_CONFIG_FILE ?? join(env.HOME ?? homedir(), '.aws', 'config');
}

export function awsCredentialsPathOf(env: NodeJS.ProcessEnv): string {
  return env.AWS_SHARED_CREDENTIALS_FILE ?? join(env.HOME ?? homedir(), '.aws', 'credentials');
}

/** Plans remember the hash of what they read, so a file edited meanwhile is never clobbered. */
type PlannedChange = FileChange & { expectedHash: string | null };

export function createConfigService(env: NodeJS.ProcessEnv, codexHomeOverride?: string): ConfigService {
  const codexHome = codexHomeOf(env, codexHomeOverride);
  const awsConfigPath = awsConfigPathOf(env);
  const configPath = join(codexHome, 'config.toml');
  const profilePath = (name: string) => join(codexHome, `${name}.config.toml`);

  /**
   * `forWrite`: a file we may replace must not be a link out of its folder (we would edit someone else's file).
   * Reading follows links anywhere, as Codex and the aws CLI do (dotfile managers link these files).
   */
  async function read(path: string, mode: 'forWrite' | 'readOnly' = 'forWrite') {
    const snap = await readTextFile(path, mode === 'readOnly' ? { root: '/' } : {});
    return { text: snap.exists ? snap.text : null, hash: snap.hash };
  }

  async function listProfileFiles(): Promise<string[]> {
    try {
      return (await readdir(codexHome)).filter((f) => f.endsWith('.config.toml') && f !== 'config.toml').map((f) => basename(f, '.config.toml')).sort();
    } catch {
      return [];
    }
  }

  return {
    codexHome,
    awsConfigPath,

    async readCodexSettings(codexProfile, opts = {}) {
      const [config, auth] = await Promise.all([read(configPath, 'readOnly'), read(join(codexHome, 'auth.json'), 'readOnly').catch(() => ({ text: null }))]);
      const names = await listProfileFiles();
      const files: Record<string, string | null> = {};
      await Promise.all(names.map(async (n) => (files[n] = (await read(profilePath(n), 'readOnly')).text)));
      if (codexProfile && !(codexProfile in files)) files[codexProfile] = null;
      const layout = withLineInfo(() => readCodexLayout({ configToml: config.text, profileFiles: files }));
      // A Codex without profile files reads the profile from [profiles.NAME] in config.toml instead.
      const legacy = !codexSupports(opts.codexVersion, 'profile-files');
      const own = codexProfile ? (legacy ? layout.legacyProfileFacts[codexProfile] : layout.profiles[codexProfile]) : undefined;
      const bedrock = { ...layout.bedrock, ...stripUndefined(own?.bedrock ?? {}) };
      const settings: CodexSettings = {
        configPath,
        configExists: config.text !== null,
        codexProfile: codexProfile ?? null,
        profilePath: codexProfile ? (legacy ? configPath : profilePath(codexProfile)) : null,
        profileExists: codexProfile ? (legacy ? own !== undefined : files[codexProfile] != null) : false,
        model: own?.model ?? layout.model,
        modelProvider: own?.modelProvider ?? layout.modelProvider,
        region: bedrock.awsRegion,
        awsProfile: bedrock.awsProfile,
        awsProfileFile: own?.bedrock?.awsProfile ? (legacy ? 'config.toml' : `${codexProfile}.config.toml`) : bedrock.awsProfile ? 'config.toml' : undefined,
        baseUrl: bedrock.baseUrl,
        hasCredentialExport: bedrock.hasCredentialExport ?? false,
        managedBedrockAuth: managedBedrockAuthOf(auth.text),
        webSearch: own?.webSearch ?? layout.webSearch,
        legacyProfileSelector: layout.legacyProfile,
        legacyProfileTables: layout.legacyProfiles,
        profileFiles: names,
        findings: lintCodexConfig({ configToml: config.text, profileFiles: files }, { codexVersion: opts.codexVersion }),
      };
      return settings;
    },

    async readAwsProfiles() {
      const [config, creds] = await Promise.all([read(awsConfigPath, 'readOnly'), read(awsCredentialsPathOf(env), 'readOnly')]);
      return listAwsProfiles(config.text, creds.text);
    },

    async planCodexConfig(choices) {
      const config = await read(configPath);
      const names = withLineInfo(() => profileFilesToRead(config.text, choices));
      const current: Record<string, { text: string | null; hash: string | null }> = {};
      await Promise.all(names.map(async (n) => (current[n] = await read(profilePath(n)))));
      const plan = withLineInfo(() =>
        planCodexConfig({ configToml: config.text, profileFiles: Object.fromEntries(names.map((n) => [n, current[n].text])), choices }),
      );
      const changes: PlannedChange[] = [];
      const consider = (path: string, before: { text: string | null; hash: string | null }, after: string) => {
        if (before.text === after) return;
        changes.push({ path, before: before.text, after, diff: unifiedDiff(path, before.text, after), expectedHash: before.hash });
      };
      consider(configPath, config, plan.configToml);
      for (const [name, text] of Object.entries(plan.profileFiles)) consider(profilePath(name), current[name] ?? { text: null, hash: null }, text);
      return { changes, migratedLegacy: plan.migratedLegacy, warnings: plan.warnings };
    },

    async applyPlan(plan: ConfigPlan) {
      const written: string[] = [];
      const backups: string[] = [];
      // config.toml last: if a profile file cannot be written, Codex's shared settings stay as they were.
      const ordered = [...plan.changes].sort((a, b) => Number(a.path === configPath) - Number(b.path === configPath));
      for (const change of ordered as PlannedChange[]) {
        const res = await writeFileAtomic(change.path, change.after, { expectedHash: change.expectedHash, mode: 0o600 });
        written.push(res.path);
        if (res.backupPath) backups.push(res.backupPath);
      }
      return { written, backups };
    },

    async planSsoProfile(input) {
      const before = await read(awsConfigPath);
      let text = before.text ?? '';
      text = upsertSection(text, `sso-session ${input.session}`, {
        sso_start_url: input.startUrl,
        sso_region: input.ssoRegion,
        sso_registration_scopes: 'sso:account:access',
      });
      const profile: Record<string, string> = { sso_session: input.session, region: input.region };
      if (input.accountId) profile.sso_account_id = input.accountId;
      if (input.roleName) profile.sso_role_name = input.roleName;
      text = upsertSection(text, `profile ${input.profile}`, profile);
      const changes: PlannedChange[] =
        text === before.text ? [] : [{ path: awsConfigPath, before: before.text, after: text, diff: unifiedDiff(awsConfigPath, before.text, text), expectedHash: before.hash }];
      return { changes, migratedLegacy: [], warnings: [] };
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Malformed TOML is a user-facing config failure with its line and column, not a crash. */
function withLineInfo<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TomlEditError || (e as Error)?.name === 'TomlError') throw new ServiceError({ kind: 'config', message: (e as Error).message });
    throw e;
  }
}
