// What each Codex release accepts, uses and sends on Amazon Bedrock: one table that the config writer, the lint,
// the wizard, doctor and the README read. Observed by running each published binary (see
// shared/facts/codex-version-matrix.md); a capability with two rows has a gap between them.

export type CodexCapability =
  | 'bedrock-provider'
  | 'profile-files'
  | 'codex-doctor'
  | 'managed-api-key'
  | 'provider-overrides'
  | 'runtime-provider'
  | 'auth-refresh'
  | 'profile-over-bearer'
  | 'managed-access-keys'
  | 'region-error-wording'
  | 'credential-export'
  | 'govcloud-west'
  | 'govcloud-east'
  | 'govcloud-acknowledgement'
  | 'request-capture'
  | 'hosted-web-search'
  | 'additional-tools';

/** The newest Codex observed for this table (npm `latest` when it was written). */
export const NEWEST_KNOWN_CODEX = '0.171.0';

export interface CodexVersionRow {
  capability: CodexCapability;
  since: string;
  /** First version without it; absent: still there in the newest version we know. */
  until?: string;
  /** What changes for a user, in one line (the README table shows it). */
  what: string;
  /** What setup writes (or stops writing) because of it, when anything. */
  written?: string;
}

export const CODEX_VERSION_TABLE: readonly CodexVersionRow[] = [
  {
    capability: 'bedrock-provider',
    since: '0.128.0',
    what: 'built-in `amazon-bedrock` provider posting to `/openai/v1/responses`',
    written: '`model_provider = "amazon-bedrock"`, `[model_providers.amazon-bedrock.aws]` `region` and `profile`; before 0.134 the profiles as `[profiles.<name>]` in config.toml',
  },
  {
    capability: 'profile-files',
    since: '0.134.0',
    what: '`--profile NAME` reads only `NAME.config.toml`; `profile = …` and a selected `[profiles.NAME]` are refused',
    written: 'one `<name>.config.toml` per Codex profile; legacy `[profiles.X]` tables migrated',
  },
  { capability: 'codex-doctor', since: '0.134.0', what: '`codex doctor --json` exists (doctor folds its findings in)' },
  { capability: 'govcloud-west', since: '0.134.0', until: '0.135.0', what: '`us-gov-west-1` accepted by the region check' },
  { capability: 'managed-api-key', since: '0.142.0', what: 'a Bedrock API key stored by Codex in `auth.json` (wins over `AWS_BEARER_TOKEN_BEDROCK` and the AWS SDK chain)' },
  {
    capability: 'provider-overrides',
    since: '0.145.0',
    what: '`base_url`, `auth`, `http_headers` allowed under `[model_providers.amazon-bedrock]` (refused before)',
  },
  {
    capability: 'request-capture',
    since: '0.145.0',
    what: '`-c model_providers.amazon-bedrock.base_url=…` points Codex at a local recorder: the smoke test and doctor replay the request Codex sends (older: one modelled on its version)',
  },
  { capability: 'runtime-provider', since: '0.148.0', what: 'built-in `amazon-bedrock-runtime` provider (Bedrock Runtime, `global.`/`us.` model ids)' },
  {
    capability: 'auth-refresh',
    since: '0.149.0',
    what: '`aws.auth_refresh` runs `aws sso login …` when the SSO session has expired',
    written: '`aws.auth_refresh = { command = "aws", args = ["sso", "login", "--profile", …] }` for IAM Identity Center profiles',
  },
  {
    capability: 'profile-over-bearer',
    since: '0.150.0',
    what: 'a configured `aws.profile` wins over `AWS_BEARER_TOKEN_BEDROCK` and a Bedrock login stored by Codex (before: both win over it)',
  },
  { capability: 'hosted-web-search', since: '0.150.0', what: 'the hosted `web_search` tool is sent with every turn unless `web_search = "disabled"` (setup writes that only when a live probe shows the endpoint refuses the tool)' },
  { capability: 'managed-access-keys', since: '0.150.0', what: 'AWS access keys stored by Codex in `auth.json`' },
  { capability: 'region-error-wording', since: '0.150.0', what: 'region error reads "Amazon Bedrock does not support region `X`" (before: "Amazon Bedrock Mantle does not support region X")' },
  { capability: 'credential-export', since: '0.155.0', what: '`aws.credential_export` (a command printing credentials; never together with `aws.profile`)' },
  { capability: 'govcloud-west', since: '0.161.0', what: '`us-gov-west-1` accepted again' },
  { capability: 'govcloud-east', since: '0.161.0', what: '`us-gov-east-1` accepted' },
  { capability: 'govcloud-acknowledgement', since: '0.162.0', what: 'the TUI asks to acknowledge "Using Codex with AWS GovCloud"' },
  {
    capability: 'additional-tools',
    since: '0.171.0',
    what: 'tools sent in an `additional_tools` input item (feature `incremental_tools_legacy`, on by default)',
  },
];

export const CODEX_UPDATE_COMMAND = 'npm i -g @openai/codex@latest';

/** Compares the first dotted number in each string (`codex-cli 0.169.0` works): 0.134.0 > 0.99.9. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/\d+(?:\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** `x.y.z` from `codex-cli 0.171.0`, or null when there is no version to judge by. */
export function knownVersion(v: string | null | undefined): string | null {
  return (v && /\d+\.\d+\.\d+/.exec(v)?.[0]) || null;
}

/**
 * Whether this Codex has the capability. An unknown version (Codex absent, or `--version` unreadable) is taken
 * to be the newest: that is what a user who installs Codex now gets.
 */
export function codexSupports(version: string | null | undefined, capability: CodexCapability): boolean {
  const v = knownVersion(version);
  return CODEX_VERSION_TABLE.some(
    (r) => r.capability === capability && (v === null ? r.until === undefined : compareVersions(v, r.since) >= 0 && (r.until === undefined || compareVersions(v, r.until) < 0)),
  );
}

/** The version from which a capability holds in the newest Codex (its last row's start). */
export function codexSince(capability: CodexCapability): string {
  const rows = CODEX_VERSION_TABLE.filter((r) => r.capability === capability);
  if (rows.length === 0) throw new Error(`no Codex version row for ${capability}`);
  return rows[rows.length - 1]!.since;
}

/** The versions a capability holds in, for people: "0.134.0 – 0.134.x, 0.161.0+". */
export function codexRanges(capability: CodexCapability): string {
  return CODEX_VERSION_TABLE.filter((r) => r.capability === capability)
    .map((r) => (r.until ? `${r.since} to before ${r.until}` : `${r.since}+`))
    .join(', ');
}

/** The README's Codex support table (version → what changes → what setup writes), from the table above. */
export function codexSupportTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = [...CODEX_VERSION_TABLE]
    .sort((a, b) => compareVersions(a.since, b.since))
    .map((r) => `| ${r.until ? `${r.since} to before ${r.until}` : `${r.since}+`} | ${cell(r.what)} | ${cell(r.written ?? '')} |`);
  return ['| Codex | What changes | What setup writes for it |', '|---|---|---|', ...rows].join('\n');
}
