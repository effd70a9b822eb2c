import { timeToFrame } from './pty.mjs';
import { median } from './stats.mjs';
import { buildInkFloor } from './inkFloor.mjs';
const floor = await buildInkFloor('/work/main', '/tmp');
const env = { PATH: process.env.PATH, HOME: '/tmp/ffhome', TERM: 'xterm-256color' };
const cases = {
  bare: [['-e', "process.stdout.write('ready');setTimeout(()=>{},3000)"], /ready/],
  floor: [[floor], /Welcome/],
  help: [['/work/main/dist/cli.js', '--help'], /Usage/],
  wizard: [['/work/main/dist/cli.js'], /Welcome/],
  demo: [['/work/main/dist/cli.js', '--demo'], /Welcome/],
};
const r = {};
for (let i = 0; i < 8; i++) for (const [k, [args, re]] of Object.entries(cases)) { const x = await timeToFrame(process.execPath, args, { env, cwd: '/tmp', ready: (o) => re.test(o) }); (r[k] ??= []).push(x); }
for (const [k, v] of Object.entries(r)) console.log(k.padEnd(7), 'wall', Math.round(median(v.map(x=>x.ms))), 'cpu', median(v.map(x=>x.cpuMs)), v.map(x=>x.cpuMs).join(' '));
