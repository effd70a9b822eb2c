// Can one developer's Bedrock use be told apart from another's? Two sources answer it, and we enforce neither on
// the laptop: the AWS identity (IAM Identity Center puts the user name in the role session name, which CloudTrail
// and cost reports carry), and Codex's own OpenTelemetry export ([otel] in config.toml). Pure: callers read files.
import type { TeamTemplate } from './teamTemplate.js';
import type { AwsProfile, CheckResult } from '../types.js';

/** The keys of one ~/.aws/config profile that decide whose name its calls carry. */
export interface AwsProfileKeys {
  sso_session?: string;
  sso_start_url?: string;
  sso_role_name?: string;
  role_arn?: string;
  role_session_name?: string;
  credential_process?: string;
  login_session?: string;
  aws_access_key_id?: string;
}

export interface AttributionInput {
  /** How Codex signs: an AWS profile (SigV4) or a Bedrock API key (bearer). */
  auth: 'profile' | 'api-key';
  awsProfile?: { name: string; keys: AwsProfileKeys };
  /** Codex's merged config.toml (with the profile file) as parsed TOML. */
  codexConfig: Record<string, unknown>;
  template?: Pick<TeamTemplate, 'otel'>;
}

export interface AttributionFinding {
  check: 'identity' | 'telemetry';
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

export interface Attribution {
  /** Usage can be attributed to this developer from AWS's records alone. */
  perDeveloper: boolean;
  findings: AttributionFinding[];
}

export function attribution(input: AttributionInput): Attribution {
  const identity = identityFinding(input);
  const findings = [identity, telemetryFinding(input.codexConfig, input.template)];
  return { perDeveloper: identity.status === 'ok', findings };
}

function identityFinding({ auth, awsProfile }: AttributionInput): AttributionFinding {
  const sso = 'use an IAM Identity Center profile (npx codex-bedrock-setup --auth sso): its role session name is the user name, in CloudTrail and the cost reports';
  if (auth === 'api-key') {
    return { check: 'identity', status: 'warn', detail: 'Codex signs with a Bedrock API key: AWS records the IAM user the key belongs to, so a key shared by several developers cannot be told apart', fix: sso };
  }
  if (!awsProfile) return { check: 'identity', status: 'warn', detail: 'no AWS profile: the credentials come from the environment, whose owner is unknown here', fix: sso };
  const k = awsProfile.keys;
  if (k.sso_session || (k.sso_start_url && k.sso_role_name)) {
    return { check: 'identity', status: 'ok', detail: `profile ${awsProfile.name} signs in with IAM Identity Center: each call carries the developer's user name as role session name (and their session tags)` };
  }
  if (k.role_arn) {
    return k.role_session_name
      ? { check: 'identity', status: 'ok', detail: `profile ${awsProfile.name} assumes ${k.role_arn} as session ${k.role_session_name}` }
      : { check: 'identity', status: 'fail', detail: `profile ${awsProfile.name} assumes ${k.role_arn} with a generated session name: every developer looks the same`, fix: `set role_session_name = <your user name> in [profile ${awsProfile.name}], or ${sso}` };
  }
  // `aws login` signs in with the person's own console identity, which AWS records on every call (the session's ARN).
  if (k.login_session) return { check: 'identity', status: 'ok', detail: `profile ${awsProfile.name} signs in with aws login: AWS records the console identity of the session on each call` };
  if (k.credential_process) return { check: 'identity', status: 'warn', detail: `profile ${awsProfile.name} gets credentials from a command: whose they are depends on it`, fix: sso };
  return { check: 'identity', status: 'warn', detail: `profile ${awsProfile.name} uses long-term keys: AWS records their IAM user, per developer only if nobody shares them`, fix: sso };
}

function telemetryFinding(config: Record<string, unknown>, template: AttributionInput['template']): AttributionFinding {
  const otel = table(config.otel);
  const exporter = otel && table(otel.exporter);
  const kind = exporter ? Object.keys(exporter)[0] : typeof otel?.exporter === 'string' ? otel.exporter : undefined;
  const endpoint = exporter && kind ? (table(exporter[kind])?.endpoint as string | undefined) : undefined;
  const rerun = 'run npx codex-bedrock-setup --team-config <your team line> again: it writes the [otel] table';
  if (template?.otel) {
    if (kind !== template.otel.exporter || endpoint !== template.otel.endpoint) {
      return { check: 'telemetry', status: 'fail', detail: `the team template exports Codex telemetry (${template.otel.exporter} to ${template.otel.endpoint}), but config.toml's [otel] ${kind ? `sends ${kind} to ${endpoint ?? 'no endpoint'}` : 'is missing'}`, fix: rerun };
    }
    return { check: 'telemetry', status: 'ok', detail: `Codex exports OpenTelemetry (${kind}) to ${endpoint}, as the team template asks` };
  }
  if (!kind || kind === 'none') return { check: 'telemetry', status: 'warn', detail: 'Codex exports no OpenTelemetry: per-developer usage comes from AWS records only', fix: 'ask your administrator for the team template with an [otel] block' };
  return { check: 'telemetry', status: 'ok', detail: `Codex exports OpenTelemetry (${kind})${endpoint ? ` to ${endpoint}` : ''}` };
}

function table(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * doctor's rows: whether this developer's use can be told apart from others'. `credentialKind` is what the
 * installed Codex signs with (core/codexCredential.ts).
 */
export function attributionRows(input: {
  credentialKind: string;
  profile?: Pick<AwsProfile, 'name' | 'isSso' | 'ssoSession' | 'ssoStartUrl' | 'hasStaticKeys' | 'roleArn' | 'roleSessionName' | 'credentialProcess' | 'loginSession'>;
  otel?: Record<string, unknown>;
}): CheckResult[] {
  const p = input.profile;
  const apiKey = input.credentialKind === 'bearer-token' || input.credentialKind === 'managed-api-key';
  const result = attribution({
    auth: apiKey ? 'api-key' : 'profile',
    ...(p && !apiKey
      ? {
          awsProfile: {
            name: p.name,
            keys: {
              ...(p.ssoSession ? { sso_session: p.ssoSession } : {}),
              ...(p.ssoStartUrl ? { sso_start_url: p.ssoStartUrl } : {}),
              ...(p.roleArn ? { role_arn: p.roleArn } : {}),
              ...(p.roleSessionName ? { role_session_name: p.roleSessionName } : {}),
              ...(p.credentialProcess ? { credential_process: 'set' } : {}),
              ...(p.loginSession ? { login_session: 'set' } : {}),
              ...(p.hasStaticKeys ? { aws_access_key_id: 'set' } : {}),
            },
          },
        }
      : {}),
    codexConfig: input.otel ? { otel: input.otel } : {},
  });
  // For one developer nothing here is broken: only a setting that makes everyone look alike is a warning.
  return result.findings.map((f) => ({
    id: `attribution-${f.check}`,
    status: f.status === 'fail' ? 'warn' : 'pass',
    summary: `Per-developer usage (${f.check === 'identity' ? 'AWS identity' : 'Codex telemetry'}): ${f.detail}`,
    ...(f.fix ? (f.status === 'fail' ? { fix: f.fix } : { why: `For a team: ${f.fix}` }) : {}),
  }));
}
