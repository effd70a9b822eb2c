// Region RTT truth (issue 14 goal 3): per-region latency injected in the emulator, the figures `regions --json`
// reports side by side with it. Also what the old probe (cold, all regions at once) shows for equal latencies.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { oneFileBuildOptions } from '../build.mjs';
import { runTimed } from './proc.mjs';
import { round } from './stats.mjs';

/** The four regions of the goal and their injected latency (ms); every other region sits at EQUAL_MS. */
export const INJECTED = { 'us-east-1': 20, 'us-west-2': 60, 'eu-west-1': 120, 'sa-east-1': 250 };
const EQUAL_MS = 150;
const TOLERANCE_MS = 10;

async function buildEntry(repo, dir) {
  const outfile = join(dir, 'regions-probe.mjs');
  await build({ ...oneFileBuildOptions(outfile), absWorkingDir: repo, entryPoints: [join(repo, 'scripts/bench/regionsEntry.ts')], metafile: false });
  return outfile;
}

/** The regions document from the built CLI when it dispatches `regions`, else from the same code bundled alone. */
async function regionsDocument({ node, cli, entry, env, cwd }) {
  if (existsSync(cli)) {
    const r = await runTimed(node, [cli, 'regions', '--json'], { env, cwd });
    const doc = parse(r.stdout);
    if (Array.isArray(doc?.regions)) return { doc, via: 'dist/cli.js regions --json' };
  }
  const r = await runTimed(node, [entry, 'flow'], { env, cwd });
  const doc = parse(r.stdout);
  if (!Array.isArray(doc?.regions)) throw new Error(`regions probe failed (${r.code}): ${r.stderr.slice(-400)}`);
  return { doc, via: 'runRegions bundled alone (the CLI does not dispatch `regions` yet)' };
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Least-squares slope of figure against list position (ms per place): ~0 when position does not matter. */
function slope(values) {
  const n = values.length;
  const mx = (n - 1) / 2;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => ((num += (x - mx) * (y - my)), (den += (x - mx) ** 2)));
  return den ? num / den : 0;
}

export async function regionTruth({ repo, world, scratch, node, row, notes }) {
  const entry = await buildEntry(repo, scratch);
  const cli = join(repo, 'dist/cli.js');
  world.setDelays({ callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 0 });
  // A first run names the regions in the catalogue's order (and warms the emulator's certificates).
  const listRun = await runTimed(node, [entry, 'old'], { env: world.env, cwd: scratch });
  const listed = parse(listRun.stdout)?.probes;
  if (!Array.isArray(listed)) throw new Error(`old probe failed (${listRun.code}): ${listRun.stderr.slice(-400)}`);
  const regionIds = listed.map((p) => p.region);
  const equal = Object.fromEntries(regionIds.map((id) => [id, EQUAL_MS]));

  // Before: the wizard's probe today, every region at the same distance.
  world.emulator.update({ regionLatencyMs: equal });
  const oldRun = await runTimed(node, [entry, 'old'], { env: world.env, cwd: scratch });
  const old = parse(oldRun.stdout);
  if (!Array.isArray(old?.probes)) throw new Error(`old probe failed (${oldRun.code}): ${oldRun.stderr.slice(-400)}`);
  const oldMs = old.probes.map((p) => p.rttMs ?? NaN);
  const equalRun = await regionsDocument({ node, cli, entry, env: world.env, cwd: scratch });
  const newMs = regionIds.map((id) => equalRun.doc.regions.find((r) => r.region === id)?.rttMs ?? NaN);
  const spread = (xs) => Math.max(...xs) - Math.min(...xs);
  row(
    `Region RTT: old probe, ${regionIds.length} regions all at ${EQUAL_MS} ms`,
    round(spread(oldMs), 1),
    'ms spread',
    'info (the bias being fixed)',
    null,
    null,
    `${round(slope(oldMs), 2)} ms per list place; in list order: ${oldMs.map((v) => round(v)).join(', ')}; cold (TCP + CONNECT + TLS + request), all at once; the client spent ${round(old.cpuMs)} ms of CPU on one thread setting up ${oldMs.length} connections, which the later ones queue behind`,
  );
  row(
    `Region RTT: regions, ${regionIds.length} regions all at ${EQUAL_MS} ms`,
    round(spread(newMs), 1),
    'ms spread',
    `≤ ${TOLERANCE_MS} ms (no list-position bias)`,
    round(spread(newMs) / spread(oldMs), 2),
    spread(newMs) <= TOLERANCE_MS,
    `${round(slope(newMs), 2)} ms per list place; in list order: ${newMs.map((v) => round(v)).join(', ')}; warm, median of ${equalRun.doc.samples}`,
  );

  // The goal: four regions at 20/60/120/250 ms, the rest at EQUAL_MS.
  world.emulator.update({ regionLatencyMs: { ...equal, ...INJECTED } });
  const { doc, via } = await regionsDocument({ node, cli, entry, env: world.env, cwd: scratch });
  const measured = Object.fromEntries(Object.keys(INJECTED).map((id) => [id, doc.regions.find((r) => r.region === id)]));
  for (const [id, injected] of Object.entries(INJECTED)) {
    const r = measured[id];
    const v = r?.rttMs ?? NaN;
    row(
      `Region RTT truth: ${id} injected ${injected} ms`,
      round(v, 1),
      'ms',
      `${injected} ± ${TOLERANCE_MS} ms`,
      round(v / injected, 3),
      Math.abs(v - injected) <= TOLERANCE_MS,
      `samples ${(r?.samplesMs ?? []).map((s) => round(s, 1)).join(', ')}${r?.warm ? '' : '; NOT warm'}`,
    );
  }
  const order = Object.keys(INJECTED).sort((a, b) => (measured[a]?.rttMs ?? Infinity) - (measured[b]?.rttMs ?? Infinity));
  const expected = Object.keys(INJECTED).sort((a, b) => INJECTED[a] - INJECTED[b]);
  row('Region RTT truth: order', order.join(' < '), '', expected.join(' < '), null, order.join() === expected.join() && doc.fastest === expected[0], `fastest marked: ${doc.fastest}`);
  notes.push(`Region RTT: figures from ${via}; ${doc.method}; ${doc.samples} samples per region.`);
  world.emulator.update({ regionLatencyMs: null });
}
