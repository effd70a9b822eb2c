// Every catalogue entry, produced for real (emulator faults, crafted files and env, fake PATH entries
// that are real scripts), and named by `doctor --json` with its fix. One emulator; runs three at a time.
import { join } from 'node:path';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { CODEX, CODEX_VERSION } from './helpers.js';
import { AWS_V2_VERSION, binDir, configuredWorld, doctorJson, doctorOnTerminal, editFile, pool, writeSsoProfile, type DoctorJson } from './doctor.helpers.js';

const AWS_V1 = 'echo "aws-cli/1.45.11 Python/3.11.7 Linux/6 botocore/1.43.11"';
const SECRET = 'emulatorTestSecretKey/DoNotUseInRealAws000';
const IDS = {
  noList: 'AKIAEMULATORNOLIST01',
  only20b: 'AKIAEMULATORONLY20B1',
  expired: 'AKIAEMULATOREXPIRED1',
  noUsWest: 'AKIAEMULATORSCPDENY1',
};

interface Scenario {
  name: string;
  /** Builds the world; returns the env and extra doctor flags. */
  make(): Promise<{ env: NodeJS.ProcessEnv; args?: string[] }>;
  diagnosis: string;
  status?: 'warn' | 'fail';
  fix: RegExp;
  summary?: RegExp;
  why?: RegExp;
  /** Must not appear anywhere in the report (stack frames, secrets). */
  absent?: RegExp;
  /** The check that must carry the diagnosis, where several could. */
  checkId?: string;
}

let emu: Emulator;

const setKeys = (w: { awsCredentials: string }, akid: string, secret = SECRET, profile = 'codex-bedrock') =>
  writeFile(w.awsCredentials, `[${profile}]\naws_access_key_id = ${akid}\naws_secret_access_key = ${secret}\n`);
const prodFile = (w: { codexHome: string }) => join(w.codexHome, 'bedrock-prod.config.toml');
const configFile = (w: { codexHome: string }) => join(w.codexHome, 'config.toml');
const setModel = (w: { codexHome: string }, model: string) => editFile(prodFile(w), (t) => t.replace(/^model = .*$/m, `model = "${model}"`));

