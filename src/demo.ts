// --demo: the real app against the built-in emulator, in a throwaway home. Nothing of the user's is read or written.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoBrowser } from './demoBrowser.js';
import { demoApiKey } from './core/demoApiKey.js';

export interface Demo {
  env: NodeJS.ProcessEnv;
  /**
   * The environment of the aws CLI the IAM Identity Center path hands the terminal to: the emulator's TLS-intercepting
   * proxy and its CA, and the demo's own browser (src/demoBrowser.ts): the demo never contacts AWS.
   */
  awsCliEnv(): Promise<NodeJS.ProcessEnv>;
  /** The IAM Identity Center start URL and region the emulator answers for. */
  sso: { startUrl: string; region: string };
  emulatorUrl: string;
  codexHome: string;
  close(): Promise<void>;
}

export const DEMO_PROFILE = 'demo';

const DEMO_DISTANCE_MS: Record<string, number> = {
  'us-east-1': 8,
  'us-east-2': 18,
  'us-gov-east-1': 16,
  'us-west-2': 64,
  'us-gov-west-1': 68,
  'eu-west-1': 74,
  'eu-west-2': 78,
  'eu-central-1': 88,
  'eu-south-1': 98,
  'eu-north-1': 104,
  'sa-east-1': 118,
  'ap-northeast-1': 148,
  'ap-south-1': 188,
  'ap-southeast-3': 218,
};

/**
 * The bin folder of this project's own node_modules when it holds the Codex CLI (a devDependency): a fresh clone
 * has it, an `npx` install does not. Found from where this code runs, src/ or dist/, one level below the root.
 */
export function devCodexBin(here: string = import.meta.url): string | null {
  const bin = fileURLToPath(new URL('../node_modules/.bin/', here));
  return existsSync(join(bin, 'codex')) ? bin : null;
}

/** PATH with `bin` added last: a Codex the user installed comes first, the devDependency's only without one. */
export function withFallbackBin(path: string | undefined, bin: string | null): string | undefined {
  if (!bin) return path;
  return path ? `${path}${delimiter}${bin}` : bin;
}

/**
 * `apiKeyRegion`: the region whose demo key AWS_BEARER_TOKEN_BEDROCK holds (a command's --region; us-east-1 without
 * one). Every region has its own key, valid there only (core/demoApiKey): the wizard offers the chosen region's.
 */
export async function startDemo(parentEnv: NodeJS.ProcessEnv, opts: { codexBin?: string | null; apiKeyRegion?: string } = {}): Promise<Demo> {
  const [{ startEmulator, defaultDemoState }, { latencyKnobs }] = await Promise.all([import('./emulator/index.js'), import('./emulator/knobs.js')]);
  // Distances as from a laptop on the US east coast, so the region screen shows figures that differ, and true to them.
  const base = defaultDemoState();
  // The sign-in code is approved at the aws CLI's second poll, so the code is on screen for a moment first.
  const state = { ...base, regionLatencyMs: DEMO_DISTANCE_MS, sso: { ...base.sso, approveAfterPolls: 2 }, demoApiKeys: { identityArn: base.identities[0].arn } };
  const emulator = await startEmulator(state);
  // EMULATOR_CALL_MS / EMULATOR_FIRST_TOKEN_MS: a slower world on purpose (the bench's wizard walk-through).
  emulator.update(latencyKnobs([], parentEnv));
  const root = await mkdtemp(join(tmpdir(), 'codex-bedrock-demo-'));
  // The home holds fake credentials: it goes on every way out (Ctrl-C, SIGHUP, EPIPE, a time limit call process.exit).
  const removeNow = () => rmSync(root, { recursive: true, force: true });
  process.once('exit', removeNow);
  const awsDir = join(root, '.aws');
  const codexHome = join(root, '.codex');
  await mkdir(awsDir, { recursive: true });
  await mkdir(codexHome, { recursive: true });
  const id = state.identities[0];
  await writeFile(join(awsDir, 'config'), `[profile ${DEMO_PROFILE}]\nregion = us-east-1\n`, { mode: 0o600 });
  await writeFile(join(awsDir, 'credentials'), `[${DEMO_PROFILE}]\naws_access_key_id = ${id.accessKeyId}\naws_secret_access_key = ${id.secretAccessKey}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...parentEnv };
  // The user's own AWS settings must not leak into the demo world, nor the demo into theirs.
  for (const k of Object.keys(env)) if (/^AWS_/.test(k) || k === 'CODEX_HOME') delete env[k];
  // A first run from a clone should rehearse with a real Codex, not meet "Codex CLI not found".
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const path = withFallbackBin(env[pathKey], opts.codexBin === undefined ? devCodexBin() : opts.codexBin);
  if (path !== undefined) env[pathKey] = path;
  Object.assign(env, {
    HOME: root,
    CODEX_HOME: codexHome,
    AWS_CONFIG_FILE: join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
    AWS_PROFILE: DEMO_PROFILE,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The API-key path is part of the rehearsal: the emulator accepts this key in its region (it is no secret).
    AWS_BEARER_TOKEN_BEDROCK: demoApiKey(opts.apiKeyRegion ?? 'us-east-1'),
  });
  // The AWS SDK finds an IAM Identity Center session's token under the home of process.env, not of the env our
  // services are given: this process is the demo's, so its home is the demo's until the demo closes.
  // Its nested IAM Identity Center clients (role credentials, token refresh) are sent to the emulator by the
  // SDK's own per-service endpoint variables.
  const sdkEnv: Record<string, string> = {
    HOME: root,
    USERPROFILE: root,
    AWS_CONFIG_FILE: env.AWS_CONFIG_FILE!,
    AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE!,
    AWS_ENDPOINT_URL_SSO: `${emulator.url}/portal/${state.sso.region}`,
    AWS_ENDPOINT_URL_SSO_OIDC: `${emulator.url}/oidc/${state.sso.region}`,
  };
  const SDK_VARS = Object.keys(sdkEnv);
  const saved = Object.fromEntries(SDK_VARS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, sdkEnv);
  const restore = () => {
    for (const k of SDK_VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
  const browser = startDemoBrowser(root, emulator.url);
  // The proxy (and its CA's keys, half a second of work) starts when an aws CLI first needs it.
  const awsCliEnv = async (): Promise<NodeJS.ProcessEnv> => {
    const { proxyUrl, caPath } = await emulator.startProxy();
    return {
      ...env,
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      AWS_CA_BUNDLE: caPath,
      // Python's webbrowser runs $BROWSER: the demo's opens the emulator's sign-in page, never AWS's.
      BROWSER: browser.command,
    };
  };
  return {
    env,
    awsCliEnv,
    sso: { startUrl: state.sso.startUrl, region: state.sso.region },
    emulatorUrl: emulator.url,
    codexHome,
    async close() {
      browser.stop();
      restore();
      await emulator.close();
      await rm(root, { recursive: true, force: true });
      process.off('exit', removeNow);
    },
  };
}
