import { startEmulator } from '/work/main/src/emulator/index.js';
import { makeWorld, runCli } from '/work/main/test/e2e/helpers.js';
process.chdir('/work/main');
const emu = await startEmulator({ proxy: true });
const w = await makeWorld(emu);
const s = await runCli(['setup','--yes','--region','us-east-1','--auth','profile','--aws-profile','codex-bedrock','--model','openai.gpt-oss-120b','--skip-smoke-test'], w.env);
console.log('setup', s.exitCode, s.stderr.slice(0,500));
const show = async (name: string, env = w.env, args: string[] = []) => {
  const t = Date.now();
  const r = await runCli(['doctor','--json',...args], env);
  let j: any; try { j = JSON.parse(r.stdout); } catch { console.log(name, 'BAD', r.stdout, r.stderr); return; }
  console.log(`== ${name} exit=${r.exitCode} ${Date.now()-t}ms`);
  for (const c of j.checks) console.log(`  ${c.status} ${c.id} [${c.diagnosis ?? ''}] ${c.summary}`);
};
await show('baseline');
emu.update({ clockSkewMs: 10*60_000 }); await show('skew'); emu.update({ clockSkewMs: 0 });
await show('no-ca', { ...w.env, AWS_CA_BUNDLE: undefined });
await show('proxy9', { ...w.env, HTTPS_PROXY: 'http://127.0.0.1:9' });
emu.update({ faults: [{ service: 'bedrock-mantle', status: 429 }] }); await show('429'); 
emu.update({ faults: [{ service: 'bedrock-mantle', status: 503 }] }); await show('503'); emu.update({ faults: [] });
await show('bearer-bad', { ...w.env, AWS_BEARER_TOKEN_BEDROCK: 'garbage' });
await show('awsprofile', { ...w.env, AWS_PROFILE: 'nope' });
await emu.close();