/** Codex 0.150+ signs with a configured aws.profile over the bearer token: these worlds configure none. */
async function bearerWorld() {
  const w = await configuredWorld(emu);
  await editFile(configFile(w), (t) => t.replace(/^profile = .*\n/m, ''));
  return w;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'aws CLI missing (PATH without aws)',
    async make() {
      const w = await configuredWorld(emu);
      const bin = await binDir(w.root);
      return { env: { ...w.env, PATH: bin } };
    },
    diagnosis: 'aws-cli-missing',
    status: 'warn',
    fix: /getting-started-install/,
  },
  {
    name: 'aws CLI v1 shadowing v2',
    async make() {
      const w = await configuredWorld(emu);
      const v1 = await binDir(w.root, { scripts: { aws: AWS_V1 } });
      return { env: { ...w.env, PATH: `${v1}:/usr/bin` } };
    },
    diagnosis: 'aws-cli-v1-shadowing',
    status: 'warn',
    summary: /aws CLI 1\.45\.11 at .*bin-\w+\/aws shadows v2 2\.\d+\.\d+ at \/usr\/bin\/aws/,
    fix: /Remove the v1 .*ln -s \/usr\/bin\/aws ~\/bin\/aws/,
  },
  {
    name: 'Codex missing',
    async make() {
      const w = await configuredWorld(emu);
      const bin = await binDir(w.root, { codex: false, scripts: { aws: `echo "${AWS_V2_VERSION}"` } });
      return { env: { ...w.env, PATH: bin } };
    },
    diagnosis: 'codex-missing',
    fix: /npm i -g @openai\/codex@latest/,
  },
  {
    name: 'Codex too old for the built-in provider and profile files',
    async make() {
      const w = await configuredWorld(emu);
      const bin = await binDir(w.root, { codex: false, scripts: { codex: 'echo "codex-cli 0.120.0"', aws: `echo "${AWS_V2_VERSION}"` } });
      return { env: { ...w.env, PATH: bin } };
    },
    diagnosis: 'codex-too-old',
    summary: /Codex 0\.120\.0 .*older than 0\.128\.0/,
    fix: /npm i -g @openai\/codex@latest/,
  },
  {
    name: 'no credentials resolvable (default chain, nothing in it)',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => t.replace(/^profile = .*\n/m, ''));
      await writeFile(w.awsCredentials, '');
      return { env: w.env };
    },
    diagnosis: 'no-credentials',
    fix: /npx codex-bedrock-setup|AWS_PROFILE/,
  },
  {
    name: 'SSO token expired',
    async make() {
      const w = await configuredWorld(emu);
      await writeSsoProfile(w, emu, 'codex-bedrock', -3600_000);
      return { env: w.env };
    },
    diagnosis: 'sso-token-expired',
    fix: /^aws sso login --profile codex-bedrock$/,
  },
  {
    name: 'profile fails while exported environment credentials work',
    async make() {
      const w = await configuredWorld(emu);
      await setKeys(w, 'AKIAEMULATORSTALE001');
      return { env: { ...w.env, AWS_ACCESS_KEY_ID: 'AKIAEMULATORDEMO0001', AWS_SECRET_ACCESS_KEY: 'emulatorDemoSecretKey/DoNotUseInRealAws00' } };
    },
    diagnosis: 'profile-fails-env-works',
    summary: /Profile codex-bedrock fails .* while exported AWS_\* credentials work/,
    // A static-key profile has no sign-in to repeat: fresh keys are its fix.
    fix: /^put fresh access keys into profile codex-bedrock: aws configure --profile codex-bedrock/,
    absent: /aws sso login/,
  },
  {
    name: 'credentials invalid (unknown access key, nothing else)',
    async make() {
      const w = await configuredWorld(emu);
      await setKeys(w, 'AKIAEMULATORSTALE001');
      return { env: w.env };
    },
    diagnosis: 'credentials-invalid',
    fix: /aws configure list --profile codex-bedrock.*put fresh access keys into profile codex-bedrock/,
    absent: /aws sso login/,
  },
  {
    name: 'session credentials expired',
    async make() {
      const w = await configuredWorld(emu);
      await writeFile(w.awsCredentials, `[codex-bedrock]\naws_access_key_id = ${IDS.expired}\naws_secret_access_key = ${SECRET}\naws_session_token = expired-session\n`);
      return { env: w.env };
    },
    diagnosis: 'credentials-expired',
    fix: /^Put fresh access keys into profile codex-bedrock: aws configure --profile codex-bedrock \(or re-run the tool that writes ~\/\.aws\/credentials\)$/,
    absent: /aws sso login/,
  },
  {
    name: 'AWS_PROFILE names a profile that does not exist',
    async make() {
      const w = await configuredWorld(emu);
      return { env: { ...w.env, AWS_PROFILE: 'ghost' } };
    },
    diagnosis: 'aws-profile-not-found',
    status: 'warn',
    summary: /AWS_PROFILE=ghost/,
    fix: /aws configure list-profiles/,
  },
  {
    name: 'AWS_PROFILE names a missing profile and Codex uses the default chain',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => t.replace(/^profile = .*\n/m, ''));
      return { env: { ...w.env, AWS_PROFILE: 'ghost' } };
    },
    diagnosis: 'aws-profile-not-found',
    status: 'fail',
    fix: /unset AWS_PROFILE/,
  },
  {
    name: 'the Codex config names an AWS profile that does not exist',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => t.replace(/^profile = .*$/m, 'profile = "ghost"'));
      return { env: { ...w.env, AWS_ACCESS_KEY_ID: 'AKIAEMULATORDEMO0001', AWS_SECRET_ACCESS_KEY: 'emulatorDemoSecretKey/DoNotUseInRealAws00' } };
    },
    diagnosis: 'codex-aws-profile-missing',
    summary: /AWS profile ghost/,
    fix: /aws configure sso --profile ghost/,
  },
  {
    name: 'legacy profile = … selector',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => `profile = "bedrock-prod"\n${t}`);
      return { env: w.env };
    },
    diagnosis: 'legacy-profile-layout',
    summary: /top-level profile = "bedrock-prod"/,
    fix: /setup migrates it/,
  },
  {
    name: 'legacy [profiles.X] table next to X.config.toml',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => `${t}\n[profiles.bedrock-prod]\nmodel = "openai.gpt-6-luna"\n`);
      return { env: w.env };
    },
    diagnosis: 'legacy-profile-layout',
    summary: /\[profiles\.bedrock-prod\]/,
    fix: /Move its settings into bedrock-prod\.config\.toml/,
  },
  {
    name: '--codex-profile X without X.config.toml',
    async make() {
      const w = await configuredWorld(emu);
      return { env: w.env, args: ['--codex-profile', 'staging'] };
    },
    diagnosis: 'codex-profile-missing',
    fix: /npx codex-bedrock-setup --codex-profile staging/,
  },
  {
    name: 'AccessDenied on ListFoundationModels',
    async make() {
      const w = await configuredWorld(emu);
      await setKeys(w, IDS.noList);
      return { env: w.env };
    },
    diagnosis: 'list-models-denied',
    status: 'warn',
    fix: /npx codex-bedrock-setup policy/,
  },
  {
    name: 'AccessDenied on invoke (model not in the policy)',
    async make() {
      const w = await configuredWorld(emu);
      await setKeys(w, IDS.only20b);
      return { env: w.env };
    },
    diagnosis: 'invoke-denied',
    summary: /openai\.gpt-5\.5 in us-east-1/,
    fix: /npx codex-bedrock-setup policy --region us-east-1 --model openai\.gpt-5\.5/,
  },
  {
    name: 'AccessDenied on invoke (an SCP denies the region)',
    async make() {
      const w = await configuredWorld(emu, { region: 'us-west-2' });
      await setKeys(w, IDS.noUsWest);
      return { env: w.env };
    },
    diagnosis: 'invoke-denied',
    fix: /--region us-west-2 .*if an SCP denies us-west-2, choose an allowed region/,
  },
  {
    name: 'model not offered in the region (says where it is)',
    async make() {
      const w = await configuredWorld(emu, { region: 'us-west-2' });
      await setModel(w, 'openai.gpt-6.1-sol');
      return { env: w.env };
    },
    diagnosis: 'model-not-in-region',
    summary: /openai\.gpt-6\.1-sol is not offered in us-west-2; it is in us-east-1$/,
    fix: /Use a region that has it \(us-east-1\)/,
  },
  {
    name: 'a Bedrock Runtime model id',
    async make() {
      const w = await configuredWorld(emu);
      await setModel(w, 'openai.gpt-5.5-1:0');
      return { env: w.env };
    },
    diagnosis: 'runtime-model-id',
    fix: /openai\.gpt-5\.5"?/,
  },
  {
    name: 'a model Mantle lists but does not serve on the Responses API',
    async make() {
      const w = await configuredWorld(emu, { region: 'eu-west-1' });
      await setModel(w, 'openai.gpt-6-luna');
      return { env: w.env };
    },
    diagnosis: 'model-not-responses',
    fix: /npx codex-bedrock-setup models/,
  },
  {
    name: 'an open-weight model under the built-in provider (Mantle serves it on /v1 only)',
    async make() {
      const w = await configuredWorld(emu);
      await setModel(w, 'openai.gpt-oss-120b');
      return { env: w.env };
    },
    diagnosis: 'open-weight-model-on-openai-surface',
    summary: /openai\.gpt-oss-120b is not served where Codex posts/,
    fix: /openai\.gpt-5\.5 or newer/,
  },
  {
    name: 'web search not disabled on a Bedrock profile, and no smoke check to settle it (model not offered)',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(prodFile(w), (t) => t.replace(/^web_search = .*\n/m, ''));
      await setModel(w, 'openai.gpt-6.2-sol');
      return { env: w.env };
    },
    diagnosis: 'web-search-enabled',
    status: 'warn',
    fix: /web_search = "disabled"/,
  },
  {
    name: 'CODEX_HOME outside the home: the explanation names the file Codex really reads',
    async make() {
      const w = await configuredWorld(emu);
      await mkdir(join(w.root, 'elsewhere'), { recursive: true });
      return { env: { ...w.env, HOME: join(w.root, 'elsewhere') }, args: ['--codex-profile', 'staging'] };
    },
    diagnosis: 'codex-profile-missing',
    fix: /npx codex-bedrock-setup --codex-profile staging/,
    why: /reads \/\S+\/\.codex\/staging\.config\.toml, which does not exist/,
  },
  {
    name: 'wire_api not responses',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => `${t}\n[model_providers.my-bedrock]\nname = "Bedrock via gateway"\nbase_url = "https://bedrock-mantle.us-east-1.api.aws/v1"\nwire_api = "chat"\n`);
      return { env: w.env };
    },
    diagnosis: 'wire-api-not-responses',
    fix: /wire_api = "responses"/,
  },
  {
    name: 'config.toml that does not parse (line and column)',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => `${t}\nregion = [\n`);
      return { env: w.env };
    },
    diagnosis: 'config-parse-error',
    summary: /config\.toml does not parse: line \d+, column \d+/,
    fix: /Fix the line shown in .*config\.toml/,
  },
  {
    name: 'TLS interception without the corporate CA',
    async make() {
      const w = await configuredWorld(emu);
      return { env: { ...w.env, AWS_CA_BUNDLE: undefined, SSL_CERT_FILE: undefined } };
    },
    diagnosis: 'tls-interception',
    fix: /AWS_CA_BUNDLE=.*SSL_CERT_FILE/,
  },
  {
    name: 'CA bundle for Node/aws but not SSL_CERT_FILE (Codex)',
    async make() {
      const w = await configuredWorld(emu);
      return { env: { ...w.env, SSL_CERT_FILE: undefined } };
    },
    diagnosis: 'tls-interception',
    status: 'warn',
    summary: /not SSL_CERT_FILE, which Codex reads/,
    fix: /SSL_CERT_FILE/,
  },
  {
    name: 'proxy unreachable',
    async make() {
      const w = await configuredWorld(emu);
      return { env: { ...w.env, HTTPS_PROXY: 'http://user:hunter2@127.0.0.1:9' } };
    },
    diagnosis: 'proxy-unreachable',
    summary: /The proxy http:\/\/127\.0\.0\.1:9 \(HTTPS_PROXY\) cannot be reached: ECONNREFUSED/,
    fix: /echo \$HTTPS_PROXY/,
  },
  {
    // The emulator's proxy answers 502 to CONNECT for this region, as a proxy does when it cannot resolve or reach the host.
    name: 'the proxy cannot open a tunnel to a Mantle region (502), which is not blamed on the region',
    async make() {
      const w = await configuredWorld(emu, { region: 'ap-northeast-1' });
      return { env: w.env };
    },
    diagnosis: 'proxy-tunnel-refused',
    checkId: 'region',
    summary: /ap-northeast-1.*from HTTPS_PROXY, answered HTTP 502 instead of opening a tunnel to bedrock-mantle\.ap-northeast-1\.api\.aws/,
    fix: /-x "\$HTTPS_PROXY" https:\/\/bedrock-mantle\.ap-northeast-1\.api\.aws\//,
    absent: /Choose a validated region/,
  },
  {
    name: 'throttling (429) after retries',
    async make() {
      const w = await configuredWorld(emu, { region: 'us-east-2' });
      return { env: w.env };
    },
    diagnosis: 'throttled',
    fix: /quota increase for Bedrock in us-east-2/,
  },
  {
    name: 'service errors (5xx) after retries',
    async make() {
      const w = await configuredWorld(emu, { region: 'eu-central-1' });
      return { env: w.env };
    },
    diagnosis: 'service-error',
    fix: /health\.aws\.amazon\.com/,
  },
  {
    name: 'bearer token malformed',
    async make() {
      const w = await bearerWorld();
      return { env: { ...w.env, AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-not-a-real-key' } };
    },
    diagnosis: 'bearer-invalid',
    why: /not recognized/,
    fix: /export AWS_BEARER_TOKEN_BEDROCK=<key>/,
  },
  {
    name: 'bearer token expired',
    async make() {
      const w = await bearerWorld();
      return { env: { ...w.env, AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-expired-emulator' } };
    },
    diagnosis: 'bearer-invalid',
    why: /expired/,
    fix: /export AWS_BEARER_TOKEN_BEDROCK=<key>/,
  },
  {
    name: 'bearer token for another region',
    async make() {
      const w = await bearerWorld();
      return { env: { ...w.env, AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-west-emulator' } };
    },
    diagnosis: 'bearer-invalid',
    why: /issued for region us-west-2 and cannot be used in us-east-1/,
    fix: /for us-east-1/,
  },
  {
    name: 'the answer stream breaks half way',
    async make() {
      const w = await configuredWorld(emu, { region: 'sa-east-1' });
      return { env: w.env };
    },
    diagnosis: 'stream-broken',
    fix: /text\/event-stream/,
  },
  {
    name: 'connection refused: Codex base_url points at a closed local port',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(configFile(w), (t) => `${t}\n[model_providers.amazon-bedrock]\nbase_url = "http://127.0.0.1:9/v1"\n`);
      return { env: w.env };
    },
    diagnosis: 'connection-failed',
    summary: /^http:\/\/127\.0\.0\.1:9\/v1 \(base_url in the Codex config\) is not reachable: ECONNREFUSED$/,
    fix: /Start the service at http:\/\/127\.0\.0\.1:9\/v1, or remove base_url/,
  },
  {
    name: 'bad request (400 ValidationException on the Responses call)',
    async make() {
      const w = await configuredWorld(emu, { region: 'eu-west-2' });
      return { env: w.env };
    },
    diagnosis: 'bad-request',
    summary: /^Bedrock rejected the request as invalid: Invalid value for 'reasoning\.summary'/,
    fix: /npx codex-bedrock-setup models --region eu-west-2/,
  },
  {
    name: 'config.toml is a directory',
    async make() {
      const w = await configuredWorld(emu);
      await rm(configFile(w));
      await mkdir(configFile(w));
      return { env: w.env };
    },
    diagnosis: 'config-file-refused',
    summary: /^The Codex config cannot be read: .*config\.toml is a directory, not a file/,
    why: /Move it aside \(mv /,
    fix: /Follow the reason above/,
  },
  {
    name: 'config.toml is not UTF-8',
    async make() {
      const w = await configuredWorld(emu);
      await writeFile(configFile(w), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
      return { env: w.env };
    },
    diagnosis: 'config-file-refused',
    summary: /^The Codex config cannot be read: .*config\.toml is not valid UTF-8 text/,
    why: /Re-save it as UTF-8/,
    fix: /Follow the reason above/,
  },
  {
    name: 'hosted tool rejected: Codex sends web_search and the emulator refuses it (--with-codex)',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(prodFile(w), (t) => t.replace(/^web_search = .*\n/m, ''));
      return { env: w.env, args: ['--with-codex'] };
    },
    diagnosis: 'hosted-tool-rejected',
    checkId: 'codex-turn',
    summary: /Tool type 'web_search' is not supported/,
    fix: /Add web_search = "disabled" to \S*\/\.codex\/bedrock-prod\.config\.toml/,
  },
  {
    name: 'hosted tool rejected, found by doctor replaying the request the installed Codex sends (no --with-codex)',
    async make() {
      const w = await configuredWorld(emu);
      await editFile(prodFile(w), (t) => t.replace(/^web_search = .*\n/m, ''));
      return { env: w.env };
    },
    diagnosis: 'hosted-tool-rejected',
    checkId: 'smoke',
    summary: /refused a hosted tool/,
    fix: /web_search = "disabled"/,
  },
  {
    name: 'an unexpected failure: the generic entry, first line only, no stack',
    async make() {
      const w = await configuredWorld(emu, { region: 'ap-south-1' });
      return { env: w.env };
    },
    diagnosis: 'unknown',
    summary: /^Unexpected error: The kettle refused the request$/,
    fix: /report the message/,
    absent: /kettle\.js|\n\s+at /,
  },
];

const results = new Map<string, (DoctorJson & { exitCode: number | undefined }) | Error>();

beforeAll(async () => {
  const oss = (models: string[]) => ({ mantleModels: models, foundationModels: models.map((m) => `${m}-1:0`) });
  // Quick answers: these tests are about which failure doctor names, not about latency.
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 }, replyTokens: 3 });
  const arn = (n: string) => `arn:aws:iam::${DEMO_ACCOUNT}:user/${n}`;
  emu.update({
    identities: [
      ...emu.state.identities,
      { accessKeyId: IDS.noList, secretAccessKey: SECRET, arn: arn('nolist'), account: DEMO_ACCOUNT, userId: 'AIDANOLIST', allow: { listFoundationModels: false } },
      { accessKeyId: IDS.only20b, secretAccessKey: SECRET, arn: arn('only20b'), account: DEMO_ACCOUNT, userId: 'AIDAONLY20B', allow: { models: ['openai.gpt-6-luna'] } },
      { accessKeyId: IDS.noUsWest, secretAccessKey: SECRET, arn: arn('scp'), account: DEMO_ACCOUNT, userId: 'AIDASCP', allow: { regions: ['us-east-1'] } },
      { accessKeyId: IDS.expired, secretAccessKey: SECRET, sessionToken: 'expired-session', expiresAt: Date.now() - 3600_000, arn: arn('expired'), account: DEMO_ACCOUNT, userId: 'AIDAEXPIRED' },
    ],
    bearerTokens: [
      ...emu.state.bearerTokens,
      { token: 'bedrock-api-key-expired-emulator', region: 'us-east-1', expiresAt: Date.now() - 60_000, identityArn: emu.state.identities[0].arn },
      { token: 'bedrock-api-key-west-emulator', region: 'us-west-2', identityArn: emu.state.identities[0].arn },
    ],
    regions: {
      // Listed by /v1/models, refused by /openai/v1/responses.
      'eu-west-1': { mantleModels: ['openai.gpt-6-luna', 'openai.gpt-oss-120b'], foundationModels: ['openai.gpt-6-luna-v1:0', 'openai.gpt-oss-120b-1:0'], responsesModels: [] },
      'us-east-2': oss(['openai.gpt-5.5']),
      'eu-central-1': oss(['openai.gpt-5.5']),
      'sa-east-1': oss(['openai.gpt-5.5']),
      'eu-west-2': oss(['openai.gpt-5.5']),
      'ap-south-1': oss(['openai.gpt-5.5']),
    },
    unreachableRegions: ['ap-northeast-1'],
    faults: [
      { service: 'bedrock-mantle', region: 'us-east-2', status: 429, retryAfterSeconds: 0 },
      { service: 'bedrock-mantle', region: 'eu-central-1', status: 503, retryAfterSeconds: 0 },
      { service: 'bedrock-mantle', region: 'sa-east-1', path: '/openai/v1/responses', kind: 'truncate' },
      { service: 'bedrock-mantle', region: 'eu-west-2', path: '/openai/v1/responses', status: 400, errorType: 'ValidationException', message: "Invalid value for 'reasoning.summary': expected one of concise, detailed" },
      // A status no catalogue entry knows, with a server-side stack trace in the message.
      { service: 'bedrock-mantle', region: 'ap-south-1', path: '/openai/v1/responses', status: 418, errorType: 'TeapotException', message: 'The kettle refused the request\n    at brew (/srv/kettle.js:12:7)\n    at main (/srv/kettle.js:40:3)' },
    ],
  });
  const runs = SCENARIOS.map((s) => async () => {
    try {
      const { env, args } = await s.make();
      const r = await doctorJson(env, args);
      results.set(s.name, { ...r.report, exitCode: r.exitCode });
    } catch (e) {
      results.set(s.name, e as Error);
    }
  });
  await pool(runs, 3);
}, 600_000);
afterAll(() => emu?.close());

describe('doctor --json names each catalogue entry with its fix', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const r = results.get(s.name)!;
    if (r instanceof Error) throw r;
    const hit = r.checks.find((c) => c.diagnosis === s.diagnosis && c.status === (s.status ?? 'fail') && (!s.checkId || c.id === s.checkId));
    expect(hit, `no ${s.status ?? 'fail'} check with diagnosis ${s.diagnosis} in:\n${JSON.stringify(r.checks, null, 1)}`).toBeDefined();
    expect(hit!.fix).toMatch(s.fix);
    if (s.summary) expect(hit!.summary).toMatch(s.summary);
    if (s.why) expect(hit!.why).toMatch(s.why);
    expect(r.exitCode).toBe(r.checks.some((c) => c.status === 'fail') ? 1 : 0);
    if ((s.status ?? 'fail') === 'fail') expect(r.ok).toBe(false);
    // Secrets never reach the report.
    expect(JSON.stringify(r)).not.toMatch(/hunter2|DoNotUseInRealAws|bedrock-api-key-/);
    if (s.absent) expect(JSON.stringify(r)).not.toMatch(s.absent);
  });
});

