import { startEmulator } from '../../src/emulator/index.js';
import { makeWorld } from './helpers.js';
import { spawnCli, KEY } from './pty.js';
const emu = await startEmulator({ proxy: true });
const world = await makeWorld(emu);
const run = spawnCli([], { env: world.env, cwd: world.root });
const show = async (what: string | RegExp, t = 20000) => { try { const s = await run.waitFor(what, t); console.log('=== ' + what + '\n' + s); } catch (e) { console.log('!!! ' + (e as Error).message); } };
const steps: [string|RegExp, string][] = JSON.parse(process.argv[2] ?? '[]');
for (const [w, k] of steps) { await show(typeof w === 'string' && w.startsWith('/') ? new RegExp(w.slice(1)) : w); if (k) run.write(k.replace(/<enter>/g, '\r').replace(/<down>/g, '\u001b[B').replace(/<esc>/g, '\u001b').replace(/<c-c>/g, '\u0003')); }
await new Promise(r => setTimeout(r, 1500));
console.log("=== final\n" + run.screen.text()); (await import("node:fs")).writeFileSync("/tmp/scratch/raw.txt", run.output());
run.kill(); await emu.close(); process.exit(0);
