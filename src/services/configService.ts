// The user's files: Codex's config folder and the AWS config. Pure planning lives in core/;
// this module only reads, remembers what it read, and writes atomically with backups.
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { listAwsProfiles, upsertSection } from '../core/awsConfig.js';
import { LEGACY_TOOLS_FEATURE, withTopLevelTools } from '../core/codexFeatures.js';
import { managedBedrockAuthOf } from '../core/codexCredential.js';
import { codexSupports } from '../core/codexVersions.js';
import { RUNTIME_PROVIDER, lintCodexConfig, planCodexConfig, profileFilesToRead, readCodexLayout } from '../core/codexConfig.js';
import { unifiedDiff } from '../core/diff.js';
import { hasControl, sanitize } from '../core/sanitize.js';
import { TomlEditError, getTable } from '../core/tomlEdit.js';
import type { ConfigPlan, FileChange } from '../types.js';
import { ServiceError } from './errors.js';
import { readTextFile, withFolderLock, writeFileAtomic } from './files.js';
import { awsConfigPathOf, awsCredentialsPathOf, codexHomeOf } from './paths.js';
import { recordRun, type WriteRecord } from './manifest.js';
import type { CodexSettings, ConfigService } from './types.js';

export { awsConfigPathOf, awsCredentialsPathOf, codexHomeOf, expandHome, homeOf } from './paths.js';

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
      const modelProvider = own?.modelProvider ?? layout.modelProvider;
      // Codex reads region and profile from the table of the provider the profile selects.
      const key = modelProvider === RUNTIME_PROVIDER ? 'runtime' : 'bedrock';
      const providerAws = { ...layout[key], ...stripUndefined(own?.[key] ?? {}) };
      const settings: CodexSettings = {
        configPath,
        configExists: config.text !== null,
        codexProfile: codexProfile ?? null,
        profilePath: codexProfile ? (legacy ? configPath : profilePath(codexProfile)) : null,
        profileExists: codexProfile ? (legacy ? own !== undefined : files[codexProfile] != null) : false,
        model: own?.model ?? layout.model,
        modelProvider,
        region: providerAws.awsRegion,
        awsProfile: providerAws.awsProfile,
        awsProfileFile: own?.[key]?.awsProfile ? (legacy ? 'config.toml' : `${codexProfile}.config.toml`) : providerAws.awsProfile ? 'config.toml' : undefined,
        baseUrl: providerAws.baseUrl,
        hasCredentialExport: providerAws.hasCredentialExport ?? false,
        managedBedrockAuth: managedBedrockAuthOf(auth.text),
        webSearch: own?.webSearch ?? layout.webSearch,
        ...((own?.otel ?? layout.otel) ? { otel: own?.otel ?? layout.otel } : {}),
        ...legacyToolsSetting(codexProfile ? files[codexProfile] : null, codexProfile),
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
      // config.toml last: if a profile file cannot be written, Codex's shared settings stay as they were.
      const ordered = [...plan.changes].sort((a, b) => Number(a.path === configPath) - Number(b.path === configPath)) as PlannedChange[];
      // One run at a time per folder (sorted, so two runs never wait on each other crosswise).
      const dirs = [...new Set(ordered.map((c) => dirname(c.path)))].sort();
      const writeAndRecord = async () => {
        const { written, backups, records } = await writeAll(ordered);
        const { warning } = await recordRun(codexHome, records);
        return { written, backups, ...(warning ? { manifestWarning: warning } : {}) };
      };
      const locked = dirs.reduceRight<typeof writeAndRecord>((inner, dir) => () => withFolderLock(dir, inner), writeAndRecord);
      return locked();
    },

    async planTopLevelTools(codexProfile) {
      const path = profilePath(codexProfile);
      const before = await read(path);
      if (before.text === null) throw new ServiceError({ kind: 'config', message: `${path} does not exist; run setup first.` });
      const after = withLineInfo(() => withTopLevelTools(before.text!, basename(path)));
      const changes: PlannedChange[] = after === before.text ? [] : [{ path, before: before.text, after, diff: unifiedDiff(path, before.text, after), expectedHash: before.hash }];
      return { changes, migratedLegacy: [], warnings: [] };
    },

    async planCodexEdit(edit) {
      const config = await read(configPath);
      const current: Record<string, { text: string | null; hash: string | null }> = {};
      await Promise.all((await listProfileFiles()).map(async (n) => (current[n] = await read(profilePath(n)))));
      const out = withLineInfo(() => edit({ configToml: config.text, profileFiles: Object.fromEntries(Object.entries(current).map(([n, f]) => [n, f.text])) }));
      const changes: PlannedChange[] = [];
      const consider = (path: string, before: { text: string | null; hash: string | null }, after: string | null) => {
        if (after === null || before.text === after) return;
        changes.push({ path, before: before.text, after, diff: unifiedDiff(path, before.text, after), expectedHash: before.hash });
      };
      consider(configPath, config, out.configToml);
      for (const [name, text] of Object.entries(out.profileFiles)) consider(profilePath(name), current[name] ?? { text: null, hash: null }, text);
      return { changes, migratedLegacy: out.migratedLegacy ?? [], warnings: out.warnings ?? [] };
    },

    async planSsoProfile(input) {
      checkSsoInput(input);
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

function legacyToolsSetting(profileToml: string | null | undefined, codexProfile: string | null): { incrementalToolsLegacy?: boolean } {
  if (!profileToml) return {};
  const v = getTable(profileToml, ['features'], { fileName: `${codexProfile}.config.toml` })?.[LEGACY_TOOLS_FEATURE];
  return typeof v === 'boolean' ? { incrementalToolsLegacy: v } : {};
}

/**
 * All or nothing: every file is checked against what was planned before the first write, and if a
 * later write fails, the files already written get their planned-from contents back (new ones are removed).
 */
async function writeAll(changes: PlannedChange[]): Promise<{ written: string[]; backups: string[]; records: WriteRecord[] }> {
  for (const change of changes) {
    const now = await readTextFile(change.path);
    if (now.hash !== change.expectedHash) {
      const what = change.expectedHash === null ? 'was created' : now.exists ? 'changed' : 'was deleted';
      throw new ServiceError({ kind: 'config', message: `${change.path} ${what} since it was read (another program or run edited it?). Nothing was written; run again to plan against the new contents.` });
    }
  }
  const written: string[] = [];
  const backups: string[] = [];
  const done: PlannedChange[] = [];
  const records: WriteRecord[] = [];
  try {
    for (const change of changes) {
      const res = await writeFileAtomic(change.path, change.after, { expectedHash: change.expectedHash, mode: 0o600 });
      done.push(change);
      written.push(res.path);
      if (res.backupPath) backups.push(res.backupPath);
      records.push({ path: res.path, before: change.before, after: change.after, hashBefore: change.expectedHash, backupPath: res.backupPath });
    }
  } catch (e) {
    for (const change of done.reverse()) {
      if (change.before === null) await unlink(change.path).catch(() => undefined);
      else await writeFileAtomic(change.path, change.before, { backup: false }).catch(() => undefined);
    }
    if (e instanceof ServiceError && done.length) throw new ServiceError({ ...e.failure, message: `${e.failure.message} The files already written were restored, so nothing of this run remains.` });
    throw e;
  }
  return { written, backups, records };
}

/**
 * Values from a team template, a flag or the portal end up in ~/.aws/config: all are checked before
 * anything is planned, so a bad one never leaves the file half-written.
 */
function checkSsoInput(input: Record<string, string | undefined>): void {
  const refuse = (what: string, why: string) => {
    throw new ServiceError({ kind: 'config', code: 'SSO_INPUT_INVALID', message: `The SSO ${what} ${why}; nothing was written. Fix it (flag, team template or IAM Identity Center assignment) and run again.` });
  };
  for (const [k, v] of Object.entries(input)) if (v !== undefined && hasControl(v)) refuse(k, `contains control characters ("${sanitize(v).slice(0, 80)}")`);
  if (input.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(input.roleName)) refuse('role name', `"${sanitize(input.roleName).slice(0, 80)}" is not an IAM role name`);
  if (input.accountId !== undefined && !/^\d{12}$/.test(input.accountId)) refuse('account id', `"${sanitize(input.accountId).slice(0, 40)}" is not 12 digits`);
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
