// Folds Codex's own `codex doctor --json` into ours: only what matters on Bedrock, never an echo of our checks.
import { CODEX_DOCTOR_TIMEOUT_MS, type CodexDoctorRun } from '../services/codexCli.js';
import type { CodexSettings } from '../services/types.js';
import type { CheckResult } from '../types.js';
import { explain } from '../core/diagnosis.js';

// doctor.ts takes these from here; the process itself lives in services/codexCli.ts.
export { CODEX_DOCTOR_TIMEOUT_MS, runCodexDoctorProcess, type CodexDoctorRun, type CodexDoctorRunner } from '../services/codexCli.js';

interface CodexDoctorCheck {
  status?: string; // ok | warning | fail
  summary?: string;
  details?: Record<string, unknown>;
  remediation?: string | null;
}

export interface CodexDoctorReport {
  overallStatus?: string;
  codexVersion?: string;
  checks: Record<string, CodexDoctorCheck>;
}

const quote = (v: string) => JSON.stringify(v);

/**
 * `codex doctor` refuses `--profile` (0.169: "--profile only applies to runtime commands"), so the
 * profile file's settings go in as `-c` overrides: Codex then inspects what `codex --profile X` would use.
 */
export function codexDoctorArgs(s: CodexSettings): string[] {
  const overrides: [string, string | undefined][] = [
    ['model_provider', s.modelProvider],
    ['model', s.model],
    ['model_providers.amazon-bedrock.aws.region', s.region],
    ['model_providers.amazon-bedrock.aws.profile', s.awsProfile],
  ];
  return ['doctor', '--json', ...overrides.flatMap(([k, v]) => (v === undefined ? [] : ['-c', `${k}=${quote(v)}`]))];
}

/** The report, or null when stdout is not one (older Codex, a crash, a refused flag). */
export function parseCodexDoctor(stdout: string): CodexDoctorReport | null {
  const start = stdout.indexOf('{');
  if (start < 0) return null;
  try {
    const data = JSON.parse(stdout.slice(start)) as Partial<CodexDoctorReport>;
    return data && typeof data.checks === 'object' && data.checks !== null ? (data as CodexDoctorReport) : null;
  } catch {
    return null;
  }
}

const RUN_YOURSELF = 'Run `codex doctor` yourself to read Codex’s own report; the checks above do not depend on it.';

/** Why the run gave no report, in one line: Codex's own error, never its backtrace or the /tmp PATH-alias warning. */
function runFailure(run: CodexDoctorRun, timeoutMs: number): string {
  if (run.error) return `could not start: ${run.error}`;
  if (run.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  const line = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !/^WARNING: proceeding/.test(l));
  return `exited ${run.exitCode ?? 'by a signal'} without a report${line ? `: ${line.slice(0, 300)}` : ''}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** "`foo_bar` is ignored." lines from Codex's startup warning. */
function ignoredKeys(warning: string): string[] {
  return [...warning.matchAll(/`([^`]+)` is ignored/g)].map((m) => m[1]);
}

export interface FoldContext {
  settings: CodexSettings;
  timeoutMs?: number;
}

