// Codex's config files for Amazon Bedrock, as pure text-in/text-out functions.
// Layout: shared provider settings in config.toml, one <name>.config.toml per `codex --profile <name>`;
// what each Codex version accepts comes from the version table.
import { CODEX_UPDATE_COMMAND, codexSince, codexSupports, knownVersion } from './codexVersions.js';
import type { CheckResult, SetupChoices } from '../types.js';
import { getTable, parseToml, removeKey, removeTable, setKey, type TomlData, type TomlValue } from './tomlEdit.js';
import { editDistance, isRuntimeModelId, mantleModelId, validateCodexProfileName } from './validate.js';

import { BEDROCK_PROVIDER, RUNTIME_PROVIDER } from './providers.js';

export { BEDROCK_PROVIDER, RUNTIME_PROVIDER };
export const AWS_TABLE = ['model_providers', BEDROCK_PROVIDER, 'aws'];
export const RUNTIME_AWS_TABLE = ['model_providers', RUNTIME_PROVIDER, 'aws'];
export const KNOWN_AWS_KEYS = ['profile', 'region', 'credential_export', 'auth_refresh'];
const KNOWN_PROVIDER_KEYS = ['base_url', 'auth', 'http_headers', 'aws'];
const WEB_SEARCH_VALUES = ['disabled', 'cached', 'indexed', 'live'];
/** Keys under [model_providers.amazon-bedrock] that older Codex refuses (the `provider-overrides` row). */
const OVERRIDE_KEYS = ['base_url', 'auth', 'http_headers'];

export interface CodexFiles {
  configToml: string | null;
  /** Keyed by profile name: the contents of `<name>.config.toml`. */
  profileFiles: Record<string, string | null>;
}

export interface BedrockSettings {
  baseUrl?: string;
  awsProfile?: string;
  awsRegion?: string;
  hasCredentialExport: boolean;
  hasAuthRefresh: boolean;
  /** base_url / auth / http_headers present (refused by Codex without `provider-overrides`). */
  overrideKeys: string[];
  /** Keys under .aws that Codex ignores (typos such as `regoin`), with a suggestion. */
  unknownAwsKeys: { key: string; suggestion?: string }[];
  unknownProviderKeys: string[];
}

export interface CodexFileFacts {
  model?: string;
  modelProvider?: string;
  webSearch?: string;
  bedrock?: BedrockSettings;
  /** [model_providers.amazon-bedrock-runtime]: where a runtime profile's region and AWS profile live. */
  runtime?: BedrockSettings;
  customProviders: { id: string; wireApi?: string }[];
  /** [otel]: Codex's OpenTelemetry export, as parsed. */
  otel?: Record<string, unknown>;
}

export interface CodexLayout extends CodexFileFacts {
  /** Top-level `profile = "x"` (refused by Codex ≥ 0.134). */
  legacyProfile?: string;
  /** Names of `[profiles.X]` tables. */
  legacyProfiles: string[];
  /** What each `[profiles.X]` table sets: the profiles a Codex without profile files reads. */
  legacyProfileFacts: Record<string, CodexFileFacts>;
  profiles: Record<string, CodexFileFacts>;
  warnings: string[];
}

export interface CodexPlan {
  configToml: string;
  profileFiles: Record<string, string>;
  migratedLegacy: string[];
  warnings: string[];
}

// ---------------------------------------------------------------- reading

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function table(v: unknown): TomlData | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) ? (v as TomlData) : undefined;
}

function providerSettings(provider: TomlData): BedrockSettings {
  const aws = table(provider.aws) ?? {};
  return {
    baseUrl: str(provider.base_url),
    awsProfile: str(aws.profile),
    awsRegion: str(aws.region),
    hasCredentialExport: aws.credential_export !== undefined,
    hasAuthRefresh: aws.auth_refresh !== undefined,
    overrideKeys: Object.keys(provider).filter((k) => OVERRIDE_KEYS.includes(k)),
    unknownAwsKeys: Object.keys(aws)
      .filter((k) => !KNOWN_AWS_KEYS.includes(k))
      .map((key) => ({ key, suggestion: nearest(key, KNOWN_AWS_KEYS) })),
    unknownProviderKeys: Object.keys(provider).filter((k) => !KNOWN_PROVIDER_KEYS.includes(k)),
  };
}

