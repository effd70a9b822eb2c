// The bench's AWS: the repo's emulator (bundled from src/ so the bench needs no tsx), in proxy mode so the
// built CLI reaches it exactly as it reaches AWS (real hostnames, HTTPS_PROXY, a trusted test CA).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BENCH_PROFILE = 'bench';
export const BENCH_MODEL = 'openai.gpt-5.5';

export async function startWorld(repo) {
  const root = mkdtempSync(join(tmpdir(), 'cbs-bench-'));
  const bundle = join(root, 'emulator.mjs');
  await build({
    entryPoints: { emulator: join(repo, 'src/emulator/index.ts'), reply: join(repo, 'src/emulator/reply.ts') },
    outdir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  const { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } = await import(pathToFileURL(bundle).href);
  const { replyTokens } = await import(pathToFileURL(join(root, 'reply.mjs')).href);
  const emulator = await startEmulator({ proxy: true });

  const home = join(root, 'home');
  const awsDir = join(home, '.aws');
  const codexHome = join(home, '.codex');
  mkdirSync(awsDir, { recursive: true });
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(join(awsDir, 'config'), `[profile ${BENCH_PROFILE}]\nregion = us-east-1\n`, { mode: 0o600 });
  writeFileSync(
    join(awsDir, 'credentials'),
    `[${BENCH_PROFILE}]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n`,
    { mode: 0o600 },
  );
  writeFileSync(join(codexHome, 'config.toml'), `[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\nprofile = "${BENCH_PROFILE}"\n`);
  writeFileSync(join(codexHome, 'bedrock-prod.config.toml'), `model = "${BENCH_MODEL}"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n`);

  // Only this machine's node on PATH: no codex binary, so `models` does not wait on `codex debug models`.
  const env = {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    CODEX_HOME: codexHome,
    AWS_CONFIG_FILE: join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
    AWS_PROFILE: BENCH_PROFILE,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTPS_PROXY: emulator.proxyUrl,
    AWS_CA_BUNDLE: emulator.caPath,
  };
  return {
    emulator,
    env,
    root,
    /** The exact text the emulator streams for this prompt. */
    expectedText: (prompt, model, region, count) => replyTokens(prompt, model, region, count).join(''),
    setDelays(delays, replyTokens) {
      emulator.update({ delays, ...(replyTokens === undefined ? {} : { replyTokens }) });
    },
    async close() {
      await emulator.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
