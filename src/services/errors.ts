import type { Failure } from '../types.js';

/** An expected failure from a service: the diagnosis catalogue turns `failure` into words. */
export class ServiceError extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message ?? failure.errorType ?? failure.code ?? failure.kind);
    this.name = 'ServiceError';
    this.failure = failure;
  }
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}