describe('doctor on a healthy setup, and faults that touch the whole emulator', () => {
  it('passes every check and exits 0', async () => {
    const w = await configuredWorld(emu);
    const { exitCode, report } = await doctorJson(w.env);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['codex', 'aws-cli', 'codex-config', 'proxy', 'region', 'credentials', 'control-plane', 'model', 'smoke', 'codex-doctor']));
    expect(report.checks.find((c) => c.id === 'codex-doctor')!.summary).toMatch(new RegExp(`^codex doctor ${CODEX_VERSION.replaceAll('.', '\\.')}: provider`));
    expect(report.checks.find((c) => c.id === 'credential')).toMatchObject({ status: 'pass', summary: 'Codex will use AWS profile `codex-bedrock` (from aws.profile in config.toml)' });
    expect(report).toMatchObject({ codexVersion: CODEX_VERSION, credential: { kind: 'aws-profile', profile: 'codex-bedrock' } });
    expect(report.checks.find((c) => c.id === 'codex-doctor')!.summary).toMatch(/provider amazon-bedrock, model openai\.gpt-5\.5, wire API responses/);
    expect(report).toMatchObject({ ok: true, codexProfile: 'bedrock-prod' });
    expect(exitCode).toBe(0);
  }, 120_000);

  it('reads a profile file that a dotfiles manager links from elsewhere, as Codex does', async () => {
    const w = await configuredWorld(emu);
    const outside = join(w.root, 'dotfiles-bedrock-prod.toml');
    await writeFile(outside, 'model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n');
    await rm(prodFile(w));
    await symlink(outside, prodFile(w));
    const { report } = await doctorJson(w.env);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'model')).toMatchObject({ status: 'pass' });
  }, 120_000);

  it('names clock skew beyond five minutes', async () => {
    const w = await configuredWorld(emu);
    emu.update({ clockSkewMs: 10 * 60_000 });
    try {
      const { exitCode, report } = await doctorJson(w.env);
      const hit = report.checks.find((c) => c.diagnosis === 'clock-skew');
      expect(hit, JSON.stringify(report.checks, null, 1)).toMatchObject({ status: 'fail' });
      expect(hit!.fix).toMatch(/timedatectl set-ntp true/);
      expect(exitCode).toBe(1);
    } finally {
      emu.update({ clockSkewMs: 0 });
    }
  }, 120_000);
});