function factsOf(data: TomlData): CodexFileFacts {
  const providers = table(data.model_providers) ?? {};
  const facts: CodexFileFacts = {
    model: str(data.model),
    modelProvider: str(data.model_provider),
    webSearch: str(data.web_search),
    customProviders: [],
    ...(table(data.otel) ? { otel: table(data.otel) } : {}),
  };
  const bedrock = table(providers[BEDROCK_PROVIDER]);
  if (bedrock) facts.bedrock = providerSettings(bedrock);
  const runtime = table(providers[RUNTIME_PROVIDER]);
  if (runtime) facts.runtime = providerSettings(runtime);
  for (const [id, p] of Object.entries(providers)) {
    if (id === BEDROCK_PROVIDER || id === RUNTIME_PROVIDER) continue;
    facts.customProviders.push({ id, wireApi: str(table(p)?.wire_api) });
  }
  return facts;
}

export function readCodexLayout(files: CodexFiles): CodexLayout {
  const data = files.configToml === null ? {} : parseToml(files.configToml, { fileName: 'config.toml' });
  const layout: CodexLayout = {
    ...factsOf(data),
    legacyProfile: str(data.profile),
    legacyProfiles: Object.keys(table(data.profiles) ?? {}),
    legacyProfileFacts: Object.fromEntries(Object.entries(table(data.profiles) ?? {}).map(([n, t]) => [n, factsOf(table(t) ?? {})])),
    profiles: {},
    warnings: [],
  };
  for (const [name, text] of Object.entries(files.profileFiles)) {
    if (text === null) continue;
    layout.profiles[name] = factsOf(parseToml(text, { fileName: `${name}.config.toml` }));
  }
  for (const [file, f] of [['config.toml', layout] as const, ...Object.entries(layout.profiles).map(([n, f]) => [`${n}.config.toml`, f] as const)]) {
    for (const u of f.bedrock?.unknownAwsKeys ?? []) {
      layout.warnings.push(
        `${file}: model_providers.amazon-bedrock.aws.${u.key} is not a setting Codex knows and is ignored${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}.`,
      );
    }
  }
  return layout;
}

// ---------------------------------------------------------------- planning

/** Profile files the caller must read before planning: ours and every legacy [profiles.X]. */
export function profileFilesToRead(configToml: string | null, choices: SetupChoices): string[] {
  const data = configToml === null ? {} : parseToml(configToml, { fileName: 'config.toml' });
  const names = new Set(choices.profiles.map((p) => p.name));
  for (const n of Object.keys(table(data.profiles) ?? {})) if (validateCodexProfileName(n).ok) names.add(n);
  return [...names];
}

/** Why this Codex cannot use the runtime provider, or null when it can (or its version is unknown). */
export function runtimeProviderRefusal(codexVersion: string | null): string | null {
  const version = knownVersion(codexVersion);
  if (!version || codexSupports(version, 'runtime-provider')) return null;
  return `Codex ${version} has no ${RUNTIME_PROVIDER} provider (it arrived in ${codexSince('runtime-provider')}). Upgrade: ${CODEX_UPDATE_COMMAND}, or drop --provider runtime to use Bedrock Mantle (amazon-bedrock).`;
}

export function planCodexConfig(input: CodexFiles & { choices: SetupChoices }): CodexPlan {
  const { choices } = input;
  const warnings: string[] = [];
  const version = knownVersion(choices.codexVersion);
  const tooOld = choices.provider === 'runtime' ? runtimeProviderRefusal(version) : null;
  if (tooOld) throw new Error(tooOld);
  if (!codexSupports(version, 'bedrock-provider')) {
    warnings.push(`Codex ${version} is older than ${codexSince('bedrock-provider')}, the first with the amazon-bedrock provider. Upgrade: ${CODEX_UPDATE_COMMAND}`);
  }
  if (version && !codexSupports(version, 'profile-files')) return planLegacyLayout(input, version, warnings);
  return planCurrentLayout(input, warnings);
}