/** Codex's findings that matter on Bedrock, minus what our own checks already say. */
export function foldCodexDoctor(run: CodexDoctorRun, ours: readonly CheckResult[], ctx: FoldContext): CheckResult[] {
  const report = run.error || run.timedOut ? null : parseCodexDoctor(run.stdout);
  if (!report) {
    return [{ id: 'codex-doctor', status: 'warn', summary: `codex doctor --json ${runFailure(run, ctx.timeoutMs ?? CODEX_DOCTOR_TIMEOUT_MS)}`, fix: RUN_YOURSELF }];
  }
  const failed = (id: string) => ours.some((c) => c.id === id && c.status === 'fail');
  const named = (diagnosis: string) => ours.some((c) => c.diagnosis === diagnosis && c.status !== 'pass');
  const out: CheckResult[] = [];
  const config = report.checks['config.load'];
  const details = config?.details ?? {};

  if (config?.status === 'fail') {
    // Our config checks read the same files; when one of them failed, Codex's redacted "invalid data" adds nothing.
    if (ours.some((c) => /^codex-(config|unknown|wire|legacy|profile|aws)/.test(c.id) && c.status === 'fail')) return out;
    const error = str(details.error);
    return [{ id: 'codex-doctor-config', status: 'fail', summary: `Codex cannot load its config: ${config.summary ?? 'unknown reason'}${error ? ` (${error})` : ''}`, fix: `Run \`codex doctor\` to see which setting it refuses; ${config.remediation ?? ''}`.trim() }];
  }
  // Without Bedrock as Codex's provider its network findings are about OpenAI's endpoints; our provider check says why.
  const onBedrock = (str(details['model provider']) ?? 'amazon-bedrock') === 'amazon-bedrock';

  const warning = str(details['startup warning']) ?? '';
  if (/Codex is ignoring \d+ unrecognized configuration setting/.test(warning)) {
    // Our linter already names typos under [model_providers.amazon-bedrock]; Codex knows every other key.
    const flagged = ours.filter((c) => /^codex-unknown-/.test(c.id)).map((c) => c.summary);
    const keys = ignoredKeys(warning).filter((k) => !flagged.some((s) => s.includes(`${k} `) || s.includes(`.${k.split('.').pop()} `)));
    const files = [...new Set([...warning.matchAll(/\(([^()]+\.toml)\)/g)].map((m) => m[1]))];
    if (keys.length) {
      out.push({
        id: 'codex-unrecognized',
        status: 'warn',
        summary: `Codex is ignoring ${keys.length} unrecognized configuration setting${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
        why: 'Codex skips keys it does not know (a typo, or a setting this version removed), so they have no effect.',
        fix: `Correct or remove ${keys.length > 1 ? 'them' : 'it'} in ${files.join(', ') || ctx.settings.configPath}.`,
      });
    }
  }

  const wire = Object.values(report.checks)
    .map((c) => str(c.details?.['wire API']))
    .find(Boolean);
  if (onBedrock && wire && wire !== 'responses' && !named('wire-api-not-responses')) {
    const d = explain('wire-api-not-responses');
    out.push({ id: 'codex-wire-api', status: 'fail', summary: `codex doctor reports wire API "${wire}"`, why: d.why, fix: d.fix, diagnosis: d.id });
  }

  const reach = report.checks['network.provider_reachability'];
  // Our own probe of the same endpoint (or the proxy in front of it) already failed: one cause, said once.
  if (onBedrock && reach && reach.status !== 'ok' && !failed('region') && !failed('proxy')) {
    const where = Object.entries(reach.details ?? {})
      .filter(([k]) => /url|endpoint/i.test(k))
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
    const d = explain('connection-failed', { region: ctx.settings.region });
    out.push({ id: 'codex-reachability', status: reach.status === 'fail' ? 'fail' : 'warn', summary: `codex doctor: ${reach.summary ?? 'provider endpoint unreachable'}${where ? ` (${where})` : ''}`, why: d.why, fix: reach.remediation ?? d.fix, diagnosis: d.id });
  }

  const net = report.checks['network.env'];
  if (net && net.status !== 'ok' && !named('tls-interception')) {
    const detail = Object.entries(net.details ?? {})
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
    const tls = /SSL_CERT_FILE|CA|certificate/i.test(detail);
    out.push({ id: 'codex-network-env', status: 'warn', summary: `codex doctor: ${net.summary ?? 'network environment problem'}`, why: detail || undefined, fix: net.remediation ?? (tls ? explain('tls-interception').fix : RUN_YOURSELF), ...(tls ? { diagnosis: 'tls-interception' } : {}) });
  }

  if (out.length === 0) {
    const provider = str(details['model provider']) ?? ctx.settings.modelProvider ?? 'unknown provider';
    const model = str(details.model) ?? ctx.settings.model;
    out.push({ id: 'codex-doctor', status: 'pass', summary: `codex doctor ${report.codexVersion ?? ''}: provider ${provider}${model ? `, model ${model}` : ''}${wire ? `, wire API ${wire}` : ''}, config loaded`.replace('  ', ' ') });
  }
  return out;
}
