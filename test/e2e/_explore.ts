import { startEmulator } from '../../src/emulator/index.js';
import { makeWorld } from './helpers.js';
import { spawnCli, KEY } from './pty.js';
import { writeFileSync } from 'node:fs';
const emu = await startEmulator({ proxy: true });
const world = await makeWorld(emu, JSON.parse(process.env.WORLD ?? '{}'));
const run = spawnCli(JSON.parse(process.env.ARGS ?? '[]'), { env: world.env, cwd: world.root });
const steps: [string, string][] = JSON.parse(process.argv[2] ?? '[]');
const re = (w: string) => w.startsWith('/') ? new RegExp(w.slice(1)) : w;
const K = (k: string) => k.replace(/<enter>/g, '\r').replace(/<down>/g, '\u001b[B').replace(/<up>/g, '\u001b[A').replace(/<esc>/g, '\u001b').replace(/<c-c>/g, '\u0003');
await run.waitFor('Welcome');
try {
for (const [k, w] of steps) {
  const s = await run.press(K(k), re(w));
  if (!process.env.QUIET) console.log('=== ' + w + '\n' + s);
}
} catch (e) { console.log('!!! ' + (e as Error).message); }
await new Promise(r => setTimeout(r, 1500));
console.log('=== final\n' + run.screen.text());
writeFileSync('/tmp/scratch/raw.txt', run.output());
writeFileSync('/tmp/scratch/world.txt', world.root);
run.kill(); await emu.close(); process.exit(0);
