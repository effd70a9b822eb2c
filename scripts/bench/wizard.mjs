// Goal 2 of issue 14: the whole --demo wizard driven in a pseudo-terminal with scripted keys, against an
// emulator that adds realistic latency. Each step's wait is the time from a keypress to the next screen being
// ready for input (the text that shows its data is on screen, between frames); the user "reads" each screen
// for READ_MS before pressing, which is when prefetching can hide a wait.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pty = require('node-pty');

export const CALL_MS = 150;
export const FIRST_TOKEN_MS = 400;
export const READ_MS = 1000;
const KEY = { enter: '\r', down: '\u001B[B' };

/** The existing-profile path, every default taken (the same walk as test/e2e/pty.ts's demoToDone). */
const STEPS = [
  ['welcome → checks', KEY.enter, /1\/7 · Checks[\s\S]*enter continue/],
  ['checks → regions', KEY.enter, /❯ us-east-1 .* \d+ ms/],
  ['region → auth', KEY.enter, '❯ IAM Identity Center'],
  ['auth: move to profile', KEY.down, '❯ Existing AWS profile'],
  ['auth → profile list', KEY.enter, /❯ demo\s+\[keys\]/],
  ['profile → identity', KEY.enter, 'signed in as arn:aws:iam::123456789012:user/demo'],
  ['identity → models (prod)', KEY.enter, 'Model for Codex profile bedrock-prod'],
  ['models prod → staging', KEY.enter, 'Model for Codex profile bedrock-staging'],
  ['models → config plan', KEY.enter, '❯ Write these files'],
  ['write → smoke offer', KEY.enter, '❯ Run the smoke test'],
  ['smoke test → result', KEY.enter, 'enter finish'],
  ['finish → done', KEY.enter, '7/7 · Done'],
];

/** test/e2e/pty.ts's screen model (a small VT100), bundled for plain node. */
async function loadScreen(repo, dir) {
  const outfile = join(dir, 'pty-screen.mjs');
  await build({
    entryPoints: [join(repo, 'test/e2e/pty.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Only Screen is used: what spawns processes is left out (and could not be resolved from the scratch folder).
    plugins: [
      {
        name: 'no-spawners',
        setup(b) {
          b.onResolve({ filter: /^(node-pty|execa)$/ }, () => ({ path: 'none', namespace: 'empty' }));
          b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export const spawn = undefined, execa = undefined;', loader: 'js' }));
        },
      },
    ],
    loader: { '.json': 'json' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return (await import(pathToFileURL(outfile).href)).Screen;
}

function spawn(Screen, node, cli, env, cwd) {
  const cols = 100;
  const rows = 30;
  const term = pty.spawn(node, [cli, '--demo'], { name: 'xterm-256color', cols, rows, cwd, env });
  const screen = new Screen(cols, rows);
  let out = '';
  let done = false;
  const waiters = new Set();
  term.onData((d) => {
    out += d;
    screen.write(d);
    waiters.forEach((w) => w());
  });
  term.onExit(() => {
    done = true;
    waiters.forEach((w) => w());
  });
  const midFrame = () => out.lastIndexOf('\u001B[?2026h') > out.lastIndexOf('\u001B[?2026l');
  /** Resolves with performance.now() when `what` is on screen between frames. */
  const waitFor = (what, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const found = () => !midFrame() && (typeof what === 'string' ? screen.text().includes(what) : what.test(screen.text()));
      const waiter = () => {
        const at = performance.now();
        if (found()) finish(() => resolve(at));
        else if (done) finish(() => reject(new Error(`wizard exited before ${what}; screen:\n${screen.text()}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms; screen:\n${screen.text()}`))), timeoutMs);
      const finish = (f) => {
        clearTimeout(timer);
        waiters.delete(waiter);
        f();
      };
      waiters.add(waiter);
      waiter();
    });
  return { screen, waitFor, write: (k) => term.write(k), kill: () => !done && term.kill(), exited: () => done };
}

/**
 * The smoke tests' own time as the screen states it: the wizard tests each profile it wrote (two here), one line
 * "✓ name: model · … · total N ms" per profile passed and the live panel ("total   N ms") for the one shown.
 */
export function smokeTotal(screen, profiles = 2) {
  const verdicts = [...screen.matchAll(/· total (\d+) ms/g)].map((m) => Number(m[1]));
  const panel = Number(/total {2,}(\d+(?:\.\d+)?) ms/.exec(screen)?.[1] ?? NaN);
  const sum = verdicts.reduce((a, b) => a + b, 0);
  return verdicts.length >= profiles ? sum : sum + panel;
}

/** One walk through the wizard: per-step waits (ms) and the smoke tests' own total as the screen states it. */
export async function walkWizard({ repo, scratch, node, cli, env }) {
  const Screen = await loadScreen(repo, scratch);
  const run = spawn(Screen, node, cli, { ...env, EMULATOR_CALL_MS: String(CALL_MS), EMULATOR_FIRST_TOKEN_MS: String(FIRST_TOKEN_MS) }, scratch);
  try {
    await run.waitFor('1/7 · Welcome');
    const steps = [];
    let smokeScreen = '';
    for (const [label, key, ready] of STEPS) {
      await new Promise((r) => setTimeout(r, READ_MS));
      const pressedAt = performance.now();
      run.write(key);
      const readyAt = await run.waitFor(ready);
      steps.push({ label, ms: readyAt - pressedAt });
      if (label.startsWith('smoke test')) smokeScreen = run.screen.text();
    }
    return { steps, smokeScreen, smokeTotalMs: smokeTotal(smokeScreen) };
  } finally {
    run.kill();
  }
}
