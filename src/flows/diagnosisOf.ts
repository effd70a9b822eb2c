// Any thrown failure as a diagnosis, for the commands and the flows alike.
import { diagnose, type DiagnosisParams } from '../core/diagnosis.js';
import { isServiceError } from '../services/errors.js';
import type { Diagnosis, Failure } from '../types.js';

/** Turns any thrown failure into a diagnosis; unexpected errors become the catalogue's "unknown". */
export function diagnosisOf(e: unknown, extra: DiagnosisParams = {}): Diagnosis {
  const failure: Failure = isServiceError(e) ? e.failure : { kind: 'process', message: (e as Error)?.message ?? String(e) };
  return diagnose(failure, extra);
}