function header(text: string): string {
  return `# Written by codex-bedrock-setup. ${text}\n`;
}

function setSharedAws(doc: string, choices: SetupChoices, warnings: string[], file: string): string {
  const opts = { fileName: file };
  doc = setKey(doc, AWS_TABLE, 'region', choices.region, opts);
  if (choices.awsProfile === undefined) return removeKey(doc, AWS_TABLE, 'profile', opts);
  if (choices.credentialExport) {
    // Codex refuses credential_export beside aws.profile; a refresh command has no profile left to sign in to.
    doc = removeKey(doc, AWS_TABLE, 'profile', opts);
    doc = removeKey(doc, AWS_TABLE, 'auth_refresh', opts);
    return setKey(doc, AWS_TABLE, 'credential_export', { command: choices.credentialExport.command, args: choices.credentialExport.args }, opts);
  }
  doc = setKey(doc, AWS_TABLE, 'profile', choices.awsProfile, opts);
  doc = setAuthRefresh(doc, choices, warnings, file);
  return dropCredentialExport(doc, file, warnings);
}

function setAuthRefresh(doc: string, choices: SetupChoices, warnings: string[], file: string): string {
  const opts = { fileName: file };
  const version = knownVersion(choices.codexVersion);
  if (choices.authRefresh && !codexSupports(version, 'auth-refresh')) {
    warnings.push(
      `Codex ${version} ignores aws.auth_refresh, so it cannot re-run \`${['aws', ...choices.authRefresh.args].join(' ')}\` by itself when the SSO session expires; run it yourself then, or upgrade Codex to ${codexSince('auth-refresh')} or later.`,
    );
  } else if (choices.authRefresh) {
    const { command, args, timeoutMs } = choices.authRefresh;
    return setKey(doc, AWS_TABLE, 'auth_refresh', { command, args, timeout_ms: timeoutMs }, opts);
  }
  // An `sso login` for another profile would sign in to the wrong session before every retry.
  const existing = table(getTable(doc, AWS_TABLE, opts)?.auth_refresh);
  const args = Array.isArray(existing?.args) ? existing.args.map(String) : [];
  const target = args[0] === 'sso' && args[1] === 'login' ? args[args.indexOf('--profile') + 1] : undefined;
  if (args.includes('--profile') && target !== undefined && target !== choices.awsProfile) {
    warnings.push(`${file}: removed model_providers.amazon-bedrock.aws.auth_refresh (it signed in to profile ${target}, not ${choices.awsProfile}).`);
    return removeKey(doc, AWS_TABLE, 'auth_refresh', opts);
  }
  return doc;
}

/** Codex refuses aws.credential_export next to aws.profile, even across files. */
function dropCredentialExport(doc: string, file: string, warnings: string[]): string {
  const aws = getTable(doc, AWS_TABLE, { fileName: file });
  if (aws?.credential_export === undefined) return doc;
  warnings.push(`${file}: removed model_providers.amazon-bedrock.aws.credential_export (Codex refuses it together with aws.profile).`);
  return pruneEmpty(removeKey(doc, AWS_TABLE, 'credential_export', { fileName: file }), file);
}

function pruneEmpty(doc: string, file: string): string {
  return pruneEmptyTables(doc, file, AWS_TABLE);
}

/** Removes the provider's .aws table, then the provider and model_providers tables, each once empty. */
function pruneEmptyTables(doc: string, file: string, awsTable: string[]): string {
  for (const path of [awsTable, awsTable.slice(0, -1), ['model_providers']]) {
    const t = getTable(doc, path, { fileName: file });
    if (t && Object.keys(t).length === 0) doc = removeTable(doc, path, { fileName: file });
  }
  return doc;
}

/**
 * The runtime provider gets exactly the keys a real Codex 0.171 turn was seen to use (profile, region);
 * the amazon-bedrock tables are left alone.
 */
