import { isServiceError } from '../services/errors.js';
import type { Failure } from '../types.js';

/** Services throw ServiceError for expected failures; anything else is reported by its message, never a stack. */
export function toFailure(e: unknown, fallback: Partial<Failure> = {}): Failure {
  if (isServiceError(e)) return e.failure;
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  return { kind: 'process', ...fallback, message, ...(typeof code === 'string' ? { code } : {}) };
}
