// doctor's check rows from facts already gathered: pure, so each verdict is unit-tested without a machine.
import { awsCliSituation, awsCliTooOldReason } from './awsCli.js';
import { RUNTIME_PROVIDER, runtimeProviderRefusal } from './codexConfig.js';
import { describeCredential, type CodexCredential } from './codexCredential.js';
import { CODEX_UPDATE_COMMAND, codexSince } from './codexVersions.js';
import { diagnose, explain, type DiagnosisParams } from './diagnosis.js';
import { MANTLE_REGIONS } from './regions.js';
import { bypassesProxy, httpOnlyProxyVariable, isHttpProxy, noProxyFromEnv, proxyEndpoint, proxyFor, proxySetting, type ProxyVariable } from './proxy.js';
import type { AuthChoice, AwsCliInfo, CheckResult, Diagnosis, Failure } from '../types.js';

export type Provider = 'mantle' | 'runtime';

export function pass(id: string, summary: string): CheckResult {
  return { id, status: 'pass', summary };
}
export function problem(id: string, status: 'warn' | 'fail', diagnosisId: string, params: DiagnosisParams = {}, summary?: string): CheckResult {
  return fromDiagnosis(id, status, explain(diagnosisId, params), summary);
}
export function fromDiagnosis(id: string, status: 'warn' | 'fail', d: Diagnosis, summary?: string): CheckResult {
  return { id, status, summary: summary ?? d.title, why: d.why, fix: d.fix, diagnosis: d.id };
}

/** The server's own sentence says which of malformed / expired / other region an API key is. */
export function withServerWords(d: Diagnosis, failure: Failure | undefined, params: DiagnosisParams): Diagnosis {
  return d.id === 'bearer-invalid' && failure?.message ? explain('bearer-invalid', { ...params, detail: failure.message }) : d;
}

/** Which of Codex's two Bedrock providers a profile selects. */
export function providerOf(modelProvider: string | undefined): Provider {
  return modelProvider === RUNTIME_PROVIDER ? 'runtime' : 'mantle';
}

/** The host Codex connects to for this provider (base_url moves Mantle's). */
export function endpointHost(provider: Provider, region: string, baseUrl?: string): string {
  if (provider === 'runtime') return `bedrock-runtime.${region}.amazonaws.com`;
  if (baseUrl) {
    try {
      return new URL(baseUrl).hostname;
    } catch {
      // an unparsable base_url is the lint's to report
    }
  }
  return `bedrock-mantle.${region}.api.aws`;
}

/**
 * Before setup there is no Codex config: the checks that read it (what Codex signs with, whose usage it is, the
 * sign-in, the model, the streamed request) have nothing to judge, and each would only echo "no config". One row
 * says they wait; it is not a failure, the missing config is.
 */
export const WAITING_FOR_CONFIG = ['credential', 'attribution-identity', 'attribution-telemetry', 'credentials', 'model', 'smoke'] as const;

export function waitingForConfigCheck(withCodex: boolean): CheckResult & { skipped: string[] } {
  const what = `credential, per-developer usage, sign-in, model, streamed request${withCodex ? ', codex exec turn' : ''}`;
  return {
    id: 'codex-config-checks',
    status: 'skipped',
    summary: `Checks of the Codex config (${what}) run once it exists: npx codex-bedrock-setup`,
    fix: 'npx codex-bedrock-setup',
    skipped: [...WAITING_FOR_CONFIG, ...(withCodex ? ['codex-turn'] : [])],
  };
}

/** The region variable that names a region, as the AWS SDK reads them (AWS_REGION first). */
export type RegionVariable = 'AWS_REGION' | 'AWS_DEFAULT_REGION';

/**
 * Where doctor tests the network before setup has chosen a region: the environment's region when Bedrock Mantle
 * runs there, else us-east-1 (the region the fixes suggest). Only reachability, so any Mantle region answers it.
 */
