// doctor --report: one Markdown document a person can paste into an issue or a chat with their admin.
// Pure: the flow gathers, this words and redacts. Everything passes through redactForSharing at the end,
// so a secret that slipped into a check's text, a path or a comment still never leaves the machine.
import { summaryLine, type DoctorReport } from './doctorReport.js';
import { redactConfigLineAndComment, redactForSharing } from './redact.js';
import type { AwsCliInfo, CodexInfo } from '../types.js';

export interface SupportReportInput {
  toolVersion: string;
  node: string;
  /** `linux 6.1.0`. */
  os: string;
  arch: string;
  codex: CodexInfo | null;
  awsClis: AwsCliInfo[];
  report: DoctorReport;
  /** config.toml first, then each `<profile>.config.toml`; text null when the file is absent; `unread` says why it was not read. */
  configFiles: { name: string; text: string | null; unread?: string }[];
  env: NodeJS.ProcessEnv;
  home?: string;
  /** The team template's help_url, when doctor was given one. */
  helpUrl?: string;
}

/** Variables that shape what Codex and the AWS SDK do; only their names are shown unless listed in SHOWN. */
const RELEVANT = /^(AWS_|CODEX_|OPENAI_|(HTTPS?|ALL|NO)_PROXY$|NODE_EXTRA_CA_CERTS$|SSL_CERT_(FILE|DIR)$|REQUESTS_CA_BUNDLE$)/i;
/** Not secrets: regions, profile names, file paths, proxies (their passwords masked by redact). */
const SHOWN = /^(AWS_(DEFAULT_)?REGION|AWS_(DEFAULT_)?PROFILE|AWS_CONFIG_FILE|AWS_SHARED_CREDENTIALS_FILE|AWS_CA_BUNDLE|AWS_SDK_LOAD_CONFIG|AWS_STS_REGIONAL_ENDPOINTS|AWS_USE_FIPS_ENDPOINT|AWS_USE_DUALSTACK_ENDPOINT|AWS_ENDPOINT_URL(_[A-Z_]+)?|AWS_EC2_METADATA_DISABLED|AWS_RETRY_MODE|AWS_ROLE_ARN|AWS_ROLE_SESSION_NAME|AWS_WEB_IDENTITY_TOKEN_FILE|AWS_SDK_JS_[A-Z_]+|AWS_MAX_ATTEMPTS|CODEX_HOME|(HTTPS?|ALL|NO)_PROXY|NODE_EXTRA_CA_CERTS|SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE)$/i;

export interface EnvLine {
  name: string;
  /** Undefined: set, value withheld. */
  value?: string;
}

/** The relevant variables that are set, sorted; values only for the non-secret ones. */
export function relevantEnv(env: NodeJS.ProcessEnv): EnvLine[] {
  return Object.keys(env)
    .filter((k) => RELEVANT.test(k) && env[k] !== undefined && env[k] !== '')
    .sort()
    .map((name) => (SHOWN.test(name) ? { name, value: env[name]! } : { name }));
}

/** Values of every relevant variable we do not show: masked wherever they appear, whatever their shape. */
export function withheldValues(env: NodeJS.ProcessEnv): string[] {
  return relevantEnv(env)
    .filter((e) => e.value === undefined)
    .map((e) => env[e.name]!)
    .filter((v) => v.length >= 8);
}

/** A fence longer than any run of backticks inside, so a file cannot close it early. */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

const STATUS = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIPPED' } as const;

export function supportReport(input: SupportReportInput): string {
  const { report } = input;
  const out: string[] = [];
  out.push('# codex-bedrock-setup doctor report', '');
  out.push('Secrets, tokens and account ids are masked (****). Check before you paste anyway.', '');
  if (input.helpUrl) out.push(`Help from your team: ${input.helpUrl}`, '');

  out.push('## Versions', '');
  out.push(`- codex-bedrock-setup: ${input.toolVersion}`);
  out.push(`- Node: ${input.node}`);
  out.push(`- OS: ${input.os} (${input.arch})`);
  out.push(`- Codex: ${input.codex ? `${input.codex.version ?? 'unknown version'} at ${input.codex.path}` : 'not found on PATH'}`);
  if (!input.awsClis.length) out.push('- aws CLI: not found on PATH');
  input.awsClis.forEach((a, i) => out.push(`- aws CLI${i === 0 ? '' : ` (shadowed, #${i + 1} on PATH)`}: ${a.version ?? 'unknown version'} at ${a.path}`));
  out.push('');

  out.push('## Checks', '');
  out.push(summaryLine(report.checks), '');
  if (report.codexProfile) out.push(`Codex profile checked: ${report.codexProfile}`);
  if (report.credential) out.push(`Credential Codex signs with: ${report.credential.kind} (${report.credential.source}${report.credential.profile ? `, profile ${report.credential.profile}` : ''})`);
  if (report.codexProfile || report.credential) out.push('');
  // Problems first: the reader of a pasted report looks for what failed. Otherwise in the order they ran.
  const order = { fail: 0, warn: 1, pass: 2, skipped: 3 } as const;
  for (const c of [...report.checks].sort((a, b) => order[a.status] - order[b.status])) {
    out.push(`- **${STATUS[c.status]}** \`${c.id}\`: ${c.summary}`);
    if (c.why) out.push(`  - Why: ${c.why}`);
    if (c.fix) out.push(`  - Fix: ${c.fix}`);
    if (c.diagnosis) out.push(`  - Diagnosis: ${c.diagnosis}`);
    if (c.output) out.push('', fenced(c.output).replace(/^/gm, '  '));
  }
  out.push('');

  out.push('## Codex config', '');
  if (!input.configFiles.length) out.push('No Codex config files.', '');
  for (const f of input.configFiles) {
    out.push(`### ${f.name}`, '');
    // Line by line: a secret-looking key loses its value even when its value has no recognisable shape.
    out.push(f.unread ? `(not read: ${f.unread})` : f.text === null ? '(absent)' : f.text.trim() === '' ? '(empty)' : fenced(f.text.split('\n').map(redactConfigLineAndComment).join('\n'), 'toml'), '');
  }

  out.push('## Environment', '');
  const env = relevantEnv(input.env);
  if (!env.length) out.push('No AWS, Codex or proxy variables are set.');
  for (const e of env) out.push(e.value === undefined ? `- ${e.name} (set, value withheld)` : `- ${e.name}=${e.value}`);
  out.push('');

  let doc = out.join('\n');
  if (input.home && input.home.length > 1) doc = doc.split(input.home).join('~');
  return redactForSharing(doc, withheldValues(input.env));
}
