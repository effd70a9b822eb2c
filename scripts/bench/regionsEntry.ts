// The bench's stand-in for `regions --json` until the CLI dispatches it, and the old probe to compare with:
// bundled like dist/cli.js, run as its own process against the bench's emulator.
//   node regions-probe.mjs flow  → runRegions' JSON document
//   node regions-probe.mjs old   → probeRegion (the wizard's probe today) for every region at once, and its CPU
import { parseCli } from '../../src/args.js';
import { makeIo } from '../../src/commands/context.js';
import { runRegions } from '../../src/commands/regions.js';
import { MANTLE_REGIONS } from '../../src/core/regions.js';
import { createRealServices } from '../../src/services/real.js';

const services = createRealServices({ env: process.env });
if (process.argv[2] === 'old') {
  const ids = MANTLE_REGIONS.map((r) => r.id);
  const cpu = process.cpuUsage();
  const probes = await Promise.all(ids.map((id) => services.aws.probeRegion(id)));
  const used = process.cpuUsage(cpu);
  // This thread's CPU for the cold connections: what the later probes queue behind.
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(`${JSON.stringify({ cpuMs, probes: probes.map((p, i) => ({ region: ids[i], rttMs: p.rttMs })) })}\n`);
} else {
  const options = { ...parseCli(['models']), json: true };
  process.exitCode = await runRegions({ options, services, io: makeIo(options, process.stdout, process.stderr) });
}