export function regionBeforeSetup(env: NodeJS.ProcessEnv): { region: string; from?: RegionVariable } {
  for (const from of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const region = env[from];
    if (region) return MANTLE_REGIONS.some((r) => r.id === region) ? { region, from } : { region: 'us-east-1' };
  }
  return { region: 'us-east-1' };
}

/** The reachability row before setup: it names the region it tried and why that one. */
export function reachableBeforeSetup(at: { region: string; from?: RegionVariable }, rttMs: number | null): CheckResult {
  const ms = `${Math.round(rttMs ?? 0)} ms`;
  return pass('region', at.from ? `Bedrock Mantle in ${at.region} (${at.from}) reachable from this network (${ms})` : `Bedrock Mantle in ${at.region} reachable from this network (${ms}; setup chooses your region)`);
}

/** The aws CLI row: the same rule as preflight and the SSO flow (core/awsCli). */
export function awsCliCheck(clis: readonly AwsCliInfo[]): CheckResult {
  const aws = awsCliSituation(clis);
  if (aws.kind === 'none') return problem('aws-cli', 'warn', 'aws-cli-missing');
  if (aws.kind === 'too-old') return problem('aws-cli', 'warn', 'aws-cli-missing', {}, awsCliTooOldReason(aws.best));
  if (!aws.shadowedBy) return pass('aws-cli', `aws CLI ${aws.cli.version} at ${aws.cli.path}`);
  const { shadowedBy: first, cli } = aws;
  return problem('aws-cli', 'warn', 'aws-cli-v1-shadowing', { path: first.path, detail: dirname(cli.path) }, `aws CLI ${first.version} at ${first.path} shadows v2 ${cli.version} at ${cli.path}`);
}

/** A runtime profile is tested on Bedrock Runtime; what belongs to Mantle alone is named as skipped. */
export function runtimeProviderCheck(region: string | undefined, codexVersion: string | null): CheckResult {
  const refusal = runtimeProviderRefusal(codexVersion);
  if (refusal) return { id: 'provider', status: 'fail', summary: `model_provider = "${RUNTIME_PROVIDER}" needs Codex ${codexSince('runtime-provider')}+`, why: refusal, fix: CODEX_UPDATE_COMMAND };
  return pass(
    'provider',
    `model_provider = "${RUNTIME_PROVIDER}": testing Bedrock Runtime (bedrock-runtime.${region ?? '<region>'}.amazonaws.com, signed for service bedrock); the Mantle region list, model list, web-search lint and codex doctor do not apply`,
  );
}

/** The credential Codex will sign with, said once; and the trap of a bearer token beside a profile. */
export function credentialCheck(c: CodexCredential, codexVersion: string | null, bearerInEnv: boolean, awsProfile: string | undefined): CheckResult {
  const summary = `Codex will use ${describeCredential(c)}`;
  if (c.kind === 'bearer-token' && awsProfile) {
    return {
      id: 'credential',
      status: 'warn',
      summary: `${summary}, not aws.profile ${awsProfile}`,
      why: c.why,
      fix: `unset AWS_BEARER_TOKEN_BEDROCK to sign with ${awsProfile}, or upgrade Codex to ${codexSince('profile-over-bearer')}+ (there aws.profile wins)`,
    };
  }
  if (c.kind === 'managed-api-key' || c.kind === 'managed-access-keys' || c.kind === 'credential-export') {
    return { id: 'credential', status: 'warn', summary: `${summary}; doctor cannot sign with it, so the Bedrock checks are skipped`, why: c.why, fix: 'codex exec "say hi" tests it; doctor --with-codex runs that turn for you' };
  }
  if (bearerInEnv && c.kind !== 'bearer-token') return { id: 'credential', status: 'pass', summary: `${summary} (AWS_BEARER_TOKEN_BEDROCK is set, but ${codexVersion ? `Codex ${codexVersion}` : 'Codex'} does not use it here)` };
  return { id: 'credential', status: 'pass', summary };
}