describe('doctor folds in the real `codex doctor --json`', () => {
  const runs = new Map<string, DoctorJson>();
  beforeAll(async () => {
    const cases: [string, () => Promise<NodeJS.ProcessEnv>][] = [
      [
        'unrecognized',
        async () => {
          const w = await configuredWorld(emu);
          // One key only Codex knows is wrong, one our linter already names: Codex's list must not repeat it.
          await editFile(configFile(w), (t) => `approval_polcy = "never"\n${t.replace('region =', 'regoin = "us-east-1"\nregion =')}`);
          return w.env;
        },
      ],
      [
        'codex doctor fails',
        async () => {
          const w = await configuredWorld(emu);
          // The real Codex, handed a flag it refuses, as a broken or mismatched install would fail.
          const bin = await binDir(w.root, { codex: false, scripts: { aws: `echo "${AWS_V2_VERSION}"`, codex: `if [ "$1" = doctor ]; then exec "${CODEX}" doctor --no-such-flag "$@"; fi\nexec "${CODEX}" "$@"` } });
          return { ...w.env, PATH: bin };
        },
      ],
    ];
    await pool(
      cases.map(([name, make]) => async () => runs.set(name, (await doctorJson(await make())).report)),
      2,
    );
  }, 120_000);

  it('reports the settings Codex ignores, without repeating our own linter', () => {
    const r = runs.get('unrecognized')!;
    const hit = r.checks.find((c) => c.id === 'codex-unrecognized');
    expect(hit, JSON.stringify(r.checks, null, 1)).toMatchObject({ status: 'warn', summary: 'Codex is ignoring 1 unrecognized configuration setting: approval_polcy' });
    expect(hit!.fix).toMatch(/Correct or remove it in .*\/config\.toml/);
    expect(r.checks.find((c) => c.id === 'codex-unknown-aws-key')?.summary).toMatch(/regoin/);
  });

  it('says so in a warning when codex doctor gives no report', () => {
    const r = runs.get('codex doctor fails')!;
    const hit = r.checks.find((c) => c.id === 'codex-doctor');
    expect(hit, JSON.stringify(r.checks, null, 1)).toMatchObject({ status: 'warn' });
    expect(hit!.summary).toMatch(/^codex doctor --json exited 2 without a report: error: unexpected argument '--no-such-flag'/);
    expect(hit!.fix).toMatch(/Run `codex doctor` yourself/);
    expect(JSON.stringify(r)).not.toMatch(/backtrace/i);
    // A warning, not a failure: everything else still passes.
    expect(r.ok).toBe(true);
  });
});