function setRuntimeAws(doc: string, choices: SetupChoices, warnings: string[], file: string): string {
  const opts = { fileName: file };
  doc = setKey(doc, RUNTIME_AWS_TABLE, 'region', choices.region, opts);
  if (choices.authRefresh) {
    warnings.push(
      `aws.auth_refresh is not written for ${RUNTIME_PROVIDER} (not verified with Codex there): when the SSO session expires, run \`${['aws', ...choices.authRefresh.args].join(' ')}\`.`,
    );
  }
  return choices.awsProfile === undefined ? removeKey(doc, RUNTIME_AWS_TABLE, 'profile', opts) : setKey(doc, RUNTIME_AWS_TABLE, 'profile', choices.awsProfile, opts);
}

/** Why Codex 0.169 would refuse a migrated setting, or null when it is fine. */
function refusal(path: string[], value: unknown): string | null {
  const key = path.join('.');
  if (key === 'approval_policy' && value === 'untrusted') return 'approval_policy = "untrusted" is no longer supported by Codex';
  if (key === 'web_search' && !WEB_SEARCH_VALUES.includes(String(value))) return `web_search must be one of ${WEB_SEARCH_VALUES.join(', ')}`;
  if (key === 'profile' || path[0] === 'profiles') return 'a profile file cannot select profiles';
  return null;
}

function leaves(data: TomlData, prefix: string[] = []): [string[], TomlValue][] {
  const out: [string[], TomlValue][] = [];
  for (const [k, v] of Object.entries(data)) {
    const t = table(v);
    if (t) out.push(...leaves(t, [...prefix, k]));
    else out.push([[...prefix, k], v as TomlValue]);
  }
  return out;
}

function valueAt(data: TomlData, path: string[]): unknown {
  let cur: unknown = data;
  for (const p of path) cur = table(cur)?.[p];
  return cur;
}

/**
 * Codex >= 0.134 refuses a top-level `profile = …` and ignores [profiles.X]: the selector goes, each table's
 * settings move into <X>.config.toml (a value already there wins), and the table goes. Setup and doctor --fix share it.
 */
export function migrateLegacyLayout(input: { configToml: string; profileFiles: Record<string, string | null> }, warnings: string[]): { configToml: string; profileFiles: Record<string, string>; migratedLegacy: string[] } {
  const migratedLegacy: string[] = [];
  const profileFiles: Record<string, string> = {};
  const file = 'config.toml';
  let config = input.configToml;
  const data = parseToml(config, { fileName: file });

  const selector = str(data.profile);
  if (data.profile !== undefined) {
    config = removeKey(config, [], 'profile', { fileName: file });
    migratedLegacy.push(`top-level profile = "${selector ?? String(data.profile)}" (use codex --profile ${selector ?? '<name>'})`);
  }

  const current = (name: string): string | null => profileFiles[name] ?? input.profileFiles[name] ?? null;
  for (const [name, raw] of Object.entries(table(data.profiles) ?? {})) {
    if (!validateCodexProfileName(name).ok) {
      warnings.push(`config.toml: [profiles."${name}"] was left in place: "${name}" cannot be a profile file name.`);
      continue;
    }
    const fileName = `${name}.config.toml`;
    let doc = current(name) ?? header(`Use: codex --profile ${name}`);
    const existing = parseToml(doc, { fileName });
    for (const [path, value] of leaves(table(raw) ?? {})) {
      const why = refusal(path, value);
      if (why) {
        warnings.push(`[profiles.${name}] ${path.join('.')} was not moved: ${why}.`);
        continue;
      }
      const there = valueAt(existing, path);
      if (there !== undefined) {
        if (JSON.stringify(there) !== JSON.stringify(value)) warnings.push(`[profiles.${name}] ${path.join('.')}: kept the value already in ${fileName}.`);
        continue;
      }
      doc = setKey(doc, path.slice(0, -1), path[path.length - 1]!, value, { fileName });
    }
    profileFiles[name] = doc;
    config = removeTable(config, ['profiles', name], { fileName: file });
    migratedLegacy.push(`[profiles.${name}] → ${fileName}`);
  }
  const leftover = getTable(config, ['profiles'], { fileName: file });
  if (leftover && Object.keys(leftover).length === 0) config = removeTable(config, ['profiles'], { fileName: file });
  return { configToml: config, profileFiles, migratedLegacy };
}

