// Round-trip time per region, measured so that the figures are the network's and not our own queueing.
// Connection set-up (DNS, TCP, CONNECT, TLS) is CPU work on this one thread: done for every region at once it
// queues, and whoever is handshaked last looks furthest away. So every region is warmed first, and only then
// timed, on its open connection, several times; starts are staggered so equal answers do not land together.
import { setMaxListeners } from 'node:events';
import { codexAcceptsRegion, median, providerFor, regionReport, type RegionError, type RegionMeasurement, type RegionReport } from '../core/regionReport.js';
import { diagnose } from '../core/diagnosis.js';
import { proxyFromEnv } from '../services/http.js';
import type { Services } from '../services/types.js';
import type { Failure } from '../types.js';

export interface MeasureRegionsOptions {
  /** Warm probes per region; the figure is their median (default 5). */
  samples?: number;
  /** The installed Codex's version (null: none found); looked up when absent. */
  codexVersion?: string | null;
  signal?: AbortSignal;
  /** Offset between regions' first timed probes (default 3 ms), so equal round trips do not arrive at once. */
  staggerMs?: number;
  /** Timing starts once every warm-up has settled, or this long after the last one did (default 1000 ms). */
  settleMs?: number;
  /** Pause after each timed probe (default 20 ms): back-to-back probes to near regions would keep this thread busy. */
  gapMs?: number;
  /** The next step when nothing answers, worded for where the user is. */
  retry?: string;
}

export const DEFAULT_SAMPLES = 5;

/** Every region measured in parallel; rows come back in the order given. */
export async function measureRegions(services: Pick<Services, 'aws' | 'tools' | 'env'>, regions: readonly string[], opts: MeasureRegionsOptions = {}): Promise<RegionReport> {
  const samples = Math.max(1, opts.samples ?? DEFAULT_SAMPLES);
  const staggerMs = opts.staggerMs ?? 3;
  const gapMs = opts.gapMs ?? 20;
  const { signal } = opts;
  // One signal fans out to a sleep and a request per region: past Node's default of 10 it prints a leak warning.
  if (signal) setMaxListeners(0, signal);
  const versionP = opts.codexVersion !== undefined ? Promise.resolve(opts.codexVersion) : services.tools.findCodex().then((c) => c?.version ?? null, () => null);
  const providers = regions.map(providerFor);
  const warmups = regions.map((region, i) => services.aws.timeRegionRequest(region, providers[i]!, signal));
  // The Codex version only decides a column: timing does not wait for it.
  await settledOrQuiet(warmups, opts.settleMs ?? 1_000);

  const timed = await Promise.all(
    regions.map(async (region, i): Promise<Omit<RegionMeasurement, 'codexAccepts'>> => {
      const provider = providers[i]!;
      const base = { region, provider };
      const warm = await warmups[i]!;
      if (!warm.ok) return { ...base, reachable: false, rttMs: null, samplesMs: [], warm: false, error: regionError(warm.failure, region) };
      await sleep(i * staggerMs, signal);
      const reused: number[] = [];
      const fresh: number[] = [];
      // A server that closes the connection after each answer makes every probe a cold one: a few spare tries.
      for (let attempt = 0; reused.length < samples && attempt < samples + 2; attempt++) {
        if (signal?.aborted) break;
        const t = await services.aws.timeRegionRequest(region, provider, signal);
        if (!t.ok) {
          if (reused.length + fresh.length === 0) return { ...base, reachable: false, rttMs: null, samplesMs: [], warm: false, error: regionError(t.failure, region) };
          break;
        }
        (t.reused ? reused : fresh).push(t.ms);
        await sleep(gapMs, signal);
      }
      // Only when no connection could be kept open do cold figures stand in, and the row says so.
      const kept = reused.length > 0 ? reused : fresh.length > 0 ? fresh : [warm.ms];
      return { ...base, reachable: true, rttMs: median(kept), samplesMs: kept, warm: reused.length > 0 };
    }),
  );
  const codexVersion = await versionP;
  const measured = timed.map((m): RegionMeasurement => ({ ...m, codexAccepts: codexAcceptsRegion(m.region, m.provider, codexVersion) }));
  return regionReport(measured, { proxyUrl: proxyFromEnv(services.env), codexVersion, retry: opts.retry ?? 'run: npx codex-bedrock-setup regions' });
}

function regionError(failure: Failure, region: string): RegionError {
  const d = diagnose(failure, { region });
  return { code: failure.code ?? (failure.status !== undefined ? `HTTP_${failure.status}` : failure.kind), message: failure.message ?? d.title, diagnosis: { id: d.id, title: d.title, fix: d.fix } };
}

/** Resolves when all have settled, or `quietMs` after the latest settled while others still hang. */
function settledOrQuiet(promises: Promise<unknown>[], quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    let pending = promises.length;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      pending = -1;
      resolve();
    };
    const settle = () => {
      if (pending < 0) return;
      pending -= 1;
      if (pending === 0) return done();
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    };
    if (pending === 0) return done();
    for (const p of promises) p.then(settle, settle);
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
    function finish(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
  });
}