describe('doctor --with-codex: one real `codex exec` turn through the proxy', () => {
  const turnOf = (r: DoctorJson) => r.checks.find((c) => c.id === 'codex-turn');

  it('passes against the emulator with the real Codex CLI', async () => {
    const w = await configuredWorld(emu);
    const { exitCode, report } = await doctorJson(w.env, ['--with-codex']);
    expect(turnOf(report), JSON.stringify(report.checks, null, 1)).toMatchObject({ status: 'pass', summary: 'codex exec --profile bedrock-prod completed a turn' });
    expect(exitCode).toBe(0);
    // The turn really reached Mantle, signed for the configured region.
    expect(emu.requests.some((q) => q.service === 'bedrock-mantle' && q.path.endsWith('/responses') && /codex_exec/.test(q.headers['user-agent'] ?? ''))).toBe(true);
  }, 180_000);

  it('fails with invoke-denied when the emulator denies the model', async () => {
    const w = await configuredWorld(emu);
    await setKeys(w, IDS.only20b);
    const { exitCode, report } = await doctorJson(w.env, ['--with-codex']);
    const turn = turnOf(report);
    expect(turn, JSON.stringify(report.checks, null, 1)).toMatchObject({ status: 'fail', diagnosis: 'invoke-denied' });
    expect(turn!.fix).toMatch(/npx codex-bedrock-setup policy --region us-east-1 --model openai\.gpt-5\.5/);
    expect(turn!.output).toMatch(/403|not authorized/i);
    expect(exitCode).toBe(1);
  }, 180_000);

  it('maps "the credential provider was not enabled" to the missing AWS profile', async () => {
    const w = await configuredWorld(emu);
    await editFile(configFile(w), (t) => t.replace(/^profile = .*$/m, 'profile = "ghost"'));
    const { report } = await doctorJson(w.env, ['--with-codex']);
    const turn = turnOf(report);
    expect(turn, JSON.stringify(report.checks, null, 1)).toMatchObject({ status: 'fail', diagnosis: 'codex-aws-profile-missing' });
    expect(turn!.output).toMatch(/credentials? provider was not/);
  }, 180_000);

  it('maps Codex refusing the legacy layout to the migration', async () => {
    const w = await configuredWorld(emu);
    await editFile(configFile(w), (t) => `${t}\n[profiles.bedrock-prod]\nmodel = "openai.gpt-6-luna"\n`);
    const { report } = await doctorJson(w.env, ['--with-codex']);
    const turn = turnOf(report);
    expect(turn, JSON.stringify(report.checks, null, 1)).toMatchObject({ status: 'fail', diagnosis: 'legacy-profile-layout' });
    expect(turn!.fix).toMatch(/npx codex-bedrock-setup/);
  }, 180_000);
});