function planCurrentLayout(input: CodexFiles & { choices: SetupChoices }, warnings: string[]): CodexPlan {
  const { choices } = input;
  const file = 'config.toml';
  const migrated = migrateLegacyLayout({ configToml: input.configToml ?? header('Shared Amazon Bedrock settings; each Codex profile lives in <name>.config.toml.'), profileFiles: input.profileFiles }, warnings);
  let config = migrated.configToml;
  const { profileFiles, migratedLegacy } = migrated;
  const current = (name: string): string | null => profileFiles[name] ?? input.profileFiles[name] ?? null;

  const runtime = choices.provider === 'runtime';
  const awsTable = runtime ? RUNTIME_AWS_TABLE : AWS_TABLE;
  config = runtime ? setRuntimeAws(config, choices, warnings, file) : setSharedAws(config, choices, warnings, file);

  for (const p of choices.profiles) {
    const fileName = `${p.name}.config.toml`;
    const opts = { fileName };
    let doc = current(p.name) ?? header(`Use: codex --profile ${p.name}`);
    doc = setKey(doc, [], 'model', p.model, opts);
    doc = setKey(doc, [], 'model_provider', runtime ? RUNTIME_PROVIDER : BEDROCK_PROVIDER, opts);
    // Disabled unless a live probe showed the endpoint runs Codex's hosted web_search tool.
    if (choices.webSearch !== 'keep') doc = setKey(doc, [], 'web_search', 'disabled', opts);
    const region = p.region && p.region !== choices.region ? p.region : undefined;
    const awsProfile = p.awsProfile && p.awsProfile !== choices.awsProfile ? p.awsProfile : undefined;
    doc = region ? setKey(doc, awsTable, 'region', region, opts) : removeKey(doc, awsTable, 'region', opts);
    doc = awsProfile ? setKey(doc, awsTable, 'profile', awsProfile, opts) : removeKey(doc, awsTable, 'profile', opts);
    if (!runtime && ((choices.awsProfile !== undefined && !choices.credentialExport) || awsProfile)) doc = dropCredentialExport(doc, fileName, warnings);
    profileFiles[p.name] = runtime ? pruneEmptyTables(doc, fileName, RUNTIME_AWS_TABLE) : pruneEmpty(doc, fileName);
  }
  return { configToml: config, profileFiles, migratedLegacy, warnings };
}

/** Codex before 0.134 selects profiles from [profiles.X] tables in config.toml. */
function planLegacyLayout(input: CodexFiles & { choices: SetupChoices }, version: string, warnings: string[]): CodexPlan {
  const { choices } = input;
  const file = 'config.toml';
  const opts = { fileName: file };
  let config = input.configToml ?? header('Use: codex --profile <name>');
  config = setSharedAws(config, choices, warnings, file);
  for (const p of choices.profiles) {
    const t = ['profiles', p.name];
    config = setKey(config, t, 'model', p.model, opts);
    config = setKey(config, t, 'model_provider', BEDROCK_PROVIDER, opts);
    if (choices.webSearch !== 'keep') config = setKey(config, t, 'web_search', 'disabled', opts);
    if ((p.region && p.region !== choices.region) || (p.awsProfile && p.awsProfile !== choices.awsProfile)) {
      warnings.push(
        `Codex ${version} cannot give profile ${p.name} its own AWS region or profile; it uses the shared ones. Upgrade Codex to ${codexSince('profile-files')} or later for per-profile settings.`,
      );
    }
  }
  return { configToml: config, profileFiles: {}, migratedLegacy: [], warnings };
}

// ---------------------------------------------------------------- lint (used by doctor)

/**
 * Problems Codex would refuse, silently ignore, or that break Bedrock turns.
 * `awsProfiles`: profile names found in the AWS config, to catch a missing one.
 * `codexVersion`: the installed Codex, whose version decides which settings it refuses or ignores.
 */
