// The failure catalogue: one place that turns what went wrong into what to do.
// doctor, the wizard, every command and the README's troubleshooting table read it.
import type { Diagnosis, Failure } from '../types.js';
import { isAdditionalToolsRefusal } from './codexRequest.js';
import { CODEX_BACKGROUND_MODELS } from './models.js';
import { compareVersions } from './codexVersions.js';
import { DNS_ERROR_CODES } from './regionReport.js';
import { mantleHost, MANTLE_REGIONS } from './regions.js';
import { unreachableEndpoint, unreachableProxy, type UnreachableEndpoint } from './diagnosisAwsCli.js';
import type { BaseCredentialSource, CredentialSource } from './credentialSource.js';

export interface DiagnosisParams {
  profile?: string;
  region?: string;
  model?: string;
  codexProfile?: string;
  detail?: string;
  path?: string;
  regions?: string;
  /** The installed Codex, when known: some texts mean different things in different versions. */
  codexVersion?: string;
  /** Server clock minus local clock, from the response's Date header. */
  skewMs?: number;
  /** Where Codex's config lives, as shown (`~/x` under the home): fix texts name it instead of ~/.codex. */
  codexHome?: string;
  /** The failing call went to Bedrock Runtime (Codex's amazon-bedrock-runtime provider), not Mantle. */
  provider?: 'runtime';
  /** How the profile signs in again when that is not `aws sso login` (an aws login session: aws login --profile X). */
  signIn?: string;
  /** The IAM Identity Center sign-in as this machine needs it typed (--use-device-code, the v2 by path); else the plain one. */
  ssoLogin?: string;
  /** The host the failing connection was for (bedrock-mantle.<region>.api.aws, oidc.<region>.amazonaws.com). */
  host?: string;
  /** The proxy in use, as it may be shown (scheme, host, port: never its credentials), and the variable naming it. */
  proxy?: string;
  proxyVariable?: string;
  /** What the proxy answered to CONNECT (407, 502, …). */
  proxyStatus?: number;
  /** The host the aws CLI could not connect to, read from its own words. */
  endpoint?: UnreachableEndpoint;
  /** Where the profile's credentials come from: only IAM Identity Center and `aws login` profiles sign in again. */
  credentialSource?: BaseCredentialSource;
}

/** The source that must be renewed: a role chain's base. */
export function renewedSource(s: CredentialSource | undefined): BaseCredentialSource | undefined {
  if (!s) return undefined;
  return s.kind === 'role-chain' ? s.base : s.kind;
}

/** Our texts say ~/.codex; a user with CODEX_HOME elsewhere must be sent to the files Codex really reads. */
export function atCodexHome(text: string, codexHome: string | undefined): string {
  return codexHome && codexHome !== '~/.codex' ? text.replaceAll('~/.codex', codexHome) : text;
}

/** CODEX_HOME as a person would type it: under the home it starts with `~`. */
export function codexHomeShown(codexHome: string, home: string | undefined): string {
  return home && (codexHome === home || codexHome.startsWith(`${home}/`)) ? `~${codexHome.slice(home.length)}` : codexHome;
}

interface Entry {
  id: string;
  /** Symptom as a user meets it, for the README table. */
  symptom: string;
  /** Codex versions the symptom's text (or the cause) belongs to; absent when it is not Codex's own text. */
  codexVersions?: string;
  title: (p: DiagnosisParams) => string;
  why: (p: DiagnosisParams) => string;
  fix: (p: DiagnosisParams) => string;
  /** Recognises the entry from a raw failure; entries found only by doctor's checks have none. */
  match?: (f: Failure) => boolean;
  /** Facts the failure's own words carry (the model id it names, the namespace). */
  extract?: (f: Failure) => DiagnosisParams;
  /** Checked before every other entry: a precise code that a broader entry above would otherwise claim. */
  preempt?: boolean;
}

const prof = (p: DiagnosisParams) => p.profile ?? '<profile>';
const ssoLogin = (p: DiagnosisParams) => p.ssoLogin ?? `aws sso login --profile ${prof(p)}`;
/** A profile that signs in with `aws sso login` (IAM Identity Center, or not known to be anything else). */
const signsIn = (p: DiagnosisParams) => !p.signIn && (p.credentialSource === undefined || p.credentialSource === 'sso' || p.credentialSource === 'unknown');
/** How the profile's credentials are made fresh: a sign-in only where there is one; keys and helpers have their own way. */
function renew(p: DiagnosisParams): string {
  const name = prof(p);
  if (p.signIn) return p.signIn;
  switch (p.credentialSource) {
    case 'static-keys':
      return `put fresh access keys into profile ${name}: aws configure --profile ${name} (or re-run the tool that writes ~/.aws/credentials)`;
    case 'credential-process':
      return `run the sign-in of the tool that credential_process of profile ${name} calls (see ~/.aws/config), then check it: aws configure export-credentials --profile ${name}`;
    case 'login-session':
      return `aws login --profile ${name}`;
    default:
      return ssoLogin(p);
  }
}
/** renew() at the start of a fix: a command stays as typed, words get their capital. */
const Renew = (p: DiagnosisParams) =>
  p.signIn || signsIn(p) || p.credentialSource === 'login-session' ? renew(p) : `${renew(p).charAt(0).toUpperCase()}${renew(p).slice(1)}`;