describe('the live view on a terminal names the same entries', () => {
  const cases: [string, () => Promise<NodeJS.ProcessEnv>, RegExp[], number][] = [
    ['healthy', async () => (await configuredWorld(emu)).env, [/✓ Signed in as arn:aws:iam::123456789012:user\/demo/, /✓ Streamed a reply/, /All checks passed\./], 0],
    [
      'invoke denied',
      async () => {
        const w = await configuredWorld(emu);
        await setKeys(w, IDS.only20b);
        return w.env;
      },
      [/✗ The identity may not run openai\.gpt-5\.5 in us-east-1/, /Why: Its IAM policy lacks bedrock-mantle:CreateInference/, /Fix: Ask an administrator to attach: npx codex-bedrock-setup policy --region us-east-1 --model openai\.gpt-5\.5/, /1 problem found\./],
      1,
    ],
    [
      'legacy layout',
      async () => {
        const w = await configuredWorld(emu);
        await editFile(configFile(w), (t) => `profile = "bedrock-prod"\n${t}`);
        return w.env;
      },
      [/✗ config\.toml has a top-level profile = "bedrock-prod"/, /Why: Codex >= 0\.134 refuses/, /Fix: Remove it and run codex --profile bedrock-prod/],
      1,
    ],
    [
      'proxy unreachable',
      async () => ({ ...(await configuredWorld(emu)).env, HTTPS_PROXY: 'http://127.0.0.1:9' }),
      [/✗ The proxy http:\/\/127\.0\.0\.1:9 \(HTTPS_PROXY\) cannot be reached/, /Fix: Test the proxy by itself: curl .*-x "\$HTTPS_PROXY"/],
      1,
    ],
    [
      'aws CLI v1 first on PATH',
      async () => {
        const w = await configuredWorld(emu);
        const v1 = await binDir(w.root, { scripts: { aws: AWS_V1 } });
        return { ...w.env, PATH: `${v1}:/usr/bin` };
      },
      [/! aws CLI 1\.45\.11 at .* shadows v2/, /Fix: Remove the v1 .*ln -s \/usr\/bin\/aws ~\/bin\/aws.*would also shadow pyenv/],
      0,
    ],
  ];
  const screens = new Map<string, { exitCode: number; text: string }>();
  beforeAll(async () => {
    await pool(
      cases.map(([name, make]) => async () => screens.set(name, await doctorOnTerminal(await make()))),
      3,
    );
  }, 300_000);

  it.each(cases.map(([name, , expected, code]) => [name, expected, code] as const))('%s', (name, expected, code) => {
    const screen = screens.get(name)!;
    for (const re of expected) expect(screen.text, screen.text).toMatch(re);
    expect(screen.exitCode).toBe(code);
    // A finished view leaves no spinner behind.
    expect(screen.text.slice(screen.text.lastIndexOf('codex-bedrock-setup doctor'))).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });
});