/** What doctor signs with to test exactly what Codex will use; null when it cannot (the secret stays Codex's). */
export function authToTest(c: CodexCredential, bearer: string | undefined): AuthChoice | null {
  if (c.kind === 'bearer-token' && bearer) return { kind: 'api-key', apiKey: bearer };
  if (c.kind === 'aws-profile' && c.profile) return { kind: 'profile', profile: c.profile };
  if (c.kind === 'sdk-chain') return { kind: 'env' };
  return null;
}

/** Node and the aws CLI read AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS, but Codex (Rust) reads SSL_CERT_FILE only. */
export function caBundleCheck(env: NodeJS.ProcessEnv): CheckResult | null {
  const ours = env.AWS_CA_BUNDLE ?? env.NODE_EXTRA_CA_CERTS;
  if (!ours || env.SSL_CERT_FILE) return null;
  return problem('ca-bundle', 'warn', 'tls-interception', {}, `A CA bundle is set for the aws CLI/Node (${ours}) but not SSL_CERT_FILE, which Codex reads`);
}

/** What to do about the proxy before talking to `host`: report a row, or probe the proxy first. */
export type ProxyStep = { kind: 'row'; row: CheckResult | null } | { kind: 'probe'; host: string; port: number; shown: string; variable: ProxyVariable };

/** The proxy as Codex would use it for `host` (core/proxy's rule), and the traps around it. */
export function proxyStep(env: NodeJS.ProcessEnv, host: string): ProxyStep {
  const set = proxySetting(env);
  if (!set) {
    const httpOnly = httpOnlyProxyVariable(env);
    if (!httpOnly) return { kind: 'row', row: null };
    return {
      kind: 'row',
      row: {
        id: 'proxy',
        status: 'warn',
        summary: `${httpOnly} is set, but Codex connects to ${host} directly: its HTTPS calls use HTTPS_PROXY or ALL_PROXY only`,
        why: `${httpOnly} applies to http:// URLs; Bedrock is reached over https://, so Codex (and these checks) ignore it.`,
        fix: `If AWS is reachable only through that proxy: export HTTPS_PROXY="$${httpOnly}"`,
      },
    };
  }
  const proxy = proxyEndpoint(set);
  if (!proxy) return { kind: 'row', row: null }; // the HTTP client refuses it with its own words
  if (bypassesProxy(host, 443, noProxyFromEnv(env))) return { kind: 'row', row: pass('proxy', `${set.variable} is set, but NO_PROXY exempts ${host}: connecting directly`) };
  if (!isHttpProxy(set)) {
    return {
      kind: 'row',
      row: { id: 'proxy', status: 'warn', summary: `${set.variable} is a SOCKS proxy (${proxy.shown}): Codex uses it, but doctor's requests cannot and go directly`, fix: `Trust the codex exec turn here: doctor --with-codex` },
    };
  }
  return { kind: 'probe', ...proxy, variable: set.variable };
}

/** The proxy probe's verdict: when it is down every AWS call fails, and one clear cause beats five echoes. */
export function proxyProbeCheck(p: { shown: string; variable: ProxyVariable; target?: string }, error: string | null): CheckResult {
  if (error) return problem('proxy', 'fail', 'proxy-unreachable', { proxy: p.shown, proxyVariable: p.variable, ...(p.target ? { host: p.target } : {}) }, `The proxy ${p.shown} (${p.variable}) cannot be reached: ${error}`);
  return pass('proxy', `Proxy ${p.shown} (${p.variable}) accepts connections`);
}

/** The proxy a probe went through, as it may be shown: scheme, host and port, never its credentials. */
export interface ProxyInUse {
  shown: string;
  variable: ProxyVariable;
}

/** The proxy Codex (and the probe) would use for `host`, or null when none or NO_PROXY exempts it. */
export function proxyInUse(env: NodeJS.ProcessEnv, host: string): ProxyInUse | null {
  const set = proxyFor(env, host);
  const at = set && isHttpProxy(set) ? proxyEndpoint(set) : null;
  return set && at ? { shown: at.shown, variable: set.variable } : null;
}

