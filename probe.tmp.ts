import { mkdir, writeFile, mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { execa } from 'execa';
import { startEmulator } from '/work/wt-catalogue/src/emulator/index.js';
import { awsFiles, isolatedEnv } from '/work/wt-catalogue/test/emulator/helpers.js';
const CODEX = resolve('/work/wt-catalogue/node_modules/.bin/codex');
const emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 20, interTokenMs: 2 } });
async function run(name: string, config: string, env: Record<string,string> = {}, args: string[] = [], noAws = false) {
  const dir = await mkdtemp(join(tmpdir(), 'probe-'));
  const codexHome = join(dir, 'ch'); const work = join(dir, 'w');
  await mkdir(codexHome); await mkdir(work);
  await writeFile(join(codexHome, 'config.toml'), config);
  const e = isolatedEnv({ ...(noAws ? {AWS_CONFIG_FILE: join(dir,'nocfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir,'nocred')} : await awsFiles(dir)), CODEX_HOME: codexHome, HTTPS_PROXY: emu.proxyUrl!, SSL_CERT_FILE: emu.caPath!, ...env });
  const r = await execa(CODEX, ['exec', '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', ...args, 'say hi'], { cwd: work, env: e, extendEnv: false, reject: false, timeout: 60000, stdin: 'ignore' });
  console.log(`==== ${name} exit=${r.exitCode}\n${(r.stderr + '\n' + r.stdout).split('\n').filter(l => !/^(OpenAI Codex|-----|workdir|model|provider|approval|sandbox|reasoning|session id|user|say hi|$)/.test(l)).slice(-12).join('\n')}`);
}
const base = (m: string, extra = '', aws = 'region = "us-east-1"\n') => `model = "${m}"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n${extra}[model_providers.amazon-bedrock.aws]\n${aws}`;
const which = process.argv.slice(2);
const cases: Record<string, () => Promise<void>> = {
  region: () => run('region', base('openai.gpt-5.5', '', 'region = "us-west-1"\n')),
  noregion: () => run('noregion', base('openai.gpt-5.5', '', '')),
  noregionbearer: () => run('noregionbearer', base('openai.gpt-5.5', '', ''), { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-xyz' }),
  profmissing: () => run('profmissing', base('openai.gpt-5.5', '', 'region = "us-east-1"\nprofile = "nope"\n')),
  nocreds: () => run('nocreds', base('openai.gpt-5.5'), {}, [], true),
  sslmissing: () => run('sslmissing', base('openai.gpt-5.5'), { SSL_CERT_FILE: '/nonexistent/ca.pem' }),
  sslwrong: () => run('sslwrong', base('openai.gpt-5.5'), { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' }),
  oss: () => run('oss', base('openai.gpt-oss-120b')),
  v1: () => run('v1', `model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n[model_providers.amazon-bedrock]\nbase_url = "https://bedrock-mantle.us-east-1.api.aws/v1"\n[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n`),
  noprefix: () => run('noprefix', base('gpt-5.6-sol')),
  bearer: () => run('bearer', base('openai.gpt-5.5'), { AWS_BEARER_TOKEN_BEDROCK: 'sk-placeholder' }),
  wireapi: () => run('wireapi', base('openai.gpt-5.5', '', 'region = "us-east-1"\nwire_api = "responses"\n')),
  badkey: () => run('badkey', base('openai.gpt-5.5', '', 'region = "us-east-1"\n').replace('[model_providers.amazon-bedrock.aws]', '[model_providers.amazon-bedrock]\nname = "x"\n[model_providers.amazon-bedrock.aws]')),
  credexport: () => run('credexport', base('openai.gpt-5.5', '', 'region = "us-east-1"\nprofile = "default"\ncredential_export = { command = "aws", args = ["configure","export-credentials"] }\n')),
  authrefresh: () => run('authrefresh', base('openai.gpt-5.5', '', 'region = "us-east-1"\nauth_refresh = { command = "/usr/bin/aws", args = ["sso","login"] }\n')),
  openaiprov: () => run('openaiprov', `model = "openai.gpt-5.5"\nmodel_provider = "openai"\n`, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-xyz' }),
};
for (const w of which) await cases[w]!();
await emu.close();