const reg = (p: DiagnosisParams) => p.region ?? '<region>';
const mdl = (p: DiagnosisParams) => p.model ?? '<model>';
const file = (p: DiagnosisParams) => (p.codexProfile ? `~/.codex/${p.codexProfile}.config.toml` : 'the profile file (~/.codex/<name>.config.toml)');
const msg = (f: Failure) => `${f.errorType ?? ''} ${f.message ?? ''}`.toLowerCase();
const UPDATE = 'npm i -g @openai/codex@latest';
const isDnsFailure = (f: Failure) => f.kind === 'network' && DNS_ERROR_CODES.has(f.code ?? '');
/** The host whose name did not resolve, from Node's words or ours ("DNS lookup failed for …", the proxy's). */
function failedHost(f: Failure): string | undefined {
  const m = /(?:ENOTFOUND|EAI_AGAIN|DNS lookup failed for|The proxy)\s+\[?([a-z0-9][a-z0-9.:-]*[a-z0-9])/i.exec(f.message ?? '');
  if (m && !DNS_ERROR_CODES.has(m[1]!.toUpperCase())) return m[1]!.toLowerCase();
  return serviceHost(f);
}
/** The AWS host a failing call to service+region went to. */
function serviceHost(f: Failure): string | undefined {
  if (!f.region) return undefined;
  if (f.service === 'bedrock-mantle') return mantleHost(f.region);
  return f.service === 'bedrock-runtime' || f.service === 'bedrock' || f.service === 'sts' ? `${f.service}.${f.region}.amazonaws.com` : undefined;
}
const regionOfHost = (host: string | undefined) => /\.([a-z]{2,4}(?:-[a-z]+)+-\d{1,2})\.(?:api\.aws|amazonaws\.com)$/.exec(host ?? '')?.[1];
/** A region name the catalogue of Mantle regions does not know: there the region itself is the likely cause. */
function unknownRegion(f: Failure): boolean {
  const region = f.region ?? regionOfHost(failedHost(f));
  return region !== undefined && !MANTLE_REGIONS.some((r) => r.id === region);
}
const proxyVar = (p: DiagnosisParams) => p.proxyVariable ?? 'HTTPS_PROXY';
const proxyNamed = (p: DiagnosisParams) => (p.proxy ? `${p.proxy} (${proxyVar(p)})` : `in ${proxyVar(p)}`);
const tunnelHost = (p: DiagnosisParams) => p.host ?? (p.region ? mantleHost(p.region) : 'bedrock-mantle.<region>.api.aws');
/** A test of the proxy alone; "$VAR" keeps the credentials in the variable, out of the text. */
const curlViaProxy = (p: DiagnosisParams) => `curl -sS -o /dev/null -w '%{http_code}\\n' -x "$${proxyVar(p)}" https://${tunnelHost(p)}/`;
const proxyStatusIn = (m: string | undefined) => {
  const s = /refused the CONNECT tunnel \(HTTP (\d{3})\)/.exec(m ?? '')?.[1];
  return s ? Number(s) : undefined;
};
const isAwsCliProcess = (f: Failure) => f.service === 'aws-cli' || f.kind === 'process';
const dnsHost = (p: DiagnosisParams) => p.detail ?? (p.region ? mantleHost(p.region) : 'bedrock-mantle.<region>.api.aws');
const OPEN_WEIGHT = /gpt-oss|open-weight/;
/** AWS accepts a signature up to five minutes away from its own clock. */
const SKEW_LIMIT_MS = 5 * 60_000;

/** Server clock minus ours at the moment the answer arrived; null when the answer carried no Date. */
export function clockSkewOf(f: Failure): number | null {
  if (!f.serverDate || f.receivedAt === undefined) return null;
  const server = Date.parse(f.serverDate);
  return Number.isNaN(server) ? null : server - f.receivedAt;
}
// HTTP dates have one-second resolution; a minute of margin keeps a slow answer from looking like skew.
const skewed = (ms: number | null | undefined) => ms !== null && ms !== undefined && Math.abs(ms) > SKEW_LIMIT_MS - 60_000;
const signatureExpired = (f: Failure) => /signature expired|signature has expired/.test(msg(f));
const at = (v: string | undefined, since: string) => !!v && compareVersions(v, since) >= 0;
const inRange = (v: string | undefined, from: string, to: string) => at(v, from) && !at(v, to);
const minutes = (ms: number) => `${Math.round(Math.abs(ms) / 60_000)} minutes ${ms > 0 ? 'behind' : 'ahead of'}`;

export const CATALOGUE: readonly Entry[] = [
  {
    id: 'aws-cli-missing',
    symptom: 'No `aws` command on PATH',
    title: () => 'The aws CLI v2 is not installed',
    why: () => 'IAM Identity Center sign-in (`aws configure sso`, `aws sso login`) needs the aws CLI v2.',
    fix: () =>
      'Install it: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html (Debian/Ubuntu: `sudo apt-get install awscli`; macOS: `brew install awscli`), or choose "Bedrock API key" or "existing profile" instead.',
    match: (f) => f.kind === 'missing-tool' && f.service === 'aws-cli',
  },
  {
    id: 'aws-cli-v1-shadowing',
    symptom: '`aws --version` prints aws-cli/1.x although v2 is installed',
    title: (p) => `An aws CLI v1 comes first on PATH${p.path ? ` (${p.path})` : ''}`,
    why: () => 'The v1 CLI has no `configure sso`, `sso-session` or `configure export-credentials`; a v2 later on PATH is shadowed.',
    fix: (p) =>
      `Remove the v1 (\`pip uninstall awscli\`), or link only the v2 into a folder ahead of it: mkdir -p ~/bin && ln -s ${p.detail ? `${p.detail}/aws` : '/usr/local/bin/aws'} ~/bin/aws, with export PATH="$HOME/bin:$PATH"; putting all of ${p.detail ?? '/usr/local/bin'} first would also shadow pyenv, nvm or Homebrew. This tool already uses the v2 it found.`,
  },
  {
    id: 'aws-cli-sso-failed',
    symptom: '`aws configure sso` / `aws sso login` exits before signing in',
    title: (p) => `The IAM Identity Center sign-in did not finish${p.detail ? `: ${p.detail}` : ''}`,
    why: () =>
      'The aws CLI stopped before it had a token: it was interrupted, the start URL or SSO region is not your organisation\'s, or the browser step was not approved in time.',
    fix: (p) =>
      `Check the start URL and SSO region with your administrator (the portal URL you sign in to), then choose Retry; or run it yourself: aws configure sso --profile ${prof(p)}`,
    // The aws CLI's own "could not connect" words name the host or the proxy instead.
    match: (f) => f.kind === 'process' && f.service === 'aws-cli' && !/getrolecredentials|no access/i.test(f.message ?? '') && !unreachableProxy(f.message),
  },
  {
    // botocore's EndpointConnectionError: the host did not answer, so the start URL is not to blame.
    id: 'aws-endpoint-unreachable',
    symptom: 'aws CLI: `Could not connect to the endpoint URL: "https://oidc.<region>.amazonaws.com/…"` (also portal.sso, sts, bedrock)',
    title: (p) =>
      p.endpoint
        ? `The aws CLI could not connect to ${p.endpoint.host}${p.endpoint.what ? `, ${p.endpoint.what}` : ''}${p.endpoint.region ? ` in ${p.endpoint.region}` : ''}`
        : 'The aws CLI could not connect to an AWS endpoint',
    why: (p) => {
      const cause = 'Nothing answered there from this machine: no network or DNS, a VPN that is down, or a network that needs a proxy (HTTPS_PROXY unset, or NO_PROXY listing the host)';
      if (p.endpoint?.sso)
        return `${cause}; or ${p.endpoint.region ?? 'the SSO region'} is not your organisation's SSO region (sso_region). Not the start URL: the aws CLI did not get that far.`;
      return `${cause}${p.endpoint?.region ? `; or ${p.endpoint.region} is not the region you meant` : ''}.`;
    },
    fix: (p) => {
      const host = p.endpoint?.host ?? '<host>';
      const test = `Test it: nslookup ${host}; curl -sS -o /dev/null -w '%{http_code}\\n' https://${host}/ (any code means reachable). Behind a proxy: export HTTPS_PROXY=http://HOST:PORT, and keep the host out of NO_PROXY.`;
      if (!p.endpoint || p.endpoint.sso)
        return `${test} Wrong SSO region (ask your administrator)? Correct it: npx codex-bedrock-setup --sso-region <region>, or edit sso_region in ~/.aws/config. Then choose Retry, or: ${ssoLogin(p)}`;
      return `${test} Then choose Retry.`;
    },
    extract: (f) => {
      const endpoint = unreachableEndpoint(f.message);
      return endpoint ? { endpoint, host: endpoint.host } : {};
    },
    match: (f) => isAwsCliProcess(f) && unreachableEndpoint(f.message) !== null,
    preempt: true,
  },
  {
    id: 'codex-missing',
    symptom: '`codex: command not found`',
    title: () => 'The Codex CLI is not installed',
    why: () => 'The Codex CLI is what runs on Bedrock; this tool only configures it.',
    fix: () => UPDATE,
    match: (f) => f.kind === 'missing-tool' && f.service === 'codex',
  },
  {
    id: 'codex-too-old',
    symptom: 'Codex ignores `amazon-bedrock` or `--profile NAME` files; "config profile `X` not found"',
    codexVersions: '< 0.128 (no provider), < 0.134 (no profile files)',
    title: (p) => `Codex ${p.detail ?? ''} is too old for profile files`.replace('  ', ' '),
    why: () =>
      'The built-in amazon-bedrock provider needs Codex >= 0.128, and `<name>.config.toml` profile files need >= 0.134.',
    fix: () => UPDATE,
    match: (f) => /config profile `[^`]*` not found/.test(msg(f)),
  },
  {
    id: 'sso-role-no-access',
    symptom: '"ForbiddenException … GetRoleCredentials operation: No access"',
    title: (p) => `IAM Identity Center refused the role of profile ${prof(p)}`,
    why: () => "The sign-in worked, but the profile's sso_role_name or sso_account_id is not a role this user is assigned in that account.",
    fix: (p) =>
      `List what you may use (aws sso list-accounts, aws sso list-account-roles --account-id <id>, with --profile ${prof(p)}), then fix sso_account_id / sso_role_name in ~/.aws/config, or re-run npx codex-bedrock-setup to pick them.`,
    match: (f) => /getrolecredentials operation: no access|forbiddenexception\b.*\bno access/.test(msg(f)),
  },
  {
    id: 'sso-token-expired',
    symptom: '"Token has expired and refresh failed" / "The SSO session associated with this profile has expired"',
    title: (p) => `The IAM Identity Center sign-in for profile ${prof(p)} has expired`,
    why: () => 'SSO access tokens last hours; after that the cached token in ~/.aws/sso/cache no longer yields credentials.',
    fix: (p) => ssoLogin(p),
    match: (f) =>
      /sso.*(expired|session)|token (has|is) expired and refresh|error loading sso token|token for .* does not exist|sso session .* expired/.test(
        msg(f),
      ),
  },
  {
    id: 'login-session-expired',
    symptom: '"Your session has expired. Please reauthenticate." / "… please re-authenticate using aws login" (a login_session profile)',
    title: (p) => `The aws login session of profile ${prof(p)} has ended`,
    why: () =>
      'Profiles written by `aws login` hold console credentials in ~/.aws/login/cache; the AWS SDKs refresh them through AWS Sign-In, which refuses once the session has ended or the cache is gone.',
    fix: (p) => `aws login --profile ${prof(p)}`,
    match: (f) =>
      /your session has expired\. please reauthenticate|re-?authenticate (using|with) .?aws login|login token is expired and cannot be refreshed|[\\/]\.aws[\\/]login[\\/]cache[\\/]|change in your password\. please reauthenticate/.test(msg(f)),
  },
  {
    id: 'codex-credentials-failed',
    symptom: 'Codex: "failed to load AWS credentials: an error occurred while loading credentials" / "a non-recoverable error occurred"',
    codexVersions: '0.128+ (observed in 0.171)',
    title: () => 'Codex could not load AWS credentials',
    why: (p) =>
      p.signIn
        ? `Codex hides the real reason. Usually the aws login session${p.profile ? ` of profile ${p.profile}` : ''} has expired; without aws.profile it can also mean that nothing in the default chain had credentials.`
        : signsIn(p)
          ? `Codex hides the real reason. Usually the IAM Identity Center sign-in${p.profile ? ` of profile ${p.profile}` : ''} has expired; without aws.profile it can also mean that nothing in the default chain had credentials.`
          : `Codex hides the real reason. Profile ${prof(p)} gets its credentials from ${p.credentialSource === 'static-keys' ? 'access keys, which may be wrong, deleted or expired' : p.credentialSource === 'credential-process' ? 'a credential_process helper, which failed or returned nothing' : 'an aws login session, which has expired'}.`,
    fix: (p) =>
      // Codex's SDK refreshes an aws login session by itself until it ends; aws.auth_refresh runs only aws sso login.
      p.signIn
        ? `${p.signIn}; Codex's AWS SDK renews the session by itself only until it ends.`
        : !p.profile
          ? 'Name a profile for Codex (npx codex-bedrock-setup writes aws.profile), or sign in: aws sso login --profile <profile> and export AWS_PROFILE=<profile>.'
          : signsIn(p)
            ? `${ssoLogin(p)}; ${p.codexVersion && !at(p.codexVersion, '0.149.0') ? `Codex >= 0.149 can sign in again by itself (aws.auth_refresh): ${UPDATE}` : 'with Codex >= 0.149, aws.auth_refresh lets Codex sign in again by itself (npx codex-bedrock-setup writes it)'}.`
            : `${Renew(p)}.`,
    match: (f) => /failed to load aws credentials: (an error occurred while loading credentials|a non-recoverable error occurred)/.test(msg(f)),
  },
  {
    id: 'codex-aws-profile-missing',
    symptom: 'Codex: "failed to load AWS credentials: the credential provider was not enabled" / "…not properly configured", with a profile named',
    codexVersions: '0.128+ ("credentials provider was not properly configured" in 0.171)',
    title: (p) => `Codex was told to use AWS profile ${prof(p)}, which does not exist`,
    why: () =>
      'aws.profile in the Codex config (or AWS_PROFILE) names a profile that neither ~/.aws/config nor ~/.aws/credentials has; Codex then fails every turn and ignores environment credentials.',
    fix: (p) => `Create it (aws configure sso --profile ${prof(p)}) or re-run npx codex-bedrock-setup to pick an existing profile.`,
    match: (f) => !!f.profile && /credentials? provider was not (enabled|properly configured)/.test(msg(f)),
  },
  {
    id: 'codex-credential-chain-empty',
    symptom: 'Codex: "the credential provider was not enabled", with no profile named',
    codexVersions: '0.128+',
    title: () => "Codex's default AWS credential chain found nothing",
    why: () =>
      'Neither aws.profile nor AWS_PROFILE is set, so Codex used the SDK default chain (environment keys, the default profile, SSO, an instance role), and none of them is configured.',
    fix: () => 'npx codex-bedrock-setup (writes aws.profile for Codex), or export AWS_PROFILE=<profile>.',
    match: (f) => !f.profile && /credentials? provider was not (enabled|properly configured)/.test(msg(f)),
  },
  {
    id: 'aws-profile-not-found',
    symptom: '"The config profile (X) could not be found"',
    title: (p) => `AWS profile ${prof(p)} does not exist`,
    why: (p) =>
      `AWS_PROFILE or the Codex config names ${prof(p)}, but neither ~/.aws/config nor ~/.aws/credentials has it. Codex then fails with "the credential provider was not enabled" and ignores environment credentials.`,
    fix: (p) =>
      `List profiles with \`aws configure list-profiles\`, then fix the name (unset AWS_PROFILE, or run \`npx codex-bedrock-setup\` to point Codex at an existing one), or create it: \`aws configure sso --profile ${prof(p)}\`.`,
    match: (f) => /could not be found|profile .* not found/.test(msg(f)),
  },
  {
    id: 'clock-skew',
    symptom: '"RequestTimeTooSkewed" / "Signature not yet current", or "Signature expired" while the server\'s Date differs from this clock',
    title: (p) => `This computer's clock is off by more than five minutes${p.skewMs !== undefined ? ` (${minutes(p.skewMs)} the server's)` : ''}`,
    why: () => "AWS rejects SigV4 signatures whose time differs from its own by more than five minutes; the server's Date header says it does.",
    fix: () => 'Sync the clock: `sudo timedatectl set-ntp true` (Linux) or `sudo sntp -sS time.apple.com` (macOS), then retry.',
    match: (f) =>
      /requestexpired|signature not yet current|requesttimetooskewed|clock skew/.test(msg(f)) || (signatureExpired(f) && skewed(clockSkewOf(f))),
  },
  {
    id: 'signature-expired',
    symptom: '401 "Signature expired: …"; from Codex 0.143 "Amazon Bedrock rejected the request because its AWS signature has expired…"',
    codexVersions: 'all (Codex wording from 0.143)',
    title: () => 'Bedrock says the signature has expired: the credentials have run out',
    why: (p) =>
      `Bedrock answers "Signature expired" for expired credentials too, short-lived Bedrock API keys included.${p.skewMs !== undefined ? " The server's clock agrees with this one, so it is not clock skew." : " If this computer's clock is off by more than five minutes, it is clock skew instead."}`,
    fix: (p) =>
      `${signsIn(p) ? `IAM Identity Center: ${ssoLogin(p)}` : `Profile ${prof(p)}: ${renew(p)}`}. Bedrock API key: create a new one and export AWS_BEARER_TOKEN_BEDROCK=<key>, or unset it to use the profile. Exported keys: export fresh ones.${p.skewMs === undefined ? ' If none of that helps, sync the clock (sudo timedatectl set-ntp true).' : ''}`,
    match: (f) => signatureExpired(f),
  },
  {
    id: 'codex-no-region',
    symptom: 'Codex: "AWS SDK config did not resolve a region" / "bearer token auth requires `…aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`"; older: "bearer token is invalid: missing bedrock-api-key prefix"',
    codexVersions: 'all; older versions read a bearer key\'s region only from short-term keys',
    title: () => 'Codex has no AWS region for Amazon Bedrock',
    why: () => 'Neither aws.region in the Codex config, the AWS profile, AWS_REGION nor AWS_DEFAULT_REGION names a region, so Codex cannot pick the Mantle endpoint.',
    fix: (p) => `npx codex-bedrock-setup --region ${p.region ?? 'us-east-1'} (writes aws.region), or export AWS_REGION=${p.region ?? 'us-east-1'}; with a long-term key on an old Codex, also ${UPDATE}.`,
    match: (f) => /did not resolve a region|bearer token auth requires|missing bedrock-api-key prefix/.test(msg(f)),
  },
  {
    id: 'bearer-not-bedrock-key',
    symptom: '`{"code":"invalid_api_key","message":"Invalid bearer token"}` / "Invalid API Key format: Must start with pre-defined prefix"',
    title: () => 'What was sent as the bearer token is not a Bedrock API key',
    why: () =>
      'Something other than a Bedrock key went out as `Authorization: Bearer`: OPENAI_API_KEY through the `openai` provider, or a placeholder in AWS_BEARER_TOKEN_BEDROCK.',
    fix: (p) =>
      `Use model_provider = "amazon-bedrock" in ${file(p)} (npx codex-bedrock-setup writes it); unset AWS_BEARER_TOKEN_BEDROCK to sign with the AWS profile instead, or export a real key.`,
    match: (f) => /invalid bearer token|invalid api key format|must start with pre-defined prefix/.test(msg(f)),
  },
  {
    id: 'bedrock-key-wrong-provider',
    symptom: 'Codex: "Bedrock API key auth is only supported by the Amazon Bedrock model provider"',
    codexVersions: '0.142+',
    title: () => 'A Bedrock API key is configured for a provider other than amazon-bedrock',
    why: () => "Codex's Bedrock key login works only with the built-in amazon-bedrock provider.",
    fix: (p) => `Set model_provider = "amazon-bedrock" in ${file(p)} (npx codex-bedrock-setup writes it).`,
    match: (f) => /bedrock api key auth is only supported by the amazon bedrock model provider/.test(msg(f)),
  },
  {
    id: 'bearer-invalid',
    symptom: '401 with a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)',
    title: () => 'The Bedrock API key was rejected',
    why: (p) =>
      p.detail ??
      'The key is malformed, expired (short-term keys last at most 12 hours), or was issued for another region.',
    fix: (p) =>
      `Create a new key in the Bedrock console (API keys) for ${reg(p)}, then: export AWS_BEARER_TOKEN_BEDROCK=<key>`,
    match: (f) => f.service === 'bedrock-mantle' && /bearer|api key/.test(msg(f)) && (f.status === 401 || f.status === 403),
  },
  {
    id: 'credentials-expired',
    symptom: '"The security token included in the request is expired" (ExpiredToken)',
    title: () => 'The AWS session credentials have expired',
    why: () => 'Temporary credentials (session tokens) expire; exported environment variables do not refresh themselves.',
    fix: (p) =>
      p.profile ? Renew(p) : 'Refresh them: eval "$(aws configure export-credentials --format env --profile <profile>)"',
    match: (f) => /expiredtoken|security token included in the request is expired|token is expired/.test(msg(f)),
  },
  {
    id: 'credentials-invalid',
    symptom: '401/403 "The security token included in the request is invalid" / "signature we calculated does not match"',
    title: () => 'AWS rejected the credentials',
    why: () =>
      'The access key is unknown to AWS or the secret key does not match it (a stale ~/.aws/credentials entry, or keys from another partition).',
    fix: (p) =>
      p.profile
        ? `Check the keys of profile ${p.profile} (\`aws configure list --profile ${p.profile}\`), or ${signsIn(p) || p.credentialSource === 'login-session' ? `sign in again: ${renew(p)}` : renew(p)}`
        : 'Unset stale AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, or export fresh ones.',
    match: (f) =>
      /unrecognizedclient|invalidclienttokenid|security token included in the request is invalid|signaturedoesnotmatch|invalidsignature|signature we calculated/.test(
        msg(f),
      ),
  },
  {
    id: 'mcp-server-no-credentials',
    symptom: '"Could not load credentials from any providers" from an MCP server Codex started',
    codexVersions: 'all',
    title: () => 'An MCP server started by Codex has no AWS credentials',
    why: () => 'Codex passes MCP servers a stripped environment: AWS_PROFILE, AWS_REGION and the like do not reach them. Codex itself is not the problem.',
    fix: () => 'Give the server its own env in ~/.codex/config.toml: [mcp_servers.<name>] env = { AWS_PROFILE = "<profile>", AWS_REGION = "<region>" }',
    match: (f) => /\bmcp\b/.test(msg(f)) && /could not load credentials from any providers/.test(msg(f)),
  },
  {
    id: 'no-credentials',
    symptom: '"Could not load credentials from any providers" / "No AWS credentials found"',
    title: () => 'No AWS credentials could be found',
    why: () =>
      'Neither a profile, environment variables, nor an SSO session yields credentials, so nothing can be signed.',
    fix: (p) =>
      p.profile
        ? `${renew(p)}   (or run \`npx codex-bedrock-setup\` to set up a profile)`
        : 'npx codex-bedrock-setup   (sets up an IAM Identity Center profile), or export AWS_PROFILE=<profile>',
    match: (f) =>
      f.kind === 'credentials' || /could not load credentials|no aws credentials|unable to locate credentials/.test(msg(f)),
  },
  {
    id: 'list-models-denied',
    symptom: 'AccessDeniedException on ListFoundationModels',
    title: () => 'The identity may not list Bedrock models',
    why: () => 'Its IAM policy lacks bedrock:ListFoundationModels. Inference may still work; availability checks cannot.',
    fix: () => 'Ask an administrator to attach the policy from `npx codex-bedrock-setup policy` (it includes bedrock:ListFoundationModels).',
    match: (f) => f.service === 'bedrock' && (f.status === 403 || /accessdenied/.test(msg(f))),
  },
  {
    id: 'region-denied-by-scp',
    symptom: '"… with an explicit deny in a service control policy"',
    title: (p) => `Your organisation blocks Bedrock in ${reg(p)}`,
    why: (p) => `A service control policy of your AWS organisation denies this call in ${reg(p)}; no IAM policy of yours can override it.`,
    fix: (p) =>
      `Use a region your organisation allows (ask the administrator which), e.g. npx codex-bedrock-setup --region ${p.region === 'us-east-1' ? 'us-west-2' : 'us-east-1'}; npx codex-bedrock-setup models --all-regions shows where calls succeed.`,
    match: (f) => /explicit deny in a service control policy/.test(msg(f)),
  },
  {
    id: 'open-weight-model-on-openai-surface',
    symptom: '404 "model `…` isn\'t supported on this route" / "The model \'…\' does not support the \'/openai/v1/responses\' API", or 401 "… is not enabled for this account", with gpt-oss',
    codexVersions: 'every version with the built-in provider (0.128+ posts to /openai/v1)',
    title: (p) => `${p.model ?? 'This open-weight model'} is not served where Codex posts`,
    why: () =>
      "Bedrock Mantle serves open-weight models (gpt-oss, other vendors' open models) on its /v1 surface; Codex's built-in amazon-bedrock provider always posts to /openai/v1, which serves OpenAI's proprietary models only (openai/codex#23650).",
    fix: (p) => `Use an OpenAI model such as openai.gpt-5.5 or newer in ${file(p)}: npx codex-bedrock-setup models lists them.`,
    match: (f) =>
      /isn't supported on this route|does not support the '\/openai\/v1\/responses' api/.test(msg(f)) ||
      ((f.status === 401 || f.status === 403) && /is not enabled for this account/.test(msg(f)) && OPEN_WEIGHT.test(`${f.model ?? ''} ${msg(f)}`)),
  },
  {
    id: 'wrong-mantle-path',
    symptom: '"The model does not support the \'/v1/responses\' API"',
    codexVersions: '0.124–0.127 (posted to /v1), or any version with a base_url ending in /v1 (base_url from 0.145)',
    title: () => 'Codex posted to Mantle\'s /v1 surface, which does not serve OpenAI\'s GPT models',
    why: () => "GPT-5.x and newer are served under /openai/v1; /v1 is Mantle's surface for open-weight models.",
    fix: () =>
      `Remove base_url from [model_providers.amazon-bedrock] in ~/.codex/config.toml (or make it end in /openai/v1); on Codex older than 0.128: ${UPDATE}`,
    match: (f) => /does not support the '\/v1\/responses' api/.test(msg(f)),
  },
  {
    id: 'model-id-without-prefix',
    symptom: '404 "The model \'gpt-5.6-sol\' does not exist" (no `openai.` prefix)',
    codexVersions: 'reported with model pickers and helper turns (openai/codex#42340, #26288)',
    title: (p) => `Codex sent the OpenAI id ${p.model ?? '<id>'} without Bedrock's \`openai.\` prefix`,
    why: () => 'Bedrock names the same models openai.<id>. A model picker or a helper turn sent the bare OpenAI id, and the thread keeps using it.',
    fix: (p) => `Use model = "openai.${p.model ?? '<id>'}" in ${file(p)} (and pick openai.* ids in Codex's /model picker), then start a new thread.`,
    extract: (f) => ({ model: /the model '(gpt-[^']*)' does not exist/i.exec(f.message ?? '')?.[1] ?? (f.model && /^gpt-/.test(f.model) ? f.model : undefined) }),
    match: (f) => /the model '(?!openai\.)gpt-[^']*' does not exist/.test(msg(f)) || (f.status === 404 && !!f.model && /^gpt-/.test(f.model)),
  },
  {
    id: 'runtime-model-id',
    symptom: 'Model id like `openai.gpt-5.5-v1:0` or `us.openai…` is "not found"',
    title: (p) => `${mdl(p)} is a Bedrock Runtime model id`,
    why: () => 'Mantle and Codex use ids without the version suffix or geography prefix.',
    fix: (p) => `Use ${(p.model ?? 'us.openai.gpt-5.5').replace(/^(us|eu|apac|global)\./, '').replace(/-v?\d+:\d+$/, '')} instead.`,
    // Under Codex's runtime provider such ids are right.
    match: (f) => f.service !== 'bedrock-runtime' && !!f.model && /(-v?\d+:\d+$)|^(us|eu|apac|global)\./.test(f.model) && (f.status === 404 || f.status === 400),
  },
  {
    id: 'invoke-denied',
    symptom: '403 "not authorized to perform: bedrock-mantle:CreateInference"',
    codexVersions: `all; the background models are ${CODEX_BACKGROUND_MODELS.join(', ')} in current Codex (openai.gpt-5.4 in older ones)`,
    title: (p) => (p.model ? `The identity may not run ${p.model} in ${reg(p)}` : `The identity may not use Bedrock Mantle in ${reg(p)}`),
    why: () =>
      `Its IAM policy lacks bedrock-mantle:CreateInference for this region and model. A policy limited to one model also denies the models Codex runs in the background (${CODEX_BACKGROUND_MODELS.join(', ')}; older Codex: openai.gpt-5.4).`,
    fix: (p) =>
      `Ask an administrator to attach: npx codex-bedrock-setup policy --region ${reg(p)}${p.model ? ` --model ${p.model}` : ''}${CODEX_BACKGROUND_MODELS.map((m) => ` --model ${m}`).join('')}   (if an SCP denies ${reg(p)}, choose an allowed region).`,
    match: (f) => f.service === 'bedrock-mantle' && (f.status === 403 || /accessdenied|not authorized to perform/.test(msg(f))),
  },
  {
    id: 'model-not-in-region',
    symptom: '404 model_not_found',
    title: (p) => (p.model ? `${p.model} is not offered in ${reg(p)}` : `Bedrock ${p.provider === 'runtime' ? 'Runtime' : 'Mantle'} answered "not found" in ${reg(p)}`),
    why: (p) =>
      p.provider === 'runtime'
        ? 'Bedrock Runtime serves a model, and each cross-region inference profile (global., us., …), only where AWS offers it.'
        : 'Bedrock Mantle serves different models in different regions.',
    fix: (p) =>
      p.provider === 'runtime'
        ? `Check the id and its geography prefix against the models and inference profiles Bedrock offers in ${reg(p)} (Bedrock console, Model catalog), then run setup again with that --model.`
        : p.regions
          ? `Use a region that has it (${p.regions}), or pick another model: npx codex-bedrock-setup models --all-regions`
          : 'See where it is offered: npx codex-bedrock-setup models --all-regions',
    extract: (f) => ({ provider: f.service === 'bedrock-runtime' ? ('runtime' as const) : undefined }),
    match: (f) => (f.service === 'bedrock-mantle' || f.service === 'bedrock-runtime') && (f.status === 404 || /model_not_found|does not exist/.test(msg(f))),
  },
  {
    id: 'model-not-responses',
    symptom: '400 "model does not support the Responses API"',
    title: (p) => `${mdl(p)} is not served on the Responses API`,
    why: () => 'Codex talks only the Responses API (wire_api = "responses"); this model is available on other Mantle surfaces only.',
    fix: () => 'Pick a model Codex can use (surface /openai/v1) in: npx codex-bedrock-setup models',
    match: (f) => f.service === 'bedrock-mantle' && f.status === 400 && /responses api|not supported.*responses/.test(msg(f)),
  },
  {
    id: 'additional-tools-refused',
    codexVersions: '0.171 (incremental_tools_legacy on by default)',
    symptom: 'Smoke test: 400 "Invalid \'input\': value did not match any expected variant" / "User-defined namespace \'functions\' collides with an existing tool namespace"',
    title: (p) => `Bedrock refused the tools of Codex >= 0.171${p.region ? ` in ${p.region}` : ''}`,
    why: () =>
      'Codex >= 0.171 sends its tools in an `additional_tools` input item, inside a namespace named `functions`; this endpoint refuses that item (or reserves the namespace), so every Codex turn fails.',
    fix: (p) =>
      `Add \`[features] incremental_tools_legacy = false\` to ${p.codexProfile ? `~/.codex/${p.codexProfile}.config.toml` : 'the profile file'} (npx codex-bedrock-setup --yes writes it), or for one run: codex --disable incremental_tools_legacy`,
    // Only when our own request carried the item: the same texts from Codex's thread are invalid-input-item / tool-namespace-collides.
    match: (f) => f.service === 'bedrock-mantle' && f.sentAdditionalTools === true && isAdditionalToolsRefusal(f),
  },
  {
    id: 'invalid-input-item',
    symptom: '"Invalid \'input\': value did not match any expected variant"',
    codexVersions: '0.147–0.149 (sub-agent items; fixed in 0.150), 0.171 (additional_tools)',
    title: () => "Bedrock refused an item in the thread's input",
    why: (p) =>
      inRange(p.codexVersion, '0.147.0', '0.150.0')
        ? `Codex ${p.codexVersion} puts sub-agent items in the input, which Mantle's schema does not accept (fixed in Codex 0.150). The bad item stays in the thread's history.`
        : at(p.codexVersion, '0.171.0')
          ? `Codex ${p.codexVersion} sends its tools in an \`additional_tools\` input item, which this endpoint does not accept. The bad item stays in the thread's history.`
          : "Codex 0.147–0.149 send sub-agent items, and Codex 0.171 an `additional_tools` item, that Mantle's schema does not accept. The bad item stays in the thread's history.",
    fix: (p) =>
      inRange(p.codexVersion, '0.147.0', '0.150.0')
        ? `${UPDATE} (or pin 0.146), then start a new thread.`
        : at(p.codexVersion, '0.171.0')
          ? `Add [features] incremental_tools_legacy = false to ${file(p)} (npx codex-bedrock-setup writes it after a live check), then start a new thread.`
          : `Codex 0.147–0.149: ${UPDATE}. Codex 0.171: add [features] incremental_tools_legacy = false to ${file(p)}. Then start a new thread.`,
    match: (f) => /invalid 'input'.*did not match any expected variant/.test(msg(f)),
  },
  {
    id: 'tool-namespace-collides',
    symptom: '"User-defined namespace \'functions\' collides with an existing tool namespace" (also \'web\')',
    codexVersions: "0.171 sends its tools in the namespace 'functions'; earlier versions send namespaced MCP/web tools",
    title: (p) => `The endpoint reserves a tool namespace Codex uses${p.detail ? ` ('${p.detail}')` : ''}`,
    extract: (f) => ({ detail: /namespace '([^']+)' collides/i.exec(f.message ?? '')?.[1] }),
    why: () =>
      'Codex groups its tools in namespaces; this Mantle (or gateway) version reserves the same names. It is a Codex/endpoint version mismatch, not your config.',
    fix: (p) =>
      `Codex 0.171 ('functions'): add [features] incremental_tools_legacy = false to ${file(p)}. 'web': set web_search = "disabled" there. Through a gateway (LiteLLM, bifrost): update the gateway. Then start a new thread.`,
    match: (f) => /namespace '[^']+' collides with an existing tool namespace/.test(msg(f)),
  },
  {
    id: 'tool-type-unknown',
    symptom: '"Invalid tools: unknown variant `custom`…" / "Invalid \'tools\': unknown variant `namespace`…"',
    codexVersions: 'Codex releases that send `custom` (freeform apply_patch) or `namespace` tools, against the Mantle of the time',
    title: () => "The endpoint does not know one of Codex's tool types",
    why: () =>
      'Codex sends tool types beyond `function` (`custom` for apply_patch, `namespace` for grouped tools); the endpoint answering was older than the Codex calling it.',
    fix: () => `${UPDATE} (newer releases match the current Mantle); through a gateway, update the gateway as well.`,
    match: (f) => /invalid '?tools'?: unknown variant/.test(msg(f)),
  },
  {
    id: 'context-window-exceeded',
    symptom: '"prompt tokens (N) exceed model maximum (M)" / "Codex ran out of room in the model\'s context window"',
    codexVersions: 'all',
    title: () => "The conversation no longer fits in the model's context window",
    why: () => 'The thread (history, tool output, files read) is longer than the model accepts.',
    fix: () => 'Type /compact in Codex to summarise the thread, or start a new thread; a model with a larger window also helps (openai.gpt-6.1-sol has 500k).',
    match: (f) => /prompt tokens \(\d+\) exceed model maximum|ran out of room in the model's context window|context_length_exceeded|maximum context length/.test(msg(f)),
  },
  {
    id: 'hosted-tool-rejected',
    symptom: '400 "web_search is not supported"',
    title: () => 'The endpoint refused a hosted tool (web search)',
    why: () =>
      "Codex sends its hosted web_search tool unless the profile disables it. Mantle documents hosted web search, but this endpoint (its region, a gateway or a proxy in between) refused it.",
    fix: (p) => `Add web_search = "disabled" to ${file(p)}, or re-run npx codex-bedrock-setup, which probes the endpoint and writes what it accepts.`,
    match: (f) => f.service === 'bedrock-mantle' && f.status === 400 && /web_search|hosted tool/.test(msg(f)),
  },
  {
    id: 'bad-request',
    symptom: '400 ValidationException / invalid_request_error',
    title: (p) => `Bedrock rejected the request as invalid${p.detail ? `: ${p.detail}` : ''}`,
    why: () => 'The request named something Bedrock does not accept here (a model id, a parameter, a tool).',
    fix: (p) => `Check the model id and region (npx codex-bedrock-setup models --region ${reg(p)}), then retry; if Codex sent it, update Codex: ${UPDATE}`,
    match: (f) => f.kind === 'http' && f.status === 400,
  },
  {
    id: 'throttled',
    symptom: '429 ThrottlingException / rate limit after retries',
    title: (p) => `Bedrock is throttling requests in ${reg(p)}`,
    why: () => 'The account hit its requests- or tokens-per-minute quota; retries with back-off did not get through.',
    fix: (p) => `Wait a minute and retry, use another region (npx codex-bedrock-setup models --all-regions), or request a quota increase for Bedrock in ${reg(p)} (Service Quotas console).`,
    match: (f) => f.status === 429 || /throttl|too many requests|rate exceeded/.test(msg(f)),
  },
  {
    id: 'stream-server-error',
    symptom: '"stream disconnected - retrying sampling request" after response.failed / server_error',
    codexVersions: 'all (openai/codex#27185)',
    title: () => 'Bedrock failed the response mid-stream (server_error)',
    why: () => 'The server reported response.failed with server_error: a fault on the service side, not in your network.',
    fix: () => `Retry (Codex retries by itself), or update Codex: ${UPDATE}. Suspect a proxy only if a plain request (npx codex-bedrock-setup smoke) reproduces it.`,
    match: (f) =>
      (f.kind === 'stream' && /server_error/.test(msg(f))) || (/stream disconnected - retrying sampling request/.test(msg(f)) && /server_error|response\.failed/.test(msg(f))),
  },
  {
    id: 'internal-server-error',
    symptom: '"Internal server error" with no HTTP status; Codex 0.171: "We’re currently experiencing high demand, which may cause temporary errors."',
    codexVersions: '0.171 shows a Mantle 500 as "high demand" (observed)',
    title: () => 'Bedrock Mantle had a transient internal error',
    why: () => 'A short-lived fault on the AWS side (Codex already retried five times); the request itself was fine.',
    fix: () => 'Retry in a minute, or resume the thread: codex resume --last',
    match: (f) => (f.status === undefined && /internal server error/.test(msg(f))) || /experiencing high demand, which may cause temporary errors/.test(msg(f)),
  },
  {
    id: 'service-error',
    symptom: '500/503 from Bedrock after retries',
    title: (p) => `Bedrock in ${reg(p)} answered with a server error${p.detail ? ` (${p.detail})` : ''}`,
    why: () => 'A fault on the AWS side persisted through our retries.',
    fix: () => 'Retry in a few minutes, or switch region; check https://health.aws.amazon.com/health/status.',
    match: (f) => f.kind === 'http' && (f.status ?? 0) >= 500,
  },
  {
    id: 'ssl-cert-file-stale',
    symptom: '"invalid peer certificate: UnknownIssuer" / "Failed to read CA certificate file … selected by SSL_CERT_FILE"',
    codexVersions: 'all (openai/codex#40839); 0.151–0.153 ignore the CA on the SSO path (#43381)',
    title: () => 'Codex does not trust the certificate it was shown',
    why: () =>
      'SSL_CERT_FILE points at a missing file or at a bundle without the CA that signs the connection (often a leftover from another network). CODEX_CA_CERTIFICATE, when set, takes precedence over it.',
    fix: () =>
      'Check it: echo $SSL_CERT_FILE $CODEX_CA_CERTIFICATE; unset it (unset SSL_CERT_FILE) or point it at your corporate CA bundle (PEM). On Codex 0.151–0.153 the SSO path ignores the CA: use aws.credential_export or a Bedrock API key there, or update Codex.',
    match: (f) => /invalid peer certificate|unknownissuer|failed to read ca certificate file|selected by ssl_cert_file/.test(msg(f)),
  },
  {
    id: 'codex-connection-failed',
    symptom: 'Codex: "Connection failed: error sending request"',
    codexVersions: '0.171 (observed; the TLS or proxy detail is not printed)',
    title: () => 'Codex could not connect to Bedrock',
    why: () =>
      'Codex does not say why. Here it is most often SSL_CERT_FILE naming a missing file or a bundle without the CA of your network, an HTTPS_PROXY that is down, or no network at all.',
    fix: () =>
      'Check echo $SSL_CERT_FILE $CODEX_CA_CERTIFICATE $HTTPS_PROXY: unset SSL_CERT_FILE or point it at a PEM bundle that exists, then run npx codex-bedrock-setup doctor, which checks the proxy and the endpoint itself.',
    match: (f) => /connection failed: error sending request/.test(msg(f)),
  },
  {
    id: 'tls-interception',
    symptom: '"self-signed certificate in certificate chain" / "unable to get local issuer certificate"',
    title: () => 'A TLS-inspecting proxy sits between you and AWS',
    why: () => "Its certificate authority is not trusted by Node, the aws CLI or Codex.",
    fix: () =>
      'Get the corporate CA bundle (PEM) and export AWS_CA_BUNDLE=/path/ca.pem NODE_EXTRA_CA_CERTS=/path/ca.pem SSL_CERT_FILE=/path/ca.pem (SSL_CERT_FILE, or CODEX_CA_CERTIFICATE, is what Codex reads).',
    match: (f) =>
      /cert|self.signed|unable_to_get_issuer|unable to get local issuer|unable_to_verify/.test(`${f.code ?? ''} ${f.message ?? ''}`.toLowerCase()),
  },
  {
    id: 'proxy-unreachable',
    symptom: 'ECONNREFUSED to the proxy host in HTTPS_PROXY; aws CLI: `Failed to connect to proxy URL: "…"`',
    title: (p) => `The proxy ${p.proxy ? proxyNamed(p) : (p.detail ?? `in ${proxyVar(p)}`)} cannot be reached`,
    why: (p) => `Every AWS call goes through ${proxyVar(p)}; the proxy refused the connection, its name does not resolve, it is down, or it refused the tunnel to AWS.`,
    fix: (p) =>
      `Test the proxy by itself: ${curlViaProxy(p)}. Check its address and port (echo $${proxyVar(p)}), connect to the VPN, or unset ${proxyVar(p)} if you are not behind one.`,
    extract: (f) => {
      const shown = unreachableProxy(f.message);
      return shown ? { proxy: shown } : {};
    },
    match: (f) =>
      (f.kind === 'network' && /proxy/.test((f.message ?? '').toLowerCase()) && f.code !== 'ENOTFOUND') || (isAwsCliProcess(f) && unreachableProxy(f.message) !== null),
  },
  {
    // A region Mantle serves always resolves: when it does not, the cause is on this side, not the region.
    id: 'dns-lookup-failed',
    symptom: 'ENOTFOUND / EAI_AGAIN for a region Bedrock serves (offline, DNS, proxy)',
    title: (p) => `The name ${dnsHost(p)} does not resolve`,
    why: (p) =>
      `${p.region ? `${p.region} is a region Bedrock serves, so the cause` : 'The cause'} is on this side: no network, a VPN that is down, a DNS server that cannot answer, or a network that only lets traffic out through a proxy.`,
    fix: (p) =>
      `Check the connection (Wi-Fi, VPN) and DNS: nslookup ${dnsHost(p)}. Behind a corporate proxy, set HTTPS_PROXY=http://HOST:PORT, and check NO_PROXY does not list ${dnsHost(p)}, .api.aws or .amazonaws.com (those bypass the proxy). Then retry.`,
    match: (f) => isDnsFailure(f) && !unknownRegion(f),
    extract: (f) => {
      const host = failedHost(f);
      const region = f.region ?? regionOfHost(host);
      return { ...(host ? { detail: host } : {}), ...(region ? { region } : {}) };
    },
  },
  {
    id: 'region-unreachable',
    symptom: 'ENOTFOUND bedrock-mantle.<region>.api.aws for a region name Bedrock Mantle does not serve',
    title: (p) => `Bedrock Mantle is not reachable in ${reg(p)}`,
    why: () => 'The hostname does not resolve: the region has no Mantle endpoint, or DNS/network is unavailable.',
    fix: () => 'Choose a validated region (us-east-1, us-west-2, eu-west-1, …): npx codex-bedrock-setup models --all-regions',
    match: (f) => isDnsFailure(f),
  },
  {
    id: 'connection-failed',
    symptom: 'ECONNREFUSED / ECONNRESET / timeout',
    title: (p) => `The connection to AWS failed${p.detail ? `: ${p.detail}` : ''}`,
    why: (p) => `The network dropped or refused the connection${p.region ? ` to ${p.region}` : ''}, or it timed out.`,
    fix: (p) =>
      p.path
        ? `Start the service at ${p.path}, or remove base_url from [model_providers.amazon-bedrock] in ~/.codex/config.toml to use Bedrock's own endpoint.`
        : p.proxy
          ? `The connection went through the proxy ${proxyNamed(p)}: test it by itself with ${curlViaProxy(p)}, check the network/VPN, then retry.`
          : 'Check the network/VPN and retry; behind a corporate proxy set HTTPS_PROXY.',
    match: (f) => f.kind === 'network',
  },
  {
    id: 'stream-broken',
    symptom: 'The answer stops half way / malformed events',
    title: () => 'The response stream ended early or was malformed',
    why: () => 'The connection closed before response.completed, or an event was not valid JSON (often a proxy buffering or cutting streams).',
    fix: () => 'Retry; if it repeats behind a proxy, ask for text/event-stream to be exempt from buffering, or try another region.',
    match: (f) => f.kind === 'stream',
  },
  {
    id: 'config-parse-error',
    symptom: '`config.toml` does not parse',
    title: (p) => `${p.path ?? 'config.toml'} is not valid TOML`,
    why: (p) => p.detail ?? 'Codex refuses to start with a malformed config file; we never overwrite one.',
    fix: (p) => `Fix the line shown in ${p.path ?? '~/.codex/config.toml'} (or restore a backup: ls ~/.codex/*.bak-*), then re-run.`,
    match: (f) => f.kind === 'config' && /line \d+, column \d+|not valid toml|invalid toml/i.test(f.message ?? ''),
  },
  {
    id: 'config-file-refused',
    symptom: 'A config file is a folder, a symlink elsewhere, read-only, not UTF-8, on a full disk, or changed while we worked',
    title: () => 'A config file could not be written safely, so nothing was written',
    why: (p) => p.detail ?? 'The file is not a plain UTF-8 file we may replace, or it changed since we read it.',
    fix: () => 'Follow the reason above (fix the permissions or the link, free disk space, or close the other editor), then re-run the same command.',
    match: (f) => f.kind === 'config',
  },
  {
    id: 'legacy-profile-layout',
    symptom: '"legacy profile = … config is no longer supported" / "[profiles.X] config"',
    codexVersions: '0.134+',
    title: () => 'config.toml uses the legacy profile layout',
    why: () =>
      'Codex >= 0.134 refuses a top-level `profile = "…"` and `[profiles.NAME]` tables; each profile now lives in `~/.codex/NAME.config.toml`.',
    fix: () => 'npx codex-bedrock-setup   (offers the migration, shows the diff, keeps a backup)',
    match: (f) => /legacy profile|\[profiles\./.test(msg(f)),
  },
  {
    id: 'provider-key-refused',
    symptom: 'Codex: "model_providers.amazon-bedrock only supports changing …"',
    codexVersions: 'all; base_url, auth, http_headers from 0.145, aws.auth_refresh from 0.149, aws.credential_export from 0.155',
    title: () => 'The Codex config changes a setting of the built-in amazon-bedrock provider that Codex forbids',
    why: () => 'Codex refuses to start. The allowed keys grow by version: 0.124–0.144 only aws.profile and aws.region.',
    fix: () => `Remove the key named in Codex's message from [model_providers.amazon-bedrock] (npx codex-bedrock-setup doctor shows which), or ${UPDATE} if it is one a newer Codex allows.`,
    match: (f) => /model_providers\.amazon-bedrock only supports changing/.test(msg(f)),
  },
  {
    id: 'credential-export-conflict',
    symptom: 'Codex: "provider aws.credential_export cannot be combined with aws.profile" / "configured to use `aws.credential_export`"',
    codexVersions: '0.155+',
    title: () => 'aws.credential_export and aws.profile are both set',
    why: () => 'Codex takes credentials from one of them only, even when they come from different files (config.toml and a profile file).',
    fix: () => 'Remove one of them from [model_providers.amazon-bedrock.aws] in ~/.codex/config.toml and the profile file.',
    match: (f) => /credential_export cannot be combined with aws\.profile|configured to use `aws\.credential_export`/.test(msg(f)),
  },
  {
    id: 'auth-refresh-command',
    symptom: 'Codex: "provider aws.auth_refresh.command must be `aws`"',
    codexVersions: '0.149+',
    title: () => 'aws.auth_refresh names a command other than `aws`',
    why: () => 'Codex runs only the bare `aws` command to refresh a sign-in; a path or another program is refused at start.',
    fix: () => 'Write command = "aws" (with the aws CLI v2 on PATH), e.g. auth_refresh = { command = "aws", args = ["sso", "login", "--profile", "<profile>"] }',
    match: (f) => /auth_refresh\.command must be `aws`/.test(msg(f)),
  },
  {
    id: 'codex-managed-credentials',
    symptom: 'Codex: "Codex-managed Bedrock credentials are already configured and take priority…"',
    codexVersions: '0.142+ (API key), 0.150+ (access keys)',
    title: () => 'Codex uses the Bedrock credentials stored in its own auth.json',
    why: () => 'Credentials saved by Codex in $CODEX_HOME/auth.json win over AWS_BEARER_TOKEN_BEDROCK and the SDK chain; only aws.credential_export and a configured aws.profile beat them.',
    fix: () => 'Set aws.profile in the Codex config (npx codex-bedrock-setup writes it), or remove the stored login: codex logout',
    match: (f) => /codex-managed bedrock credentials are already configured/.test(msg(f)),
  },
  {
    id: 'aws-wire-api-ignored',
    symptom: '`wire_api = "responses"` under `[model_providers.amazon-bedrock.aws]` → "ignoring … unrecognized configuration setting"',
    codexVersions: '0.169+ (warning), earlier versions ignore it silently',
    title: () => 'wire_api under [model_providers.amazon-bedrock.aws] is ignored (harmless)',
    why: () => "OpenAI's help page puts it there; Codex ignores it because the built-in provider always speaks the Responses API. Other unknown keys there are real typos.",
    fix: () => 'Remove the line to silence the warning (npx codex-bedrock-setup offers it, showing the diff).',
    match: (f) => /amazon-bedrock\.aws\.wire_api` is ignored/.test(msg(f)),
  },
  {
    id: 'codex-profile-missing',
    symptom: '`codex --profile X` with no `X.config.toml`',
    codexVersions: '0.134+; 0.169+ give no error and silently use the OpenAI provider',
    title: (p) => `Codex profile ${p.codexProfile ?? '<name>'} has no file`,
    why: (p) => `\`codex --profile ${p.codexProfile ?? '<name>'}\` reads ~/.codex/${p.codexProfile ?? '<name>'}.config.toml, which does not exist.`,
    fix: (p) => `npx codex-bedrock-setup --codex-profile ${p.codexProfile ?? '<name>'}`,
  },
  {
    id: 'profile-fails-env-works',
    symptom: 'Exported AWS_* keys work but the profile does not',
    title: (p) => `Profile ${prof(p)} fails while environment credentials work`,
    why: () => 'Codex uses the profile named in its config, not AWS_ACCESS_KEY_ID; the profile is stale or signed out.',
    fix: (p) => `${renew(p)}   (or remove aws.profile from ~/.codex/config.toml to use the default chain)`,
  },
  {
    id: 'web-search-enabled',
    symptom: 'Bedrock profile without `web_search = "disabled"`',
    title: (p) => `Codex profile ${p.codexProfile ?? ''} does not disable web search`.replace('  ', ' '),
    why: () =>
      'Codex 0.150+ then sends its hosted web_search tool with every turn. Mantle documents hosted web search, so this works where the endpoint accepts it; where it refuses it, every turn fails.',
    fix: (p) => `Let npx codex-bedrock-setup probe the endpoint and write the setting it accepts, or add web_search = "disabled" to ~/.codex/${p.codexProfile ?? '<name>'}.config.toml.`,
  },
  {
    id: 'wire-api-not-responses',
    symptom: 'A custom Bedrock provider with `wire_api = "chat"`',
    title: () => 'A Bedrock provider is configured with wire_api other than "responses"',
    why: () => 'Current Codex speaks only the Responses API to Bedrock Mantle.',
    fix: () => 'Use the built-in provider: model_provider = "amazon-bedrock" (npx codex-bedrock-setup writes it).',
  },
  {
    id: 'region-not-supported-by-codex',
    symptom: '"Amazon Bedrock does not support region `X`" (0.150+); "Amazon Bedrock Mantle does not support region X" (0.124–0.149)',
    codexVersions: '0.124–0.149 and 0.150+ (wording differs)',
    title: (p) => `Codex does not accept region ${reg(p)} for Amazon Bedrock`,
    why: () => 'The built-in provider only signs for the regions on its allow-list, where Mantle runs.',
    fix: () => 'Pick a region Codex accepts: npx codex-bedrock-setup --region us-east-1',
    match: (f) => /amazon bedrock( mantle)? does not support region/.test(msg(f)),
  },
  {
    id: 'unknown',
    symptom: 'Anything else',
    title: (p) => `Unexpected error${p.detail ? `: ${p.detail}` : ''}`,
    why: () => 'This failure is not in our catalogue yet.',
    fix: () => 'Run `npx codex-bedrock-setup doctor` for a full check, and report the message at the project issue tracker.',
  },
  {
    id: 'proxy-auth',
    symptom: 'HTTP 407 from the proxy in HTTPS_PROXY',
    title: (p) => `The proxy ${proxyNamed(p)} asks for a user name and password (HTTP 407)`,
    why: (p) => `${proxyVar(p)} names a proxy that requires authentication, and it has no credentials or the wrong ones.`,
    fix: (p) =>
      `Put your proxy user name and password in ${proxyVar(p)} before the host, as user:password@proxy:port after http:// (percent-encode special characters: / as %2F, @ as %40), or ask for the proxy settings your company uses. Test it: ${curlViaProxy(p)} (407 again means the credentials are still missing or wrong).`,
    match: (f) => f.status === 407 || f.code === 'PROXY_AUTH_REQUIRED',
    preempt: true,
  },
  {
    // The proxy answered, so it is up; the tunnel it refused is to AWS, and the region is not the cause.
    id: 'proxy-tunnel-refused',
    symptom: 'The proxy in HTTPS_PROXY answers CONNECT with 502/503/403 instead of opening the tunnel',
    title: (p) => `The proxy ${proxyNamed(p)} refused to open a tunnel to ${tunnelHost(p)}${p.proxyStatus ? ` (HTTP ${p.proxyStatus})` : ''}`,
    why: (p) => {
      const its =
        p.proxyStatus === 403 || p.proxyStatus === 405
          ? "The proxy's rules do not allow CONNECT to that host"
          : p.proxyStatus === 503
            ? 'The proxy is overloaded or has no upstream available'
            : 'The proxy answered but could not connect to that host itself: its DNS could not resolve the name, it has no route to AWS, or its rules do not allow it';
      return `${its}. This is the proxy's answer, not AWS's: the region and the credentials are not the cause.`;
    },
    fix: (p) =>
      `Test the proxy by itself: ${curlViaProxy(p)} (any HTTP code from AWS, even 403, means the tunnel works). Ask whoever runs the proxy to allow CONNECT to ${tunnelHost(p)}:443 and *.amazonaws.com:443; if AWS is reachable without the proxy, add ${tunnelHost(p)} to NO_PROXY.`,
    // The SDK path carries the status only in our words: "The proxy refused the CONNECT tunnel (HTTP 502)".
    extract: (f) => ({ proxyStatus: f.status ?? proxyStatusIn(f.message), host: serviceHost(f) }),
    match: (f) => f.code === 'PROXY_CONNECT_REFUSED',
    preempt: true,
  },
  {
    id: 'proxy-silent',
    symptom: 'The proxy takes the connection but never opens the tunnel',
    title: (p) => `The proxy ${proxyNamed(p)} did not answer`,
    why: (p) => p.detail ?? 'It accepted the TCP connection but did not answer the CONNECT request in time: it is overloaded, filtering, or not an HTTP proxy.',
    fix: (p) =>
      `Test the proxy by itself: ${curlViaProxy(p)}. Check its address and port (echo $${proxyVar(p)}), connect to the VPN, or unset ${proxyVar(p)} if you are not behind one.`,
    match: (f) => f.code === 'PROXY_TIMEOUT',
    preempt: true,
  },
  {
    id: 'answer-too-slow',
    symptom: 'An answer that never ends (a body that drips, a stream of keep-alives only)',
    title: (p) => `The answer from AWS did not end in time${p.region ? ` (${p.region})` : ''}`,
    why: (p) => p.detail ?? 'The headers arrived, but the body or stream did not complete within the deadline.',
    fix: () =>
      'Retry; if it repeats, check the network, VPN or proxy (a proxy that buffers text/event-stream holds streams back), or try another region: npx codex-bedrock-setup doctor',
    match: (f) => f.code === 'STREAM_DEADLINE',
    preempt: true,
  },
  {
    id: 'response-too-large',
    symptom: 'An answer or stream event larger than the limit',
    title: () => 'An answer from AWS was too large and was refused',
    why: (p) => p.detail ?? 'A response body or a single stream event went past our size limit; a proxy or server is sending something other than the API.',
    fix: () => 'Retry; if it repeats, check that HTTPS_PROXY and base_url point at AWS, then run: npx codex-bedrock-setup doctor',
    match: (f) => f.code === 'BODY_TOO_LARGE' || f.code === 'SSE_EVENT_TOO_LARGE',
    preempt: true,
  },
  {
    id: 'command-timeout',
    symptom: 'A command stopped at its time limit',
    title: (p) => `Stopped after ${p.detail ?? 'its time limit'}`,
    why: () => 'The command did not finish within its ceiling, so it was stopped rather than left waiting.',
    fix: () => 'Give it longer with --timeout SECONDS, or find what hangs: npx codex-bedrock-setup doctor --verbose',
  },
];

