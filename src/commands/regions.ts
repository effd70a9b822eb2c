// `regions [--json]`: every region with its provider, reachability, round-trip time and whether the installed
// Codex accepts it; the fastest one Codex accepts is marked.
import { UsageError } from '../args.js';
import { CODEX_UPDATE_COMMAND, NEWEST_KNOWN_CODEX } from '../core/codexVersions.js';
import type { RegionReport, RegionRow } from '../core/regionReport.js';
import { MANTLE_REGIONS, parseRegion } from '../core/regions.js';
import { DEFAULT_SAMPLES, measureRegions } from '../flows/regions.js';
import { mark } from './common.js';
import { printJson, type CommandContext, type Io } from './context.js';

export async function runRegions(ctx: CommandContext): Promise<number> {
  const { options, services, io } = ctx;
  const regions = options.regions.length ? options.regions.map(checkedRegion) : MANTLE_REGIONS.map((r) => r.id);
  const report = await measureRegions(services, [...new Set(regions)], { samples: DEFAULT_SAMPLES });
  if (options.json) printJson(io, jsonDocument(report));
  else printTable(io, report);
  return report.allUnreachable ? 1 : 0;
}

function checkedRegion(raw: string): string {
  const parsed = parseRegion(raw);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.region;
}

const ms = (v: number) => Math.round(v * 10) / 10;

function jsonDocument(report: RegionReport) {
  return {
    ok: !report.allUnreachable,
    codexVersion: report.codexVersion,
    ...(report.codexVersion === null ? { codexJudgedAs: NEWEST_KNOWN_CODEX } : {}),
    method: report.method,
    samples: DEFAULT_SAMPLES,
    fastest: report.fastest,
    regions: report.rows.map((r) => ({
      region: r.region,
      ...(r.name ? { name: r.name } : {}),
      provider: r.provider,
      reachable: r.reachable,
      rttMs: r.rttMs === null ? null : ms(r.rttMs),
      samplesMs: r.samplesMs.map(ms),
      warm: r.warm,
      codexAccepts: r.codexAccepts,
      fastest: r.fastest,
      ...(r.note ? { note: r.note } : {}),
      ...(r.error ? { error: r.error } : {}),
    })),
    ...(report.hint ? { hint: report.hint } : {}),
  };
}

function printTable(io: Io, report: RegionReport): void {
  const codex = report.codexVersion ? `Codex ${report.codexVersion}` : 'Codex';
  const widths = [Math.max(6, ...report.rows.map((r) => r.region.length)), 8, 9, 7];
  const line = (cells: string[], tail = '') => `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]!.padEnd(widths[2]!)}  ${cells[3]!.padStart(widths[3]!)}  ${cells[4]}${tail}`.trimEnd();
  // Fits 60 columns: the Codex version is named in the summary below, not in the header.
  io.say(line(['Region', 'Provider', 'Reachable', 'RTT ms', 'Codex accepts']));
  for (const r of report.rows) io.say(line(cells(r), r.fastest ? '  ← fastest' : ''));
  io.say('');
  for (const r of report.rows) {
    // The failure's own words: the catalogue reads a refused tunnel as an unreachable proxy (--json keeps both).
    if (r.error) io.say(`${mark(io, false)} ${r.region}: ${r.error.message}`);
    else if (!r.warm && r.reachable) io.say(`${mark(io, 'warn')} ${r.region}: the server closed every connection, so its figure includes connection set-up.`);
    if (r.note) io.say(`${mark(io, 'warn')} ${r.region}: ${r.note}.`);
  }
  if (report.codexVersion === null) io.say(`${mark(io, 'warn')} Codex not found: "accepts" is judged as Codex ${NEWEST_KNOWN_CODEX} would. Install it: ${CODEX_UPDATE_COMMAND}`);
  if (report.hint) io.say(`${mark(io, false)} ${report.hint}`);
  else if (report.fastest) {
    const best = report.rows.find((r) => r.fastest)!;
    io.say(`${mark(io, true)} Fastest region ${codex} accepts: ${best.region}${best.name ? ` (${best.name})` : ''}, ${Math.round(best.rttMs!)} ms.`);
  } else io.say(`${mark(io, 'warn')} No reachable region is one ${codex} accepts.`);
  io.say(`RTT: ${report.method.replace(/^median of warm probes/, `median of ${DEFAULT_SAMPLES} warm probes`)}.`);
}

function cells(r: RegionRow): string[] {
  return [r.region, r.provider, r.reachable ? 'yes' : 'no', r.rttMs === null ? '-' : String(Math.round(r.rttMs)), r.codexAccepts ? 'yes' : 'no'];
}
