// The catalogue against what the real Codex (node_modules/.bin/codex, 0.171) prints: each case makes Codex
// fail for one reason — its own config checks, or the emulator answering as Mantle does — and diagnoses
// Codex's output as doctor does. Texts Codex 0.171 cannot produce here are in test/core/catalogue.texts.test.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import type { DiagnosisParams } from '../../src/core/diagnosis.js';
import { type Emulator, type EmulatorFault, startEmulator } from '../../src/emulator/index.js';
import { parseCodexVersion } from '../../src/services/tools.js';
import { awsFiles, isolatedEnv, tempDir } from './helpers.js';

const CODEX = resolve('node_modules/.bin/codex');
let emu: Emulator;
let codexVersion: string;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 10, interTokenMs: 1 } });
  codexVersion = parseCodexVersion((await execa(CODEX, ['--version'])).stdout)!;
});
afterEach(() => emu.update({ faults: [], clockSkewMs: 0 }));
afterAll(() => emu.close());

interface Run {
  /** Lines under [model_providers.amazon-bedrock.aws]. */
  aws?: string;
  /** Lines under [model_providers.amazon-bedrock]. */
  provider?: string;
  model?: string;
  env?: Record<string, string>;
  /** ~/.aws/config without a region; true = no AWS files at all. */
  awsRegion?: string | null;
  noAwsFiles?: boolean;
}

