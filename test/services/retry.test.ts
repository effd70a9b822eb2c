import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/errors.js';
import { httpRetryDecision, parseRetryAfter, withRetry } from '../../src/services/retry.js';

interface FakeRes {
  status: number;
  headers: Record<string, string>;
  bodyConsumed: boolean;
  cancelled?: boolean;
}
const res = (status: number, headers: Record<string, string> = {}, bodyConsumed = false): FakeRes => ({ status, headers, bodyConsumed });

function harness(outcomes: (FakeRes | Error)[]) {
  const sleeps: number[] = [];
  let calls = 0;
  const op = async () => {
    const o = outcomes[calls++]!;
    if (o instanceof Error) throw o;
    return o;
  };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  return { op, sleep, sleeps, calls: () => calls };
}

const NOW = Date.parse('2026-11-27T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
  });
});

describe('withRetry', () => {
  it('retries 429 honouring Retry-After, then returns the success', async () => {
    const h = harness([res(429, { 'retry-after': '2' }), res(503, { 'retry-after': 'Fri, 27 Nov 2026 10:00:01 GMT' }), res(200)]);
    const discarded: FakeRes[] = [];
    const out = await withRetry(h.op, httpRetryDecision, { sleep: h.sleep, now: () => NOW, discard: (r) => discarded.push(r) });
    expect(out.status).toBe(200);
    expect(h.sleeps).toEqual([2000, 1000]);
    expect(discarded.map((r) => r.status)).toEqual([429, 503]);
  });

  it('caps a long Retry-After', async () => {
    const h = harness([res(429, { 'retry-after': '3600' }), res(200)]);
    await withRetry(h.op, httpRetryDecision, { sleep: h.sleep, maxRetryAfterMs: 5000 });
    expect(h.sleeps).toEqual([5000]);
  });

  it('uses full jitter when there is no Retry-After and gives up after the attempt limit', async () => {
    const h = harness([res(500), res(502), res(500), res(200)]);
    const out = await withRetry(h.op, httpRetryDecision, { sleep: h.sleep, random: () => 0.5, baseMs: 100, capMs: 1000, attempts: 3 });
    expect(out.status).toBe(500);
    expect(h.calls()).toBe(3);
    expect(h.sleeps).toEqual([50, 100]);
  });

  it('does not retry client errors or a response whose body was already read', async () => {
    const h = harness([res(403), res(200)]);
    expect((await withRetry(h.op, httpRetryDecision, { sleep: h.sleep })).status).toBe(403);
    const h2 = harness([res(503, {}, true), res(200)]);
    expect((await withRetry(h2.op, httpRetryDecision, { sleep: h2.sleep })).status).toBe(503);
    expect(h.sleeps.length + h2.sleeps.length).toBe(0);
  });

  it('retries connection resets but not refused connections', async () => {
    const reset = new ServiceError({ kind: 'network', code: 'ECONNRESET' });
    const refused = new ServiceError({ kind: 'network', code: 'ECONNREFUSED' });
    const h = harness([reset, res(200)]);
    expect((await withRetry(h.op, httpRetryDecision, { sleep: h.sleep, random: () => 0 })).status).toBe(200);
    const h2 = harness([refused, res(200)]);
    await expect(withRetry(h2.op, httpRetryDecision, { sleep: h2.sleep })).rejects.toBe(refused);
    expect(h2.calls()).toBe(1);
  });

  it('stops waiting when aborted', async () => {
    const ac = new AbortController();
    const h = harness([res(503, { 'retry-after': '30' }), res(200)]);
    const p = withRetry(h.op, httpRetryDecision, { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await expect(p).rejects.toMatchObject({ failure: { code: 'ABORTED' } });
    expect(h.calls()).toBe(1);
  });
});
