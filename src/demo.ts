// --demo: the real app against the built-in emulator, in a throwaway home. Nothing of the user's is read or written.
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Demo {
  env: NodeJS.ProcessEnv;
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

export async function startDemo(parentEnv: NodeJS.ProcessEnv): Promise<Demo> {
  const [{ startEmulator, defaultDemoState, DEMO_BEARER_TOKEN }, { latencyKnobs }] = await Promise.all([import('./emulator/index.js'), import('./emulator/knobs.js')]);
  // Distances as from a laptop on the US east coast, so the region screen shows figures that differ, and true to them.
  const state = { ...defaultDemoState(), regionLatencyMs: DEMO_DISTANCE_MS };
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
  Object.assign(env, {
    HOME: root,
    CODEX_HOME: codexHome,
    AWS_CONFIG_FILE: join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
    AWS_PROFILE: DEMO_PROFILE,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The API-key path is part of the rehearsal: the emulator accepts this key (it is no secret).
    AWS_BEARER_TOKEN_BEDROCK: DEMO_BEARER_TOKEN,
  });
  return {
    env,
    emulatorUrl: emulator.url,
    codexHome,
    async close() {
      await emulator.close();
      await rm(root, { recursive: true, force: true });
      process.off('exit', removeNow);
    },
  };
}
