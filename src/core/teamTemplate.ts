// The team template: what an administrator pins for every developer. Pure: callers fetch the bytes.
import { createHash } from 'node:crypto';
import { parse } from 'smol-toml';
import { parseRegion } from './regions.js';
import { formatKey, formatValue, type TomlValue } from './tomlEdit.js';
import { compareVersions } from './codexVersions.js';
import {
  mantleModelId,
  validateAccountId,
  validateAwsProfileName,
  validateCodexProfileName,
  validateModelId,
  validateSsoStartUrl,
  type Validation,
} from './validate.js';

export type TeamAuth = 'sso' | 'profile' | 'api-key' | 'env';
export type TeamProvider = 'mantle' | 'runtime';
/** Codex's web_search modes; before 0.145 Codex refuses "indexed" (0.134 does; 0.145, 0.149 and 0.171 accept all four). */
export const WEB_SEARCH_MODES = ['disabled', 'cached', 'indexed', 'live'] as const;
export type WebSearchMode = (typeof WEB_SEARCH_MODES)[number];
/** The first Codex of the version matrix seen to accept web_search = "indexed" (0.134 refuses it at start). */
export const WEB_SEARCH_INDEXED_SINCE = '0.145.0';

/** OpenTelemetry exporter as Codex's [otel] table names it (codex-rs OtelExporterKind: otlp-http, otlp-grpc). */
export interface TeamOtel {
  exporter: 'otlp-http' | 'otlp-grpc';
  endpoint: string;
  protocol?: 'binary' | 'json';
  headers?: Record<string, string>;
  environment?: string;
  logUserPrompt?: boolean;
}

export interface TeamTemplate {
  auth?: TeamAuth;
  sso: { startUrl?: string; region?: string; accountId?: string; roleName?: string; session?: string };
  awsProfile?: string;
  region?: string;
  /** Regions offered first (a suggestion); `allowedRegions` is the enforced list. */
  regions?: string[];
  prompt?: string;
  profiles?: { name: string; model?: string }[];
  codexMinVersion?: string;
  helpUrl?: string;
  allowedRegions?: string[];
  allowedModels?: string[];
  webSearch?: WebSearchMode;
  provider?: TeamProvider;
  otel?: TeamOtel;
}

const TOP_KEYS = [
  'auth', 'start_url', 'sso_region', 'sso_session', 'account_id', 'role_name', 'aws_profile', 'region', 'regions', 'prompt',
  'profiles', 'codex_min_version', 'help_url', 'allowed_regions', 'allowed_models', 'web_search', 'provider', 'otel',
];
const PROFILE_KEYS = ['name', 'model'];
const OTEL_KEYS = ['exporter', 'endpoint', 'protocol', 'headers', 'environment', 'log_user_prompt'];
const AUTH: TeamAuth[] = ['sso', 'profile', 'api-key', 'env'];
const PROVIDERS: TeamProvider[] = ['mantle', 'runtime'];

export class TeamTemplateError extends Error {
  constructor(message: string) {
    super(`team template: ${message}`);
    this.name = 'TeamTemplateError';
  }
}

