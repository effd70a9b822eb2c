import { describe, expect, it } from 'vitest';
import { latencyReport, percentileNearestRank, sparkline } from '../../src/core/latency.js';

describe('latencyReport', () => {
  it('computes the documented figures by hand', () => {
    // deltas at 400, 420, 450, 460, 500 → gaps 20, 30, 10, 40
    const r = latencyReport({ tokenTimes: [400, 420, 450, 460, 500], connectMs: 30, headersMs: 120, totalMs: 510 });
    expect(r.ttftMs).toBe(400);
    expect(r.ttftAfterHeadersMs).toBe(280);
    expect(r.gaps).toEqual([20, 30, 10, 40]);
    // nearest rank: p50 → ⌈0.5·4⌉ = 2nd smallest (20); p95 → ⌈0.95·4⌉ = 4th (40)
    expect(r.interTokenP50Ms).toBe(20);
    expect(r.interTokenP95Ms).toBe(40);
    // 5 deltas over 100 ms
    expect(r.outputTokens).toBe(5);
    expect(r.tokensPerSecond).toBeCloseTo(50, 10);
    expect(r.connectMs).toBe(30);
    expect(r.totalMs).toBe(510);
  });

  it('prefers usage.output_tokens over the delta count', () => {
    const r = latencyReport({ tokenTimes: [100, 300], headersMs: 50, totalMs: 310, outputTokens: 10 });
    expect(r.outputTokens).toBe(10);
    expect(r.tokensPerSecond).toBeCloseTo(50, 10); // 10 tokens / 0.2 s
  });

  it('has nulls when there were no deltas or only one', () => {
    const none = latencyReport({ tokenTimes: [], headersMs: 80, totalMs: 90 });
    expect(none).toMatchObject({ ttftMs: null, ttftAfterHeadersMs: null, interTokenP50Ms: null, tokensPerSecond: null, connectMs: null, outputTokens: 0 });
    const one = latencyReport({ tokenTimes: [200], headersMs: 80, totalMs: 210 });
    expect(one).toMatchObject({ ttftMs: 200, interTokenP50Ms: null, tokensPerSecond: null, outputTokens: 1 });
  });

  it('nearest-rank percentiles on 10 values', () => {
    const v = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    expect(percentileNearestRank(v, 50)).toBe(5);
    expect(percentileNearestRank(v, 95)).toBe(10);
    expect(percentileNearestRank(v, 90)).toBe(9);
    expect(percentileNearestRank([], 50)).toBeNull();
  });
});

describe('sparkline', () => {
  it('scales gaps from lowest to highest bar', () => {
    expect(sparkline([10, 80, 45], 10)).toBe('▁█▅');
    expect(sparkline([20, 20, 20], 10)).toBe('▁▁▁');
  });
  it('keeps the most recent gaps when there are more than the width', () => {
    expect(sparkline([1000, 1, 2], 2)).toBe('▁█');
    expect(sparkline([1, 2], 0)).toBe('');
  });
});