/** What the Mantle probe met: its code, and the proxy's HTTP status when the proxy answered instead of AWS. */
export interface ProbeError {
  error?: string;
  status?: number;
}

/** A failed probe names the layer that broke: proxy tunnel, TLS trust, DNS, or a refused connection. */
export function probeFailure(region: string, probe: ProbeError, params: DiagnosisParams, proxy: ProxyInUse | null, baseUrl?: string): CheckResult {
  const { error } = probe;
  const host = endpointHost('mantle', region, baseUrl);
  const where = baseUrl ? `${baseUrl} (base_url in the Codex config)` : `Bedrock Mantle in ${region}`;
  const summary = `${where} is not reachable${error ? `: ${error}` : ''}`;
  // The proxy answered (the probe above reached it), so the region is not what failed: the proxy's tunnel, or its password, did.
  // Except a region name Mantle does not know: there the proxy's refusal is most likely its DNS failing for that name.
  if (proxy && error === 'PROXY_CONNECT_REFUSED' && !baseUrl && !MANTLE_REGIONS.some((r) => r.id === region))
    return problem('region', 'fail', 'region-unreachable', params, `${summary} (the proxy ${proxy.shown}, from ${proxy.variable}, could not reach ${host})`);
  if (proxy && (error === 'PROXY_CONNECT_REFUSED' || error === 'PROXY_AUTH_REQUIRED')) {
    const p = { ...params, host, proxy: proxy.shown, proxyVariable: proxy.variable, ...(probe.status ? { proxyStatus: probe.status } : {}) };
    const id = error === 'PROXY_AUTH_REQUIRED' ? 'proxy-auth' : 'proxy-tunnel-refused';
    return problem('region', 'fail', id, p, `${summary} (the proxy ${proxy.shown}, from ${proxy.variable}, answered${probe.status ? ` HTTP ${probe.status}` : ''} instead of opening a tunnel to ${host})`);
  }
  if (proxy && error === 'PROXY_TIMEOUT') return problem('region', 'fail', 'proxy-silent', { ...params, proxy: proxy.shown, proxyVariable: proxy.variable }, summary);
  // A refused or dropped connection is not a missing region, least of all when base_url points somewhere else.
  if (baseUrl || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|timed out)$/.test(error ?? '')) {
    const d = diagnose({ kind: 'network', code: error, message: error, region, service: 'bedrock-mantle' }, { ...params, path: baseUrl });
    if (d.id === 'connection-failed' || d.id === 'unknown') return fromDiagnosis('region', 'fail', explain('connection-failed', { ...params, path: baseUrl, detail: error }), summary);
  }
  const d = diagnose({ kind: 'network', code: error, message: error, region, service: 'bedrock-mantle' }, params);
  if (d.id !== 'connection-failed' && d.id !== 'unknown') return fromDiagnosis('region', 'fail', d, summary);
  // Only a name that does not resolve can be the region's fault; a connection that broke is the way there.
  const via = proxy ? { proxy: proxy.shown, proxyVariable: proxy.variable, host } : {};
  return fromDiagnosis('region', 'fail', explain('connection-failed', { ...params, ...via, ...(error ? { detail: error } : {}) }), summary);
}

/** A failed smoke request in the catalogue's words. */
export function smokeFailureCheck(failure: Failure, params: DiagnosisParams, provider: Provider): CheckResult {
  let d = withServerWords(diagnose(failure, { ...params, ...(failure.kind === 'http' && (failure.status ?? 0) >= 500 ? { detail: `HTTP ${failure.status}` } : {}) }), failure, params);
  // Listed by /v1/models yet "not found" on /responses: Mantle has it, but not on the surface Codex speaks.
  if (provider === 'mantle' && d.id === 'model-not-in-region') d = explain('model-not-responses', params);
  return fromDiagnosis('smoke', 'fail', d, d.id === 'bearer-invalid' ? `The Bedrock API key was rejected: ${failure.message}` : undefined);
}

function dirname(p: string): string {
  return p.replace(/\/[^/]+$/, '') || '/';
}