/** Parses and validates a template; throws TeamTemplateError with a one-line message (line and column where known). */
export function parseTeamTemplateText(text: string): TeamTemplate {
  let t: Record<string, unknown>;
  try {
    t = parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new TeamTemplateError(`not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
  refuseUnknown(text, t, TOP_KEYS, []);
  const profilesRaw = t.profiles === undefined ? undefined : asArray(t.profiles, 'profiles');
  profilesRaw?.forEach((p) => refuseUnknown(text, p as Record<string, unknown>, PROFILE_KEYS, ['profiles']));
  if (t.otel !== undefined) refuseUnknown(text, asTable(t.otel, 'otel'), OTEL_KEYS, ['otel']);

  const auth = oneOf(t.auth, 'auth', AUTH);
  const profiles = profilesRaw?.map((p) => {
    const row = p as Record<string, unknown>;
    return { name: str(row.name, 'profiles.name') ?? '', model: str(row.model, 'profiles.model') };
  });
  if (profiles?.some((p) => !p.name)) throw new TeamTemplateError('every [[profiles]] entry needs a name');
  const tpl: TeamTemplate = {
    auth,
    sso: {
      startUrl: str(t.start_url, 'start_url'),
      region: str(t.sso_region, 'sso_region'),
      accountId: str(t.account_id, 'account_id'),
      roleName: str(t.role_name, 'role_name'),
      session: str(t.sso_session, 'sso_session'),
    },
    awsProfile: str(t.aws_profile, 'aws_profile'),
    region: str(t.region, 'region'),
    regions: strList(t.regions, 'regions'),
    prompt: str(t.prompt, 'prompt'),
    profiles,
    codexMinVersion: str(t.codex_min_version, 'codex_min_version'),
    helpUrl: str(t.help_url, 'help_url'),
    allowedRegions: strList(t.allowed_regions, 'allowed_regions'),
    allowedModels: strList(t.allowed_models, 'allowed_models'),
    webSearch: oneOf(t.web_search, 'web_search', WEB_SEARCH_MODES),
    provider: oneOf(t.provider, 'provider', PROVIDERS),
    otel: t.otel === undefined ? undefined : parseOtel(asTable(t.otel, 'otel')),
  };
  validateTemplate(tpl);
  return tpl;
}

/** Problems with a region or model the user (or a flag) chose, against what the template allows. */
export function outsideTemplate(tpl: TeamTemplate, choice: { region?: string; models?: string[] }): string[] {
  const problems: string[] = [];
  if (choice.region && tpl.allowedRegions && !tpl.allowedRegions.includes(choice.region)) {
    problems.push(`region ${choice.region} is not allowed by the team template (allowed: ${tpl.allowedRegions.join(', ')})`);
  }
  for (const m of choice.models ?? []) {
    if (tpl.allowedModels && !tpl.allowedModels.includes(m)) {
      problems.push(`model ${m} is not allowed by the team template (allowed: ${tpl.allowedModels.join(', ')})`);
    }
  }
  return problems;
}

/** null when the installed Codex is new enough (or the template sets no minimum), else what to tell the developer. */
export function codexTooOld(tpl: TeamTemplate, installed: string | null, updateCommand: string): string | null {
  if (!tpl.codexMinVersion) return null;
  if (installed && compareVersions(installed, tpl.codexMinVersion) >= 0) return null;
  const have = installed ? `Codex ${installed} is installed` : 'Codex is not installed';
  return `Your team requires Codex ${tpl.codexMinVersion} or newer; ${have}. Upgrade: ${updateCommand}`;
}

/** Codex's [otel] table (config.toml) for the template's exporter. */
export function codexOtelTable(otel: TeamOtel): Record<string, unknown> {
  const exporter: Record<string, unknown> = { endpoint: otel.endpoint };
  if (otel.exporter === 'otlp-http') exporter.protocol = otel.protocol ?? 'binary';
  if (otel.headers) exporter.headers = otel.headers;
  return {
    ...(otel.environment ? { environment: otel.environment } : {}),
    exporter: { [otel.exporter]: exporter },
    log_user_prompt: otel.logUserPrompt ?? false,
  };
}

// --- where a template comes from, and its pin ---

export type TemplateSource = { kind: 'url'; url: string; sha256?: string } | { kind: 'file'; path: string; sha256?: string };

/**
 * `https://host/codex-team.toml#sha256=HEX` or a local path (optionally `#sha256=HEX` too). The hash lives in the
 * fragment, which is never sent to the server, so the developer's one line carries both address and pin.
 */
export function parseTemplateSource(arg: string): TemplateSource {
  const hashAt = arg.lastIndexOf('#sha256=');
  const base = hashAt >= 0 ? arg.slice(0, hashAt) : arg;
  const sha256 = hashAt >= 0 ? arg.slice(hashAt + '#sha256='.length).toLowerCase() : undefined;
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    throw new TeamTemplateError(`the pin after #sha256= must be 64 hexadecimal characters (got ${sha256.length}). Compute it: shasum -a 256 codex-team.toml`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new TeamTemplateError(`${base} is not a valid URL`);
    }
    if (url.protocol !== 'https:') throw new TeamTemplateError(`a template URL must use https:// (got ${url.protocol}//)`);
    if (url.username || url.password) throw new TeamTemplateError('a template URL must not carry a user name or password');
    if (!sha256) {
      throw new TeamTemplateError(
        `a template URL needs its pin: ${base}#sha256=<hash>. Without it whoever controls that server (or the network) decides your Codex config. Ask your administrator for the full line.`,
      );
    }
    return { kind: 'url', url: url.toString(), sha256 };
  }
  return { kind: 'file', path: base, ...(sha256 ? { sha256 } : {}) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws when the bytes are not the ones pinned; says both hashes and what to do. */
export function checkPin(source: TemplateSource, bytes: Uint8Array): void {
  if (!source.sha256) return;
  const actual = sha256Hex(bytes);
  if (actual === source.sha256) return;
  const where = source.kind === 'url' ? source.url : source.path;
  throw new TeamTemplateError(
    `${where} does not match its pin: expected sha256 ${source.sha256}, got ${actual}. The file changed since the pin was made: nothing was written. Ask your administrator for the current line (team init prints it), or re-pin if you changed the file yourself.`,
  );
}

// --- helpers ---

function refuseUnknown(text: string, table: Record<string, unknown>, known: string[], path: string[]): void {
  for (const key of Object.keys(table)) {
    if (known.includes(key)) continue;
    const at = locateKey(text, path, key);
    const full = [...path, key].join('.');
    throw new TeamTemplateError(`unknown key ${full}${at ? ` at line ${at.line}, column ${at.column}` : ''} (known: ${known.join(', ')})`);
  }
}

/** 1-based line and column of `key =` inside the table `path` (or its [[array]] entries). */
function locateKey(text: string, path: string[], key: string): { line: number; column: number } | null {
  const lines = text.split(/\r?\n/);
  let current = '';
  const keyRe = new RegExp(`^(\\s*)(?:"${escapeRe(key)}"|'${escapeRe(key)}'|${escapeRe(key)})\\s*[=.]`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(lines[i]!);
    if (header) {
      current = header[1]!.replace(/["']/g, '');
      continue;
    }
    const m = keyRe.exec(lines[i]!);
    if (m && current === path.join('.')) return { line: i + 1, column: m[1]!.length + 1 };
  }
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function str(v: unknown, key: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new TeamTemplateError(`${key} must be a string`);
  return v.trim() || undefined;
}

function strList(v: unknown, key: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new TeamTemplateError(`${key} must be a list of strings`);
  const list = (v as string[]).map((x) => x.trim()).filter(Boolean);
  if (list.length === 0) throw new TeamTemplateError(`${key} must not be empty (leave it out to allow any)`);
  return list;
}

function asArray(v: unknown, key: string): unknown[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) throw new TeamTemplateError(`${key} must be [[${key}]] tables`);
  return v;
}

function asTable(v: unknown, key: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new TeamTemplateError(`${key} must be a [${key}] table`);
  return v as Record<string, unknown>;
}

function oneOf<T extends string>(v: unknown, key: string, allowed: readonly T[]): T | undefined {
  const s = str(v, key);
  if (s !== undefined && !allowed.includes(s as T)) throw new TeamTemplateError(`${key} must be one of ${allowed.join(', ')} (got "${s.slice(0, 40)}")`);
  return s as T | undefined;
}

function parseOtel(o: Record<string, unknown>): TeamOtel {
  const exporter = oneOf(o.exporter, 'otel.exporter', ['otlp-http', 'otlp-grpc'] as const);
  if (!exporter) throw new TeamTemplateError('otel.exporter is required (otlp-http or otlp-grpc)');
  const endpoint = str(o.endpoint, 'otel.endpoint');
  if (!endpoint || !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new TeamTemplateError('otel.endpoint must be an http(s) URL');
  const protocol = oneOf(o.protocol, 'otel.protocol', ['binary', 'json'] as const);
  if (protocol && exporter !== 'otlp-http') throw new TeamTemplateError('otel.protocol applies to exporter = "otlp-http" only');
  let headers: Record<string, string> | undefined;
  if (o.headers !== undefined) {
    const h = asTable(o.headers, 'otel.headers');
    if (Object.values(h).some((x) => typeof x !== 'string')) throw new TeamTemplateError('otel.headers values must be strings');
    headers = h as Record<string, string>;
  }
  if (o.log_user_prompt !== undefined && typeof o.log_user_prompt !== 'boolean') throw new TeamTemplateError('otel.log_user_prompt must be true or false');
  return {
    exporter,
    endpoint,
    ...(protocol ? { protocol } : {}),
    ...(headers ? { headers } : {}),
    ...(str(o.environment, 'otel.environment') ? { environment: str(o.environment, 'otel.environment') } : {}),
    ...(o.log_user_prompt !== undefined ? { logUserPrompt: o.log_user_prompt as boolean } : {}),
  };
}

/** A template is input like any other: values that end up in file names, config or URLs are validated. */
function validateTemplate(t: TeamTemplate): void {
  const fail = (what: string, r: Validation | { ok: boolean; message?: string }) => {
    if (!r.ok) throw new TeamTemplateError(`${what}: ${(r as { message: string }).message}`);
  };
  const regions = [...(t.regions ?? []), ...(t.allowedRegions ?? []), ...(t.region ? [t.region] : []), ...(t.sso.region ? [t.sso.region] : [])];
  for (const r of regions) fail('region', parseRegion(r));
  // Runtime ids carry a region prefix (global., us.) that Mantle ids must not: check the id underneath.
  const modelId = (m: string) => validateModelId(t.provider === 'runtime' ? mantleModelId(m) : m);
  for (const p of t.profiles ?? []) {
    fail('profile name', validateCodexProfileName(p.name));
    if (p.model) fail(`model of ${p.name}`, modelId(p.model));
  }
  for (const m of t.allowedModels ?? []) fail('allowed_models', modelId(m));
  if (t.sso.startUrl) fail('start_url', validateSsoStartUrl(t.sso.startUrl));
  if (t.sso.accountId) fail('account_id', validateAccountId(t.sso.accountId));
  if (t.awsProfile) fail('aws_profile', validateAwsProfileName(t.awsProfile));
  if (t.codexMinVersion && !/^\d+\.\d+\.\d+$/.test(t.codexMinVersion)) throw new TeamTemplateError('codex_min_version must look like 0.171.0');
  if (t.helpUrl && !/^https:\/\/[^\s"'<>]+$/.test(t.helpUrl)) throw new TeamTemplateError('help_url must be an https:// URL');
  // The template must not contradict itself: what it pins must be what it allows.
  const contradictions = outsideTemplate(t, { region: t.region, models: (t.profiles ?? []).flatMap((p) => (p.model ? [p.model] : [])) });
  for (const r of t.regions ?? []) contradictions.push(...outsideTemplate(t, { region: r }));
  if (contradictions.length) throw new TeamTemplateError(contradictions[0]!.replace('is not allowed by the team template', 'is pinned but not in the allowed list'));
  // A Codex that cannot parse the value refuses to start, and setup lets in any Codex from the minimum on.
  if (t.webSearch === 'indexed' && (!t.codexMinVersion || compareVersions(t.codexMinVersion, WEB_SEARCH_INDEXED_SINCE) < 0)) {
    throw new TeamTemplateError(`web_search = "indexed" needs codex_min_version = "${WEB_SEARCH_INDEXED_SINCE}" or newer: older Codex refuses to start with it`);
  }
  // Hosted web search is reported to work on Mantle only; on Runtime Codex's turn would carry a tool it cannot serve.
  if (t.provider === 'runtime' && t.webSearch && t.webSearch !== 'disabled') {
    throw new TeamTemplateError(`web_search = "${t.webSearch}" needs provider = "mantle" (Bedrock Runtime serves no hosted web search). Use "disabled".`);
  }
}

export interface TeamTemplateDraft {
  startUrl?: string;
  ssoRegion?: string;
  accountId?: string;
  roleName?: string;
  awsProfile?: string;
  region?: string;
  /** Allowed regions; without it, only `region`. */
  allowedRegions?: string[];
  models: string[];
  codexProfile?: string;
  codexMinVersion: string;
}

/** `team init`: a template from the administrator's answers; parses back to the same values (checked by the caller). */
export function renderTeamTemplate(d: TeamTemplateDraft): string {
  const kv = (k: string, v: TomlValue | undefined) => (v === undefined ? [] : [`${formatKey(k)} = ${formatValue(v)}`]);
  const lines = [
    '# Team template for codex-bedrock-setup (written by team init). Every value is pinned for developers.',
    ...(d.startUrl ? kv('auth', 'sso') : []),
    ...kv('start_url', d.startUrl),
    ...kv('sso_region', d.ssoRegion),
    ...kv('account_id', d.accountId),
    ...kv('role_name', d.roleName),
    ...kv('aws_profile', d.awsProfile),
    ...kv('region', d.region),
    ...kv('allowed_regions', d.allowedRegions ?? (d.region ? [d.region] : undefined)),
    ...kv('allowed_models', d.models.length ? d.models : undefined),
    ...kv('codex_min_version', d.codexMinVersion),
    ...kv('web_search', 'disabled'),
    ...kv('provider', 'mantle'),
  ];
  if (d.codexProfile || d.models.length) {
    lines.push('', '[[profiles]]', ...kv('name', d.codexProfile ?? 'bedrock-prod'), ...kv('model', d.models[0]));
  }
  return lines.join('\n') + '\n';
}