describe('doctor follows the proxy variables Codex follows', () => {
  it('ALL_PROXY instead of HTTPS_PROXY: probed, used, and everything passes', async () => {
    const w = await configuredWorld(emu);
    const { exitCode, report } = await doctorJson({ ...w.env, HTTPS_PROXY: undefined, ALL_PROXY: emu.proxyUrl! });
    expect(report.checks.filter((c) => c.status !== 'pass'), JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'proxy')?.summary).toMatch(/^Proxy http:\/\/127\.0\.0\.1:\d+ \(ALL_PROXY\) accepts connections$/);
    expect(report.checks.find((c) => c.id === 'smoke')).toMatchObject({ status: 'pass' });
    expect(exitCode).toBe(0);
  }, 120_000);

  it('HTTP_PROXY alone: a warning that Codex goes direct, and the checks go direct too (and cannot reach AWS here)', async () => {
    const w = await configuredWorld(emu);
    const before = emu.requests.length;
    const { exitCode, report } = await doctorJson({ ...w.env, HTTPS_PROXY: undefined, HTTP_PROXY: emu.proxyUrl! });
    // Nothing went through the proxy: like Codex, the checks tried AWS directly.
    expect(emu.requests.length).toBe(before);
    expect(report.checks.find((c) => c.id === 'proxy'), JSON.stringify(report.checks, null, 1)).toMatchObject({
      status: 'warn',
      summary: 'HTTP_PROXY is set, but Codex connects to bedrock-mantle.us-east-1.api.aws directly: its HTTPS calls use HTTPS_PROXY or ALL_PROXY only',
      fix: 'If AWS is reachable only through that proxy: export HTTPS_PROXY="$HTTP_PROXY"',
    });
    expect(report.checks.find((c) => c.id === 'smoke')?.status).not.toBe('pass');
    expect(exitCode).toBe(1);
  }, 120_000);
});
