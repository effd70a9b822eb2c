// Every catalogue row of issue 16 (and the issue-10 catalogue items), fed the exact text users reported.
// The same texts are produced by the real Codex 0.171 against the emulator where this machine can
// (test/emulator/codexTexts.test.ts); the rows below are the ones it cannot, or the service's words.
import { describe, expect, it } from 'vitest';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import { clockSkewOf, diagnose, explain } from '../../src/core/diagnosis.js';
import type { Failure } from '../../src/types.js';

const mantle = (status: number | undefined, message: string, extra: Partial<Failure> = {}): Failure => ({
  kind: 'http',
  ...(status !== undefined ? { status } : {}),
  service: 'bedrock-mantle',
  region: 'us-east-1',
  message,
  ...extra,
});
const p = { region: 'us-east-1', codexProfile: 'bedrock-prod' };

describe('open-weight models and the Mantle surfaces', () => {
  it.each([
    ['404', mantle(404, "model `openai.gpt-oss-120b` isn't supported on this route", { model: 'openai.gpt-oss-120b' })],
    ["'/openai/v1/responses' API", mantle(404, "The model 'openai.gpt-oss-20b' does not support the '/openai/v1/responses' API", { model: 'openai.gpt-oss-20b' })],
    ['401 not enabled', mantle(401, 'Model openai.gpt-oss-120b is not enabled for this account', { model: 'openai.gpt-oss-120b' })],
  ])('%s with gpt-oss → open-weight-model-on-openai-surface, use openai.gpt-5.x', (_, f) => {
    const d = diagnose(f, p);
    expect(d.id).toBe('open-weight-model-on-openai-surface');
    expect(d.why).toMatch(/\/v1 surface.*always posts to \/openai\/v1/);
    expect(d.fix).toMatch(/openai\.gpt-5\.5 or newer in ~\/\.codex\/bedrock-prod\.config\.toml/);
  });

  it('a 401 "not enabled" for a proprietary model is not blamed on the surface', () => {
    expect(diagnose(mantle(401, 'Model openai.gpt-5.5 is not enabled for this account', { model: 'openai.gpt-5.5' })).id).not.toBe('open-weight-model-on-openai-surface');
  });

  it("GPT-5.x on /v1: the quotes no longer break the match; the fix is the path, and Codex >= 0.128", () => {
    const d = diagnose(mantle(400, "The model does not support the '/v1/responses' API", { model: 'openai.gpt-5.5' }));
    expect(d.id).toBe('wrong-mantle-path');
    expect(d.fix).toMatch(/Remove base_url.*end in \/openai\/v1.*older than 0\.128/);
  });

  it('a bare OpenAI id gets its own entry, before the region one', () => {
    const d = diagnose(mantle(404, "The model 'gpt-5.6-sol' does not exist", { model: 'openai.gpt-5.5' }), p);
    expect(d.id).toBe('model-id-without-prefix');
    expect(d.fix).toBe('Use model = "openai.gpt-5.6-sol" in ~/.codex/bedrock-prod.config.toml (and pick openai.* ids in Codex\'s /model picker), then start a new thread.');
    expect(diagnose(mantle(404, "The model 'openai.gpt-6.1-sol' does not exist or you do not have access to it.", { model: 'openai.gpt-6.1-sol' })).id).toBe('model-not-in-region');
  });
});