export function lintCodexConfig(files: CodexFiles, opts: { awsProfiles?: string[]; codexVersion?: string | null } = {}): CheckResult[] {
  let layout: CodexLayout;
  try {
    layout = readCodexLayout(files);
  } catch (e) {
    return [{ id: 'codex-config-syntax', status: 'fail', diagnosis: 'config-parse-error', summary: (e as Error).message, fix: 'Fix the TOML syntax at that line, or restore the .bak file.' }];
  }
  const out: CheckResult[] = [];
  // Before profile files, `profile = …` and [profiles.X] are how Codex selects a profile: nothing to migrate.
  const legacyIsCurrent = !codexSupports(opts.codexVersion, 'profile-files');
  if (layout.legacyProfile !== undefined && !legacyIsCurrent) {
    out.push({
      id: 'codex-legacy-profile-selector',
      status: 'fail',
      diagnosis: 'legacy-profile-layout',
      summary: `config.toml has a top-level profile = "${layout.legacyProfile}", which Codex 0.134+ refuses.`,
      fix: `Remove it and run codex --profile ${layout.legacyProfile}; codex-bedrock-setup setup migrates it.`,
    });
  }
  for (const name of legacyIsCurrent ? [] : layout.legacyProfiles) {
    const clash = files.profileFiles[name] != null;
    out.push({
      id: 'codex-legacy-profile-table',
      diagnosis: 'legacy-profile-layout',
      status: clash ? 'fail' : 'warn',
      summary: clash
        ? `config.toml has [profiles.${name}] and ${name}.config.toml exists: codex --profile ${name} refuses to start.`
        : `config.toml has [profiles.${name}], which Codex 0.134+ ignores.`,
      fix: `Move its settings into ${name}.config.toml and delete the table (codex-bedrock-setup setup does this).`,
    });
  }
  const all: [string, CodexFileFacts][] = [['config.toml', layout], ...Object.entries(layout.profiles).map(([n, f]) => [`${n}.config.toml`, f] as [string, CodexFileFacts])];
  const shared = layout.bedrock;
  for (const [file, f] of all) {
    const usesBedrock = f.modelProvider === BEDROCK_PROVIDER || (file !== 'config.toml' && f.modelProvider === undefined && layout.modelProvider === BEDROCK_PROVIDER);
    if (usesBedrock && file !== 'config.toml' && f.webSearch !== 'disabled') {
      out.push({
        id: 'codex-web-search-enabled',
        diagnosis: 'web-search-enabled',
        status: 'warn',
        summary: `${file} uses amazon-bedrock with web_search ${f.webSearch === undefined ? 'not set' : `= "${f.webSearch}"`}.`,
        fix: `Add web_search = "disabled" to ${file}.`,
        why: 'The hosted web-search tool is not available on every Bedrock surface; requests that include it fail.',
      });
    }
    // Under the runtime provider a `global.`/`us.` id is right; it is only wrong for amazon-bedrock (Mantle).
    const provider = f.modelProvider ?? (file !== 'config.toml' ? layout.modelProvider : undefined);
    if (f.model && isRuntimeModelId(f.model) && provider !== RUNTIME_PROVIDER) {
      out.push({
        id: 'codex-runtime-model-id',
        diagnosis: 'runtime-model-id',
        status: 'fail',
        summary: `${file}: model = "${f.model}" is a Bedrock Runtime id.`,
        fix: `Use the Mantle id: model = "${mantleModelId(f.model)}".`,
      });
    }
    for (const u of f.bedrock?.unknownAwsKeys ?? []) {
      out.push({
        id: 'codex-unknown-aws-key',
        status: 'warn',
        summary: `${file}: model_providers.amazon-bedrock.aws.${u.key} is ignored by Codex.`,
        fix: u.suggestion ? `Rename it to ${u.suggestion}.` : `Remove it; known keys: ${KNOWN_AWS_KEYS.join(', ')}.`,
      });
    }
    for (const k of f.bedrock?.unknownProviderKeys ?? []) {
      out.push({
        id: 'codex-unknown-provider-key',
        status: 'fail',
        summary: `${file}: model_providers.amazon-bedrock.${k} cannot be changed; Codex refuses to start.`,
        fix: `Remove it; only ${KNOWN_PROVIDER_KEYS.join(', ')} may be set.`,
      });
    }
    out.push(...versionFindings(file, f, opts.codexVersion ?? null));
    const awsProfile = f.bedrock?.awsProfile ?? shared?.awsProfile;
    if (codexSupports(opts.codexVersion, 'credential-export') && (f.bedrock?.hasCredentialExport || (file !== 'config.toml' && shared?.hasCredentialExport)) && awsProfile) {
      out.push({
        id: 'codex-credential-export-with-profile',
        status: 'fail',
        summary: `${file}: aws.credential_export and aws.profile are both set (across config files); Codex refuses this.`,
        fix: 'Keep one: remove aws.credential_export, or remove aws.profile.',
      });
    }
    if (f.bedrock?.awsProfile && opts.awsProfiles && !opts.awsProfiles.includes(f.bedrock.awsProfile)) {
      out.push({
        id: 'codex-aws-profile-unknown',
        diagnosis: 'codex-aws-profile-missing',
        status: 'fail',
        summary: `${file}: aws.profile = "${f.bedrock.awsProfile}" is not in your AWS config; every Codex turn fails with "the credential provider was not enabled".`,
        fix: `Create it (aws configure sso --profile ${f.bedrock.awsProfile}) or change aws.profile.`,
      });
    }
    for (const p of f.customProviders) {
      if (p.wireApi !== undefined && p.wireApi !== 'responses') {
        out.push({
          id: 'codex-wire-api',
          diagnosis: 'wire-api-not-responses',
          status: 'fail',
          summary: `${file}: model_providers.${p.id}.wire_api = "${p.wireApi}"; Codex only speaks the Responses API.`,
          fix: `Set wire_api = "responses" for ${p.id}.`,
        });
      }
    }
  }
  const bedrockUsed = layout.modelProvider === BEDROCK_PROVIDER || Object.values(layout.profiles).some((f) => f.modelProvider === BEDROCK_PROVIDER);
  if (bedrockUsed && !shared?.awsProfile && !shared?.hasCredentialExport && !Object.values(layout.profiles).some((f) => f.bedrock?.awsProfile)) {
    out.push({
      id: 'codex-aws-profile-missing',
      status: 'warn',
      summary: 'No aws.profile under [model_providers.amazon-bedrock.aws]: Codex uses the AWS SDK default chain (environment variables, default profile).',
      fix: 'Set profile = "<your AWS profile>" under [model_providers.amazon-bedrock.aws], or keep AWS credentials in the environment.',
    });
  }
  return out;
}

