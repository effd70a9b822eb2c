// The failure catalogue: one place that turns what went wrong into what to do.
// doctor, the wizard, every command and the README's troubleshooting table read it.
import type { Diagnosis, Failure } from '../types.js';

export interface DiagnosisParams {
  profile?: string;
  region?: string;
  model?: string;
  codexProfile?: string;
  detail?: string;
  path?: string;
  regions?: string;
}

interface Entry {
  id: string;
  /** Symptom as a user meets it, for the README table. */
  symptom: string;
  title: (p: DiagnosisParams) => string;
  why: (p: DiagnosisParams) => string;
  fix: (p: DiagnosisParams) => string;
  /** Recognises the entry from a raw failure; entries found only by doctor's checks have none. */
  match?: (f: Failure) => boolean;
  /** Checked before every other entry: a precise code that a broader entry above would otherwise claim. */
  preempt?: boolean;
}

const prof = (p: DiagnosisParams) => p.profile ?? '<profile>';
const reg = (p: DiagnosisParams) => p.region ?? '<region>';
const mdl = (p: DiagnosisParams) => p.model ?? '<model>';
const msg = (f: Failure) => `${f.errorType ?? ''} ${f.message ?? ''}`.toLowerCase();

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
      `Put the v2 directory first: export PATH="${p.detail ?? '/usr/local/bin'}:$PATH" (or \`pip uninstall awscli\` to remove v1). This tool already uses the v2 it found.`,
  },
  {
    id: 'aws-cli-sso-failed',
    symptom: '`aws configure sso` / `aws sso login` exits before signing in',
    title: (p) => `The IAM Identity Center sign-in did not finish${p.detail ? `: ${p.detail}` : ''}`,
    why: () =>
      'The aws CLI stopped before it had a token: it was interrupted, the start URL or SSO region is not your organisation\'s, or the browser step was not approved in time.',
    fix: (p) =>
      `Check the start URL and SSO region with your administrator (the portal URL you sign in to), then choose Retry; or run it yourself: aws configure sso --profile ${prof(p)}`,
    match: (f) => f.kind === 'process' && f.service === 'aws-cli',
  },
  {
    id: 'codex-missing',
    symptom: '`codex: command not found`',
    title: () => 'The Codex CLI is not installed',
    why: () => 'The Codex CLI is what runs on Bedrock; this tool only configures it.',
    fix: () => 'npm i -g @openai/codex@latest',
    match: (f) => f.kind === 'missing-tool' && f.service === 'codex',
  },
  {
    id: 'codex-too-old',
    symptom: 'Codex ignores `amazon-bedrock` or `--profile NAME` files',
    title: (p) => `Codex ${p.detail ?? ''} is too old for profile files`.replace('  ', ' '),
    why: () =>
      'The built-in amazon-bedrock provider needs Codex >= 0.128, and `<name>.config.toml` profile files need >= 0.134.',
    fix: () => 'npm i -g @openai/codex@latest',
  },
  {
    id: 'sso-token-expired',
    symptom: '"Token has expired and refresh failed" / "The SSO session associated with this profile has expired"',
    title: (p) => `The IAM Identity Center sign-in for profile ${prof(p)} has expired`,
    why: () => 'SSO access tokens last hours; after that the cached token in ~/.aws/sso/cache no longer yields credentials.',
    fix: (p) => `aws sso login --profile ${prof(p)}`,
    match: (f) =>
      /sso.*(expired|session)|token (has|is) expired and refresh|error loading sso token|token for .* does not exist|sso session .* expired/.test(
        msg(f),
      ),
  },
  {
    id: 'aws-profile-not-found',
    symptom: '"The config profile (X) could not be found"',
    title: (p) => `AWS profile ${prof(p)} does not exist`,
    why: (p) =>
      `AWS_PROFILE or the Codex config names ${prof(p)}, but neither ~/.aws/config nor ~/.aws/credentials has it. Codex then fails with "the credential provider was not enabled" and ignores environment credentials.`,
    fix: (p) =>
      `List profiles with \`aws configure list-profiles\`, then fix the name (unset AWS_PROFILE, or run \`npx codex-bedrock-setup\` to point Codex at an existing one), or create it: \`aws configure sso --profile ${prof(p)}\`.`,
    match: (f) => /could not be found|profile .* not found|credentials? provider was not (enabled|properly configured)/.test(msg(f)),
  },
  {
    id: 'clock-skew',
    symptom: '"Signature expired" / "RequestExpired" / "Signature not yet current"',
    title: () => "This computer's clock is off by more than five minutes",
    why: () => 'AWS rejects SigV4 signatures whose time differs from its own by more than five minutes.',
    fix: () => 'Sync the clock: `sudo timedatectl set-ntp true` (Linux) or `sudo sntp -sS time.apple.com` (macOS), then retry.',
    match: (f) => /signature expired|requestexpired|signature not yet current|requesttimetooskewed|clock skew/.test(msg(f)),
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
      p.profile
        ? `aws sso login --profile ${p.profile}`
        : 'Refresh them: eval "$(aws configure export-credentials --format env --profile <profile>)"',
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
        ? `Check the keys of profile ${p.profile} (\`aws configure list --profile ${p.profile}\`), or sign in again: aws sso login --profile ${p.profile}`
        : 'Unset stale AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, or export fresh ones.',
    match: (f) =>
      /unrecognizedclient|invalidclienttokenid|security token included in the request is invalid|signaturedoesnotmatch|invalidsignature|signature we calculated/.test(
        msg(f),
      ),
  },
  {
    id: 'no-credentials',
    symptom: '"Could not load credentials from any providers" / "No AWS credentials found"',
    title: () => 'No AWS credentials could be found',
    why: () =>
      'Neither a profile, environment variables, nor an SSO session yields credentials, so nothing can be signed.',
    fix: (p) =>
      p.profile
        ? `aws sso login --profile ${p.profile}   (or run \`npx codex-bedrock-setup\` to set up a profile)`
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
    id: 'invoke-denied',
    symptom: '403 AccessDeniedException on /openai/v1/responses',
    title: (p) => (p.model ? `The identity may not run ${p.model} in ${reg(p)}` : `The identity may not use Bedrock Mantle in ${reg(p)}`),
    why: () =>
      'Its IAM policy lacks bedrock-mantle:CreateInference for this region and model, or an organisation SCP denies the region.',
    fix: (p) =>
      `Ask an administrator to attach: npx codex-bedrock-setup policy --region ${reg(p)}${p.model ? ` --model ${p.model}` : ''}   (if an SCP denies ${reg(p)}, choose an allowed region).`,
    match: (f) => f.service === 'bedrock-mantle' && (f.status === 403 || /accessdenied/.test(msg(f))),
  },
  {
    id: 'runtime-model-id',
    symptom: 'Model id like `openai.gpt-oss-120b-1:0` or `us.openai…` is "not found"',
    title: (p) => `${mdl(p)} is a Bedrock Runtime model id`,
    why: () => 'Mantle and Codex use ids without the version suffix or geography prefix.',
    fix: (p) => `Use ${(p.model ?? 'openai.gpt-oss-120b-1:0').replace(/^(us|eu|apac|global)\./, '').replace(/-\d+:\d+$/, '')} instead.`,
    match: (f) => !!f.model && /(-\d+:\d+$)|^(us|eu|apac|global)\./.test(f.model) && (f.status === 404 || f.status === 400),
  },
  {
    id: 'model-not-in-region',
    symptom: '404 model_not_found',
    title: (p) => (p.model ? `${p.model} is not offered in ${reg(p)}` : `Bedrock Mantle answered "not found" in ${reg(p)}`),
    why: () => 'Bedrock Mantle serves different models in different regions.',
    fix: (p) =>
      p.regions
        ? `Use a region that has it (${p.regions}), or pick another model: npx codex-bedrock-setup models --all-regions`
        : 'See where it is offered: npx codex-bedrock-setup models --all-regions',
    match: (f) => f.service === 'bedrock-mantle' && (f.status === 404 || /model_not_found|does not exist/.test(msg(f))),
  },
  {
    id: 'model-not-responses',
    symptom: '400 "model does not support the Responses API"',
    title: (p) => `${mdl(p)} is not served on the Responses API`,
    why: () => 'Codex talks only the Responses API (wire_api = "responses"); this model is available on other Mantle surfaces only.',
    fix: () => 'Pick a model marked "responses" in: npx codex-bedrock-setup models',
    match: (f) => f.service === 'bedrock-mantle' && f.status === 400 && /responses api|not supported.*responses/.test(msg(f)),
  },
  {
    id: 'hosted-tool-rejected',
    symptom: '400 "web_search is not supported"',
    title: () => 'Bedrock rejected a hosted tool (web search)',
    why: () => 'Codex sends its hosted web_search tool unless the profile disables it; Bedrock does not run hosted tools.',
    fix: (p) => `Add web_search = "disabled" to ${p.codexProfile ? `~/.codex/${p.codexProfile}.config.toml` : 'the profile file'}, or re-run npx codex-bedrock-setup.`,
    match: (f) => f.service === 'bedrock-mantle' && f.status === 400 && /web_search|hosted tool/.test(msg(f)),
  },
  {
    id: 'bad-request',
    symptom: '400 ValidationException / invalid_request_error',
    title: (p) => `Bedrock rejected the request as invalid${p.detail ? `: ${p.detail}` : ''}`,
    why: () => 'The request named something Bedrock does not accept here (a model id, a parameter, a tool).',
    fix: (p) => `Check the model id and region (npx codex-bedrock-setup models --region ${reg(p)}), then retry; if Codex sent it, update Codex: npm i -g @openai/codex@latest`,
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
    id: 'service-error',
    symptom: '500/503 from Bedrock after retries',
    title: (p) => `Bedrock in ${reg(p)} answered with a server error${p.detail ? ` (${p.detail})` : ''}`,
    why: () => 'A fault on the AWS side persisted through our retries.',
    fix: () => 'Retry in a few minutes, or switch region; check https://health.aws.amazon.com/health/status.',
    match: (f) => f.kind === 'http' && (f.status ?? 0) >= 500,
  },
  {
    id: 'tls-interception',
    symptom: '"self-signed certificate in certificate chain" / "unable to get local issuer certificate"',
    title: () => 'A TLS-inspecting proxy sits between you and AWS',
    why: () => "Its certificate authority is not trusted by Node, the aws CLI or Codex.",
    fix: () =>
      'Get the corporate CA bundle (PEM) and export AWS_CA_BUNDLE=/path/ca.pem NODE_EXTRA_CA_CERTS=/path/ca.pem SSL_CERT_FILE=/path/ca.pem (SSL_CERT_FILE is what Codex reads).',
    match: (f) =>
      /cert|self.signed|unable_to_get_issuer|unable to get local issuer|unable_to_verify/.test(`${f.code ?? ''} ${f.message ?? ''}`.toLowerCase()),
  },
  {
    id: 'proxy-unreachable',
    symptom: 'ECONNREFUSED to the proxy host in HTTPS_PROXY',
    title: (p) => `The proxy ${p.detail ?? 'in HTTPS_PROXY'} cannot be reached`,
    why: () => 'Every AWS call goes through HTTPS_PROXY; the proxy refused the connection or is down.',
    fix: () => 'Check the proxy address (echo $HTTPS_PROXY), connect to the VPN, or unset HTTPS_PROXY if you are not behind one.',
    match: (f) => f.kind === 'network' && /proxy/.test((f.message ?? '').toLowerCase()) && f.code !== 'ENOTFOUND',
  },
  {
    id: 'region-unreachable',
    symptom: 'ENOTFOUND bedrock-mantle.<region>.api.aws',
    title: (p) => `Bedrock Mantle is not reachable in ${reg(p)}`,
    why: () => 'The hostname does not resolve: the region has no Mantle endpoint, or DNS/network is unavailable.',
    fix: () => 'Choose a validated region (us-east-1, us-west-2, eu-west-1, …): npx codex-bedrock-setup models --all-regions',
    match: (f) => f.kind === 'network' && (f.code === 'ENOTFOUND' || f.code === 'EAI_AGAIN'),
  },
  {
    id: 'connection-failed',
    symptom: 'ECONNREFUSED / ECONNRESET / timeout',
    title: (p) => `The connection to AWS failed${p.detail ? `: ${p.detail}` : ''}`,
    why: (p) => `The network dropped or refused the connection${p.region ? ` to ${p.region}` : ''}, or it timed out.`,
    fix: (p) =>
      p.path
        ? `Start the service at ${p.path}, or remove base_url from [model_providers.amazon-bedrock] in ~/.codex/config.toml to use Bedrock's own endpoint.`
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
    title: () => 'config.toml uses the legacy profile layout',
    why: () =>
      'Codex >= 0.134 refuses a top-level `profile = "…"` and `[profiles.NAME]` tables; each profile now lives in `~/.codex/NAME.config.toml`.',
    fix: () => 'npx codex-bedrock-setup   (offers the migration, shows the diff, keeps a backup)',
    match: (f) => /legacy profile|\[profiles\./.test(msg(f)),
  },
  {
    id: 'codex-profile-missing',
    symptom: '`codex --profile X` with no `X.config.toml`',
    title: (p) => `Codex profile ${p.codexProfile ?? '<name>'} has no file`,
    why: (p) => `\`codex --profile ${p.codexProfile ?? '<name>'}\` reads ~/.codex/${p.codexProfile ?? '<name>'}.config.toml, which does not exist.`,
    fix: (p) => `npx codex-bedrock-setup --codex-profile ${p.codexProfile ?? '<name>'}`,
  },
  {
    id: 'codex-aws-profile-missing',
    symptom: 'Codex: "failed to load AWS credentials: the credential provider was not enabled"',
    title: (p) => `The Codex config names AWS profile ${prof(p)}, which does not exist`,
    why: () => 'Codex then fails every turn and ignores environment credentials.',
    fix: (p) => `Create it (aws configure sso --profile ${prof(p)}) or re-run npx codex-bedrock-setup to pick an existing profile.`,
  },
  {
    id: 'profile-fails-env-works',
    symptom: 'Exported AWS_* keys work but the profile does not',
    title: (p) => `Profile ${prof(p)} fails while environment credentials work`,
    why: () => 'Codex uses the profile named in its config, not AWS_ACCESS_KEY_ID; the profile is stale or signed out.',
    fix: (p) => `aws sso login --profile ${prof(p)}   (or remove aws.profile from ~/.codex/config.toml to use the default chain)`,
  },
  {
    id: 'web-search-enabled',
    symptom: 'Bedrock profile without `web_search = "disabled"`',
    title: (p) => `Codex profile ${p.codexProfile ?? ''} does not disable web search`.replace('  ', ' '),
    why: () => 'Hosted web search is not available on Bedrock; requests carrying it can fail.',
    fix: (p) => `Add web_search = "disabled" to ~/.codex/${p.codexProfile ?? '<name>'}.config.toml (npx codex-bedrock-setup does it).`,
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
    symptom: '"Amazon Bedrock Mantle does not support region X"',
    title: (p) => `Codex does not accept region ${reg(p)} for Amazon Bedrock`,
    why: () => 'The built-in provider only signs for regions where Mantle runs.',
    fix: () => 'Pick a validated region: npx codex-bedrock-setup --region us-east-1',
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
    title: () => 'The proxy asks for a user name and password (HTTP 407)',
    why: () => 'HTTPS_PROXY names a proxy that requires authentication, and it has no credentials or the wrong ones.',
    fix: () =>
      'Put your proxy user name and password in HTTPS_PROXY before the host, as user:password@proxy:port after http:// (percent-encode special characters: / as %2F, @ as %40), or ask for the proxy settings your company uses.',
    match: (f) => f.status === 407 || f.code === 'PROXY_AUTH_REQUIRED',
    preempt: true,
  },
  {
    id: 'proxy-silent',
    symptom: 'The proxy takes the connection but never opens the tunnel',
    title: () => 'The proxy in HTTPS_PROXY did not answer',
    why: (p) => p.detail ?? 'It accepted the TCP connection but did not answer the CONNECT request in time: it is overloaded, filtering, or not an HTTP proxy.',
    fix: () => 'Check the proxy address and port (echo $HTTPS_PROXY), connect to the VPN, or unset HTTPS_PROXY if you are not behind one.',
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
  return { id: e.id, title: e.title(params), why: e.why(params), fix: e.fix(params) };
}

/** Finds the catalogue entry for a raw failure; the first matching entry wins (order is specificity). */
export function diagnose(failure: Failure, extra: DiagnosisParams = {}): Diagnosis {
  const entry = CATALOGUE.find((e) => e.preempt && e.match?.(failure)) ?? CATALOGUE.find((e) => e.match?.(failure));
  const params: DiagnosisParams = {
    profile: failure.profile,
    region: failure.region,
    model: failure.model,
    ...extra,
    detail: extra.detail ?? (!entry || MESSAGE_IS_DETAIL.has(entry.id) ? oneLine(failure.message) : undefined),
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
    return `| ${cell(e.symptom)} | ${cell(d.why)} | ${cell(d.fix)} |`;
  });
  return ['| Symptom | Why | Fix |', '|---|---|---|', ...rows].join('\n');
}