async function codexFails(r: Run): Promise<string> {
  const dir = await tempDir('codex-texts-');
  const codexHome = join(dir, 'codex-home');
  const work = join(dir, 'work');
  await mkdir(codexHome);
  await mkdir(work);
  const provider = r.provider ? `[model_providers.amazon-bedrock]\n${r.provider}\n` : '';
  await writeFile(
    join(codexHome, 'config.toml'),
    `model = "${r.model ?? 'openai.gpt-5.5'}"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n${provider}[model_providers.amazon-bedrock.aws]\n${r.aws ?? 'region = "us-east-1"'}\n`,
  );
  const files = r.noAwsFiles ? { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') } : await awsFiles(dir);
  if (r.awsRegion === null) await writeFile(files.AWS_CONFIG_FILE, '[default]\n');
  const env = isolatedEnv({ ...files, CODEX_HOME: codexHome, HTTPS_PROXY: emu.proxyUrl!, SSL_CERT_FILE: emu.caPath!, ...r.env });
  const res = await execa(CODEX, ['exec', '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', 'say hi'], {
    cwd: work, env, extendEnv: false, reject: false, timeout: 90_000, stdin: 'ignore',
  });
  return `${res.stderr}\n${res.stdout}`;
}

const params = (extra: DiagnosisParams = {}): DiagnosisParams => ({ region: 'us-east-1', codexProfile: 'bedrock-prod', codexVersion, ...extra });
const fault = (f: EmulatorFault) => emu.update({ faults: [{ service: 'bedrock-mantle', path: '/openai/v1/responses', ...f }] });
const T = { timeout: 120_000 };

describe("Codex's own refusals (no request is sent)", () => {
  it('a region outside the allow-list: the 0.150+ wording', T, async () => {
    const out = await codexFails({ aws: 'region = "us-west-1"' });
    expect(out).toContain('Amazon Bedrock does not support region `us-west-1`');
    const d = diagnoseCodexOutput(out, params({ region: 'us-west-1' }));
    expect(d).toMatchObject({ id: 'region-not-supported-by-codex', title: 'Codex does not accept region us-west-1 for Amazon Bedrock' });
    expect(d.fix).toContain('--region us-east-1');
  });

  it('bearer auth with no region anywhere', T, async () => {
    const out = await codexFails({ aws: '', awsRegion: null, env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-placeholder' } });
    expect(out).toContain('Amazon Bedrock bearer token auth requires `model_providers.amazon-bedrock.aws.region`, `AWS_REGION`, or `AWS_DEFAULT_REGION`');
    const d = diagnoseCodexOutput(out, params({ region: undefined }));
    expect(d.id).toBe('codex-no-region');
    expect(d.fix).toMatch(/writes aws\.region\), or export AWS_REGION=us-east-1/);
  });

  it('SigV4 with no region anywhere', T, async () => {
    const out = await codexFails({ aws: '', awsRegion: null });
    expect(out).toMatch(/did not resolve a region|requires .*AWS_REGION/);
    expect(diagnoseCodexOutput(out, params({ region: undefined })).id).toBe('codex-no-region');
  });

  it('a provider key Codex forbids', T, async () => {
    const out = await codexFails({ provider: 'name = "x"' });
    expect(out).toContain('model_providers.amazon-bedrock only supports changing');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('provider-key-refused');
    expect(d.fix).toMatch(/^Remove the key named in Codex's message/);
  });

  it('aws.credential_export beside aws.profile', T, async () => {
    const out = await codexFails({ aws: 'region = "us-east-1"\nprofile = "default"\ncredential_export = { command = "aws", args = ["configure", "export-credentials"] }' });
    expect(out).toContain('provider aws.credential_export cannot be combined with aws.profile');
    expect(diagnoseCodexOutput(out, params()).id).toBe('credential-export-conflict');
  });

  it('aws.auth_refresh with a path as the command', T, async () => {
    const out = await codexFails({ aws: 'region = "us-east-1"\nauth_refresh = { command = "/usr/bin/aws", args = ["sso", "login"] }' });
    expect(out).toContain('provider aws.auth_refresh.command must be `aws`');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('auth-refresh-command');
    expect(d.fix).toContain('command = "aws"');
  });

  it('wire_api under .aws is only a warning: the turn still completes', T, async () => {
    const out = await codexFails({ aws: 'region = "us-east-1"\nwire_api = "responses"' });
    expect(out).toContain('`model_providers.amazon-bedrock.aws.wire_api` is ignored');
    expect(out).toContain('answering from the Bedrock emulator');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('aws-wire-api-ignored');
    expect(d.title).toContain('harmless');
  });
});

describe('credentials, as Codex reports them', () => {
  it('aws.profile names a missing profile', T, async () => {
    const out = await codexFails({ aws: 'region = "us-east-1"\nprofile = "nope"' });
    expect(out).toMatch(/failed to load AWS credentials: the credentials? provider was not (enabled|properly configured)/);
    const d = diagnoseCodexOutput(out, params({ profile: 'nope' }));
    expect(d.id).toBe('codex-aws-profile-missing');
    expect(d.fix).toContain('aws configure sso --profile nope');
  });

  it('no profile and nothing in the default chain: Codex hides the reason', T, async () => {
    const out = await codexFails({ noAwsFiles: true });
    expect(out).toContain('failed to load AWS credentials: an error occurred while loading credentials');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('codex-credentials-failed');
    expect(d.fix).toMatch(/npx codex-bedrock-setup writes aws\.profile/);
  });

  it('a clock ten minutes off: Codex says the signature expired', T, async () => {
    emu.update({ clockSkewMs: 10 * 60_000 });
    const out = await codexFails({});
    expect(out).toContain('Amazon Bedrock rejected the request because its AWS signature has expired. Refresh your AWS credentials and retry. If `AWS_BEARER_TOKEN_BEDROCK` is set, update or unset it');
    const d = diagnoseCodexOutput(out, params({ profile: 'default' }));
    expect(d.id).toBe('signature-expired');
    expect(d.fix).toMatch(/aws sso login --profile default.*AWS_BEARER_TOKEN_BEDROCK.*sync the clock/);
  });

  it('something other than a Bedrock key as the bearer', T, async () => {
    fault({ status: 401, errorType: 'invalid_api_key', message: 'Invalid bearer token' });
    const out = await codexFails({ env: { AWS_BEARER_TOKEN_BEDROCK: 'sk-placeholder' } });
    expect(out).toContain('Invalid bearer token');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('bearer-not-bedrock-key');
    expect(d.fix).toMatch(/unset AWS_BEARER_TOKEN_BEDROCK/);
  });

  it('a policy limited to another model: the background models are named', T, async () => {
    emu.state.identities[0]!.allow = { models: ['openai.gpt-6-luna'] };
    try {
      const out = await codexFails({});
      expect(out).toContain('is not authorized to perform: bedrock-mantle:CreateInference');
      const d = diagnoseCodexOutput(out, params({ model: 'openai.gpt-5.5' }));
      expect(d.id).toBe('invoke-denied');
      expect(d.fix).toContain('--model openai.gpt-5.5 --model openai.gpt-5.6-luna --model openai.gpt-5.6-terra');
    } finally {
      delete emu.state.identities[0]!.allow;
    }
  });

  it('an organisation SCP denies the region', T, async () => {
    fault({ status: 403, errorType: 'AccessDeniedException', message: 'User: arn:aws:iam::123456789012:user/demo is not authorized to perform: bedrock-mantle:CreateInference on resource: arn:aws:bedrock-mantle:us-east-1:123456789012:project/default with an explicit deny in a service control policy' });
    const out = await codexFails({});
    const d = diagnoseCodexOutput(out, params());
    expect(d).toMatchObject({ id: 'region-denied-by-scp', title: 'Your organisation blocks Bedrock in us-east-1' });
    expect(d.fix).toContain('--region us-west-2');
  });
});

describe('server faults', () => {
  it('a Mantle 500 "Internal server error": Codex 0.171 retries, then speaks of high demand', T, async () => {
    fault({ status: 500, errorType: 'InternalServerException', message: 'Internal server error' });
    const out = await codexFails({});
    expect(out).toContain('experiencing high demand, which may cause temporary errors');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('internal-server-error');
    expect(d.fix).toContain('codex resume --last');
  });
});

describe('certificates', () => {
  it('SSL_CERT_FILE naming a missing file: Codex 0.171 only says the connection failed', T, async () => {
    const out = await codexFails({ env: { SSL_CERT_FILE: '/nonexistent/corp-ca.pem' } });
    expect(out).toContain('Connection failed: error sending request');
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('codex-connection-failed');
    expect(d.fix).toMatch(/unset SSL_CERT_FILE or point it at a PEM bundle that exists/);
  });
});

describe('models and surfaces: the emulator answers as Mantle', () => {
  it('gpt-oss through the built-in provider hits /openai/v1, where Mantle does not serve it', T, async () => {
    const before = emu.requests.length;
    const out = await codexFails({ model: 'openai.gpt-oss-120b' });
    expect(out).toContain("model `openai.gpt-oss-120b` isn't supported on this route");
    expect(emu.requests.slice(before).some((q) => q.path === '/openai/v1/responses' && q.status === 404)).toBe(true);
    const d = diagnoseCodexOutput(out, params({ model: 'openai.gpt-oss-120b' }));
    expect(d.id).toBe('open-weight-model-on-openai-surface');
    expect(d.fix).toContain('openai.gpt-5.5 or newer');
  });

  it('a base_url ending in /v1 posts GPT-5.x to the open-weight surface', T, async () => {
    const out = await codexFails({ provider: 'base_url = "https://bedrock-mantle.us-east-1.api.aws/v1"' });
    expect(out).toContain("The model does not support the '/v1/responses' API");
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('wrong-mantle-path');
    expect(d.fix).toMatch(/^Remove base_url/);
  });

  it('an OpenAI id without the openai. prefix', T, async () => {
    const out = await codexFails({ model: 'gpt-5.6-sol' });
    expect(out).toContain("The model 'gpt-5.6-sol' does not exist");
    const d = diagnoseCodexOutput(out, params({ model: 'gpt-5.6-sol' }));
    expect(d.id).toBe('model-id-without-prefix');
    expect(d.fix).toContain('model = "openai.gpt-5.6-sol"');
  });
});

describe("the request shape, refused with each reported message", () => {
  it("Invalid 'input' with Codex 0.171: the additional_tools item, and its fix", T, async () => {
    fault({ status: 400, errorType: 'ValidationException', message: "Invalid 'input': value did not match any expected variant" });
    const out = await codexFails({});
    expect(out).toContain("Invalid 'input': value did not match any expected variant");
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('invalid-input-item');
    expect(d.why).toContain(`Codex ${codexVersion} sends its tools in an \`additional_tools\` input item`);
    expect(d.fix).toMatch(/incremental_tools_legacy = false to ~\/\.codex\/bedrock-prod\.config\.toml.*new thread/);
  });

  it("the 'functions' namespace collides", T, async () => {
    fault({ status: 400, errorType: 'ValidationException', message: "User-defined namespace 'functions' collides with an existing tool namespace" });
    const out = await codexFails({});
    const d = diagnoseCodexOutput(out, params());
    expect(d).toMatchObject({ id: 'tool-namespace-collides', title: "The endpoint reserves a tool namespace Codex uses ('functions')" });
  });

  it('an unknown tool type', T, async () => {
    fault({ status: 400, errorType: 'ValidationException', message: 'Invalid tools: unknown variant `custom`, expected `function`' });
    const out = await codexFails({});
    expect(diagnoseCodexOutput(out, params()).id).toBe('tool-type-unknown');
  });

  it('a prompt longer than the context window', T, async () => {
    fault({ status: 400, errorType: 'ValidationException', message: 'prompt tokens (280513) exceed model maximum (272000)' });
    const out = await codexFails({});
    const d = diagnoseCodexOutput(out, params());
    expect(d.id).toBe('context-window-exceeded');
    expect(d.fix).toMatch(/\/compact/);
  });
});
