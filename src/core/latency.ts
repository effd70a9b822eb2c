import type { LatencyReport, LatencySample } from '../types.js';

/*
 * Definitions (all times in ms from the moment the request was started, before connecting):
 * - headersMs: request start → response headers received.
 * - ttftMs: request start → first `response.output_text.delta` event; ttftAfterHeadersMs = ttftMs − headersMs
 *   (the model's own think time, without connection set-up).
 * - gaps: differences between consecutive delta arrival times; p50/p95 use the nearest-rank method
 *   (the ⌈p/100 · n⌉-th smallest gap).
 * - tokensPerSecond: output tokens / ((last delta − first delta) / 1000); tokens come from
 *   usage.output_tokens when the server reports it, else the number of deltas. Null with fewer than two deltas.
 * - totalMs: request start → end of the stream.
 */
export function percentileNearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function latencyReport(sample: LatencySample): LatencyReport {
  const times = sample.tokenTimes;
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const first = times[0];
  const last = times[times.length - 1];
  const outputTokens = sample.outputTokens ?? times.length;
  const spanMs = first !== undefined && last !== undefined ? last - first : 0;
  const ttftMs = first ?? null;
  return {
    connectMs: sample.connectMs ?? null,
    headersMs: sample.headersMs,
    ttftMs,
    ttftAfterHeadersMs: ttftMs === null ? null : ttftMs - sample.headersMs,
    interTokenP50Ms: percentileNearestRank(gaps, 50),
    interTokenP95Ms: percentileNearestRank(gaps, 95),
    outputTokens,
    tokensPerSecond: times.length >= 2 && spanMs > 0 ? outputTokens / (spanMs / 1000) : null,
    totalMs: sample.totalMs,
    gaps,
  };
}

const BARS = '▁▂▃▄▅▆▇█';

/** One bar per gap (the most recent `width` gaps), scaled between the smallest and largest shown. */
export function sparkline(gaps: number[], width: number): string {
  const shown = width > 0 ? gaps.slice(-width) : [];
  if (shown.length === 0) return '';
  const min = Math.min(...shown);
  const max = Math.max(...shown);
  const top = BARS.length - 1;
  return shown.map((g) => BARS[max === min ? 0 : Math.round(((g - min) / (max - min)) * top)]).join('');
}

/** The figures the latency panel shows, while streaming (null: not yet) and at the end. */
export interface LatencyView {
  connectMs: number | null;
  headersMs: number | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  totalMs: number | null;
  gaps: number[];
}

/** The panel's figures mid-stream, by the same definitions as latencyReport (deltas stand in for tokens until usage arrives). */
export function liveLatency(sample: { connectMs: number | null; headersMs: number | null; tokenTimes: number[]; doneMs: number | null }): LatencyView {
  const r = latencyReport({ tokenTimes: sample.tokenTimes, headersMs: sample.headersMs ?? 0, totalMs: sample.doneMs ?? 0, ...(sample.connectMs === null ? {} : { connectMs: sample.connectMs }) });
  return { connectMs: r.connectMs, headersMs: sample.headersMs, ttftMs: r.ttftMs, tokensPerSecond: r.tokensPerSecond, totalMs: sample.doneMs, gaps: r.gaps };
}

export function finalLatency(r: LatencyReport): LatencyView {
  return { connectMs: r.connectMs, headersMs: r.headersMs, ttftMs: r.ttftMs, tokensPerSecond: r.tokensPerSecond, totalMs: r.totalMs, gaps: r.gaps };
}
