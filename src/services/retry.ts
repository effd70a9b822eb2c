import { ServiceError } from './errors.js';

export interface RetryOptions {
  /** Total attempts including the first (default 3). */
  attempts?: number;
  baseMs?: number;
  capMs?: number;
  /** Longest Retry-After we are willing to wait; longer values are clipped to this. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** Seams for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** What the operation produced: a value the caller may still reject (e.g. a 503), or an error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface RetryDecision {
  retry: boolean;
  /** Raw Retry-After header, when the server sent one. */
  retryAfter?: string | null;
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Retries 429 and 5xx, and connection resets that happened before any body was read. */
export function httpRetryDecision(o: Outcome<{ status: number; headers: Record<string, string>; bodyConsumed: boolean }>): RetryDecision {
  if (!o.ok) {
    const code = o.error instanceof ServiceError ? o.error.failure.code : (o.error as NodeJS.ErrnoException)?.code;
    return { retry: o.error instanceof ServiceError && o.error.failure.kind === 'network' && RETRYABLE_CODES.has(code ?? '') };
  }
  const { status, headers, bodyConsumed } = o.value;
  return { retry: !bodyConsumed && (status === 429 || status >= 500), retryAfter: headers['retry-after'] ?? null };
}

/** Seconds or an HTTP date; null when absent or unparseable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortFailure());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortFailure());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortFailure(): ServiceError {
  return new ServiceError({ kind: 'network', code: 'ABORTED', message: 'Cancelled.' });
}

/**
 * Bounded retries with full jitter (delay = random · min(cap, base · 2^n)); a Retry-After from the server
 * replaces the jitter. The last outcome is returned (or thrown) as is, so callers see the real failure.
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  decide: (o: Outcome<T>) => RetryDecision,
  opts: RetryOptions & { discard?: (value: T) => void } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 3;
  const base = opts.baseMs ?? 250;
  const cap = opts.capMs ?? 4_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 20_000;
  const sleep = opts.sleep ?? sleepFor;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;

  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw abortFailure();
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await op(attempt) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const d = decide(outcome);
    if (!d.retry || attempt + 1 >= attempts) {
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    }
    if (outcome.ok) opts.discard?.(outcome.value);
    const after = parseRetryAfter(d.retryAfter, now());
    const delay = after !== null ? Math.min(after, maxRetryAfter) : random() * Math.min(cap, base * 2 ** attempt);
    await sleep(delay, opts.signal);
  }
}