describe('request shape: items, namespaces and tool types', () => {
  const text = "ERROR: unexpected status 400 Bad Request: Invalid 'input': value did not match any expected variant";
  it.each([
    ['0.148.0', /sub-agent items.*fixed in Codex 0\.150/, /npm i -g @openai\/codex@latest \(or pin 0\.146\), then start a new thread/],
    ['0.171.0', /additional_tools/, /\[features\] incremental_tools_legacy = false to ~\/\.codex\/bedrock-prod\.config\.toml.*start a new thread/],
    [undefined, /0\.147–0\.149.*0\.171/, /Codex 0\.147–0\.149: .*Codex 0\.171: .*start a new thread/],
  ])("Invalid 'input' with Codex %s explains that version", (codexVersion, why, fix) => {
    const d = diagnoseCodexOutput(text, { ...p, ...(codexVersion ? { codexVersion } : {}) });
    expect(d.id).toBe('invalid-input-item');
    expect(d.why).toMatch(why);
    expect(d.why).toContain("stays in the thread's history");
    expect(d.fix).toMatch(fix);
  });

  it.each(['functions', 'web'])("namespace '%s' collides → a version mismatch, with a fix for each", (ns) => {
    const d = diagnose(mantle(400, `User-defined namespace '${ns}' collides with an existing tool namespace`), p);
    expect(d.id).toBe('tool-namespace-collides');
    expect(d.title).toContain(`('${ns}')`);
    expect(d.fix).toMatch(/'functions'\): add \[features\] incremental_tools_legacy = false.*'web': set web_search = "disabled".*update the gateway/);
  });

  it.each(['Invalid tools: unknown variant `custom`, expected one of `function`, `mcp`', "Invalid 'tools': unknown variant `namespace`, expected `function`"])('%s → the cause is named', (m) => {
    const d = diagnose(mantle(400, m));
    expect(d.id).toBe('tool-type-unknown');
    expect(d.why).toMatch(/`custom` for apply_patch, `namespace` for grouped tools/);
  });
});

describe('context, streams and transient faults', () => {
  it.each([
    mantle(400, 'prompt tokens (280513) exceed model maximum (272000)'),
    { kind: 'process', service: 'codex', message: "Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying." } as Failure,
  ])('context window → /compact or a new thread', (f) => {
    const d = diagnose(f);
    expect(d.id).toBe('context-window-exceeded');
    expect(d.fix).toMatch(/\/compact.*new thread/);
  });

  it('response.failed with server_error is server-side, not proxy buffering', () => {
    const ours = diagnose({ kind: 'stream', code: 'RESPONSE_FAILED', errorType: 'server_error', message: 'An error occurred while processing your request.', service: 'bedrock-mantle' });
    const codex = diagnoseCodexOutput('ERROR: stream disconnected - retrying sampling request (1/5 in 211ms)...\nresponse.failed: server_error', p);
    for (const d of [ours, codex]) {
      expect(d.id).toBe('stream-server-error');
      expect(d.fix).toMatch(/Suspect a proxy only if a plain request .* reproduces it/);
    }
    expect(diagnose({ kind: 'stream', code: 'STREAM_TRUNCATED', message: 'The stream ended before response.completed.' }).id).toBe('stream-broken');
  });

  it('"Internal server error" with no status is a transient fault: retry or resume', () => {
    const d = diagnose({ kind: 'process', service: 'codex', message: '{"message":"Internal server error"}' });
    expect(d.id).toBe('internal-server-error');
    expect(d.fix).toContain('codex resume --last');
  });
});

describe('signature expired: credentials or clock, decided by the server Date', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  const expired = (serverOffsetMs: number | null): Failure =>
    mantle(401, 'Signature expired: 20261201T115000Z is now earlier than 20261201T115500Z (20261201T120000Z - 5 min.)', {
      profile: 'dev',
      ...(serverOffsetMs !== null ? { serverDate: new Date(now + serverOffsetMs).toUTCString(), receivedAt: now } : {}),
    });

  it('the clocks agree: expired credentials; sign in again, or a new key', () => {
    const d = diagnose(expired(2000));
    expect(d.id).toBe('signature-expired');
    expect(d.why).toContain('not clock skew');
    expect(d.fix).toMatch(/aws sso login --profile dev.*create a new one and export AWS_BEARER_TOKEN_BEDROCK/);
  });

  it('the server is ten minutes ahead: clock skew', () => {
    const f = expired(10 * 60_000);
    expect(clockSkewOf(f)).toBe(10 * 60_000);
    const d = diagnose(f);
    expect(d.id).toBe('clock-skew');
    expect(d.title).toContain('10 minutes behind');
  });

  it("no Date (Codex's words from 0.143): one entry that names both causes, not bearer-invalid", () => {
    const d = diagnoseCodexOutput(
      'ERROR: unexpected status 401 Unauthorized: Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and try again. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it.',
      { ...p, profile: 'dev' },
    );
    expect(d.id).toBe('signature-expired');
    expect(d.fix).toMatch(/aws sso login --profile dev.*sync the clock/);
  });
});