// Entries whose failure message is itself the useful detail (line and column, host, AWS's words).
const MESSAGE_IS_DETAIL = new Set(['aws-cli-sso-failed', 'config-parse-error', 'config-file-refused', 'connection-failed', 'bad-request', 'proxy-silent', 'answer-too-slow', 'response-too-large']);

const byId = new Map(CATALOGUE.map((e) => [e.id, e]));

export function explain(id: string, params: DiagnosisParams = {}): Diagnosis {
  const e = byId.get(id) ?? byId.get('unknown')!;
  const at = (s: string) => atCodexHome(s, params.codexHome);
  return { id: e.id, title: at(e.title(params)), why: at(e.why(params)), fix: at(e.fix(params)) };
}

/** Finds the catalogue entry for a raw failure; the first matching entry wins (order is specificity). */
export function diagnose(failure: Failure, extra: DiagnosisParams = {}): Diagnosis {
  const entry = CATALOGUE.find((e) => e.preempt && e.match?.(failure)) ?? CATALOGUE.find((e) => e.match?.(failure));
  const skewMs = clockSkewOf(failure);
  const own = Object.fromEntries(Object.entries(entry?.extract?.(failure) ?? {}).filter(([, v]) => v !== undefined));
  const params: DiagnosisParams = {
    profile: failure.profile,
    region: failure.region,
    model: failure.model,
    ...(skewMs !== null ? { skewMs } : {}),
    ...extra,
    ...own,
    detail: (own.detail as string | undefined) ?? extra.detail ?? (!entry || MESSAGE_IS_DETAIL.has(entry.id) ? oneLine(failure.message) : undefined),
  };
  return explain(entry?.id ?? 'unknown', params);
}

function oneLine(s: string | undefined): string | undefined {
  return s?.split('\n')[0]?.slice(0, 500);
}

/** The README troubleshooting table, generated so docs and code never disagree. */
export function troubleshootingTable(): string {
  const rows = CATALOGUE.filter((e) => e.id !== 'unknown').map((e) => {
    const d = explain(e.id);
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| ${cell(e.symptom)} | ${cell(e.codexVersions ?? '—')} | ${cell(d.why)} | ${cell(d.fix)} |`;
  });
  return ['| Symptom | Codex versions | Why | Fix |', '|---|---|---|---|', ...rows].join('\n');
}
