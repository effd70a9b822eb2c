// One writer in the race test: plans its change, waits for the common start, then applies it.
// Prints {"sso":…,"codex":…}: "ok", or the first words of why nothing was written.
import { createConfigService } from '../../src/services/configService.js';

const [, , home, id, startAtRaw] = process.argv;
const env = { HOME: home!, CODEX_HOME: `${home}/.codex`, AWS_CONFIG_FILE: `${home}/.aws/config` };
const svc = createConfigService(env);
const until = async (t: number) => {
  while (Date.now() < t) await new Promise((r) => setTimeout(r, Math.min(5, t - Date.now())));
};

async function attempt(plan: () => Promise<Parameters<typeof svc.applyPlan>[0]>): Promise<string> {
  try {
    const p = await plan();
    await until(Number(startAtRaw));
    await svc.applyPlan(p);
    return 'ok';
  } catch (e) {
    return ((e as { failure?: { message?: string } }).failure?.message ?? String(e)).slice(0, 200);
  }
}

const sso = await attempt(() =>
  svc.planSsoProfile({ profile: `p${id}`, session: `s${id}`, startUrl: 'https://race.awsapps.com/start', ssoRegion: 'us-east-1', region: 'us-east-1', accountId: '123456789012', roleName: `Role${id}` }),
);
const codex = await attempt(() =>
  svc.planCodexConfig({ region: Number(id) % 2 ? 'us-east-1' : 'us-west-2', profiles: [{ name: `c${id}`, model: 'openai.gpt-5.5' }], codexVersion: null }),
);
process.stdout.write(JSON.stringify({ sso, codex }));