describe('auth texts', () => {
  it.each([
    mantle(401, 'Invalid bearer token', { errorType: 'invalid_api_key' }),
    mantle(401, 'Invalid API Key format: Must start with pre-defined prefix'),
  ])('a bearer that is not a Bedrock key → use the amazon-bedrock provider, unset the variable to use the profile', (f) => {
    const d = diagnose(f, p);
    expect(d.id).toBe('bearer-not-bedrock-key');
    expect(d.fix).toMatch(/model_provider = "amazon-bedrock".*unset AWS_BEARER_TOKEN_BEDROCK to sign with the AWS profile/);
  });

  it('the old "missing bedrock-api-key prefix" is the region problem of older Codex', () => {
    const d = diagnoseCodexOutput('Error: bearer token is invalid: missing bedrock-api-key prefix', p);
    expect(d.id).toBe('codex-no-region');
    expect(d.fix).toMatch(/aws\.region.*AWS_REGION.*npm i -g @openai\/codex@latest/);
  });

  it('"a non-recoverable error occurred" hides an expired SSO sign-in: log in, and aws.auth_refresh from 0.149', () => {
    const d = diagnoseCodexOutput('ERROR: failed to load AWS credentials: a non-recoverable error occurred while loading credentials', { ...p, profile: 'codex-bedrock' });
    expect(d.id).toBe('codex-credentials-failed');
    expect(d.fix).toMatch(/^aws sso login --profile codex-bedrock; with Codex >= 0\.149, aws\.auth_refresh/);
  });

  it('GetRoleCredentials "No access" → fix the role or the account, not "log in again"', () => {
    const d = diagnose({ kind: 'process', service: 'aws-cli', profile: 'dev', message: 'An error occurred (ForbiddenException) when calling the GetRoleCredentials operation: No access' });
    expect(d.id).toBe('sso-role-no-access');
    expect(d.fix).toMatch(/sso_account_id \/ sso_role_name/);
  });

  it('an MCP server without credentials → pass its env', () => {
    const d = diagnoseCodexOutput('MCP client for `aws-docs` failed to start: CredentialsProviderError: Could not load credentials from any providers', p);
    expect(d.id).toBe('mcp-server-no-credentials');
    expect(d.fix).toMatch(/env = \{ AWS_PROFILE = .*AWS_REGION/);
  });

  it('a model-restricted policy names the background models, and `policy` gets them', () => {
    const d = diagnose(mantle(403, 'User: arn:aws:sts::1:assumed-role/Dev/x is not authorized to perform: bedrock-mantle:CreateInference on resource: arn:aws:bedrock-mantle:us-east-1:1:project/default', { model: 'openai.gpt-5.5' }));
    expect(d.id).toBe('invoke-denied');
    expect(d.why).toContain('openai.gpt-5.6-luna, openai.gpt-5.6-terra; older Codex: openai.gpt-5.4');
    expect(d.fix).toMatch(/^Ask an administrator to attach: npx codex-bedrock-setup policy --region us-east-1 --model openai\.gpt-5\.5 --model openai\.gpt-5\.6-luna --model openai\.gpt-5\.6-terra /);
  });

  it('an SCP deny names the blocked region and suggests an allowed one', () => {
    const d = diagnose(mantle(403, 'User: arn:aws:iam::1:user/x is not authorized to perform: bedrock-mantle:CreateInference on resource: arn:aws:bedrock-mantle:eu-west-1:1:project/default with an explicit deny in a service control policy', { region: 'eu-west-1' }));
    expect(d.id).toBe('region-denied-by-scp');
    expect(d.title).toBe('Your organisation blocks Bedrock in eu-west-1');
    expect(d.fix).toContain('--region us-east-1');
  });
});

describe('certificates', () => {
  it.each([
    'ERROR: error sending request: client error (Connect): invalid peer certificate: UnknownIssuer',
    'Error: Failed to read CA certificate file /etc/old/corp.pem selected by SSL_CERT_FILE: No such file or directory (os error 2)',
  ])('%s → check SSL_CERT_FILE, do not tell the user to set it', (out) => {
    const d = diagnoseCodexOutput(out, p);
    expect(d.id).toBe('ssl-cert-file-stale');
    expect(d.fix).toMatch(/unset SSL_CERT_FILE.*0\.151–0\.153.*aws\.credential_export or a Bedrock API key/);
    expect(d.why).toContain('CODEX_CA_CERTIFICATE');
  });
});

describe('Codex texts from the facts files that had no entry', () => {
  it.each([
    ['Error: Bedrock API key auth is only supported by the Amazon Bedrock model provider', 'bedrock-key-wrong-provider', /model_provider = "amazon-bedrock"/],
    ['Error: Amazon Bedrock is configured to use `aws.credential_export`. Please clear this setting to use Codex-managed credentials.', 'credential-export-conflict', /Remove one of them/],
    ['Error: Codex-managed Bedrock credentials are already configured and take priority over AWS environment credentials', 'codex-managed-credentials', /codex logout/],
    ['Error: config profile `bedrock-prod` not found', 'codex-too-old', /npm i -g @openai\/codex@latest/],
    ['Amazon Bedrock Mantle does not support region us-west-1', 'region-not-supported-by-codex', /--region us-east-1/],
    ['No AWS credentials found. Please Configure AWS credentials or complete AWS sign-in, then try again.', 'no-credentials', /npx codex-bedrock-setup/],
  ])('%s', (out, id, fix) => {
    const d = diagnoseCodexOutput(out, p);
    expect(d.id).toBe(id);
    expect(d.fix).toMatch(fix);
  });
});

describe('web search on Mantle', () => {
  it('is not explained as "Bedrock does not run hosted tools": AWS and OpenAI document hosted web search on Mantle', () => {
    const d = diagnose(mantle(400, "Tool type 'web_search' is not supported on this endpoint."), p);
    expect(d.id).toBe('hosted-tool-rejected');
    expect(d.why).toContain('Mantle documents hosted web search');
    expect(d.fix).toMatch(/web_search = "disabled" to ~\/\.codex\/bedrock-prod\.config\.toml.*probes the endpoint/);
    for (const text of [d.why, explainWhy('web-search-enabled')]) expect(text).not.toMatch(/does not run hosted tools|not available on Bedrock/);
  });
});

function explainWhy(id: string): string {
  return explain(id).why;
}

describe('"the credential provider was not enabled": a missing profile, or an empty default chain', () => {
  const out = 'ERROR: stream disconnected before completion: failed to load AWS credentials: the credential provider was not enabled';
  it('with aws.profile or AWS_PROFILE named: the profile does not exist', () => {
    const d = diagnoseCodexOutput(out, { ...p, profile: 'ghost' });
    expect(d.id).toBe('codex-aws-profile-missing');
    expect(d.fix).toContain('aws configure sso --profile ghost');
  });
  it('with no profile named: the default chain found nothing, not "profile not found"', () => {
    const d = diagnoseCodexOutput(out, p);
    expect(d.id).toBe('codex-credential-chain-empty');
    expect(d.fix).toMatch(/writes aws\.profile for Codex\), or export AWS_PROFILE=<profile>/);
    expect(`${d.title} ${d.why}`).not.toMatch(/does not exist/);
  });
});

describe('version-dependent fixes', () => {
  it('offers aws.auth_refresh only where the installed Codex has it (0.149+)', () => {
    const out = 'ERROR: failed to load AWS credentials: an error occurred while loading credentials';
    expect(diagnoseCodexOutput(out, { ...p, profile: 'dev', codexVersion: '0.148.0' }).fix).toBe('aws sso login --profile dev; Codex >= 0.149 can sign in again by itself (aws.auth_refresh): npm i -g @openai/codex@latest.');
    expect(diagnoseCodexOutput(out, { ...p, profile: 'dev', codexVersion: '0.171.0' }).fix).toMatch(/aws\.auth_refresh lets Codex sign in again by itself/);
  });
});