/** Settings this Codex version refuses (it will not start) or silently ignores (it behaves differently). */
function versionFindings(file: string, f: CodexFileFacts, version: string | null): CheckResult[] {
  const out: CheckResult[] = [];
  const b = f.bedrock;
  if (!b) return out;
  const upgrade = (since: string) => `Upgrade Codex to ${since} or later (${CODEX_UPDATE_COMMAND}), or remove the setting.`;
  if (b.overrideKeys.length && !codexSupports(version, 'provider-overrides')) {
    out.push({
      id: 'codex-override-too-old',
      status: 'fail',
      summary: `${file}: model_providers.amazon-bedrock.${b.overrideKeys.join(', ')}: Codex ${version} refuses ${b.overrideKeys.length > 1 ? 'these' : 'this'} and does not start.`,
      fix: upgrade(codexSince('provider-overrides')),
    });
  }
  if (b.hasAuthRefresh && !codexSupports(version, 'auth-refresh')) {
    out.push({
      id: 'codex-auth-refresh-too-old',
      status: 'warn',
      summary: `${file}: Codex ${version} ignores aws.auth_refresh; it will not sign in again by itself when the SSO session expires.`,
      fix: upgrade(codexSince('auth-refresh')),
    });
  }
  if (b.hasCredentialExport && !codexSupports(version, 'credential-export')) {
    out.push({
      id: 'codex-credential-export-too-old',
      status: 'fail',
      summary: `${file}: Codex ${version} ignores aws.credential_export and signs with other credentials (aws.profile or the AWS SDK chain).`,
      fix: upgrade(codexSince('credential-export')),
    });
  }
  return out;
}

function nearest(word: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(word, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

