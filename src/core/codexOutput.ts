// What Codex prints when a turn fails, mapped to the failure catalogue. Pure.
import { diagnose, type DiagnosisParams } from './diagnosis.js';
import type { Diagnosis, Failure } from '../types.js';

/**
 * Codex prints Mantle's message, with "unexpected status NNN" when it kept the status (0.169 sometimes drops
 * it; the JSON error type then says 400). `params.profile` decides between a missing profile and an empty chain.
 */
export function diagnoseCodexOutput(output: string, params: DiagnosisParams): Diagnosis {
  const text = output.toLowerCase();
  const status = /unexpected status (\d{3})\b/.exec(text)?.[1] ?? /\b(40\d|429|5\d\d)\b/.exec(text)?.[1] ?? (text.includes('"invalid_request_error"') ? '400' : undefined);
  const failure: Failure = {
    kind: status ? 'http' : 'process',
    service: status ? 'bedrock-mantle' : 'codex',
    message: output,
    ...(status ? { status: Number(status) } : {}),
    ...(params.profile ? { profile: params.profile } : {}),
    ...(params.region ? { region: params.region } : {}),
    ...(params.model ? { model: params.model } : {}),
  };
  return diagnose(failure, { ...params, detail: lastLine(output) });
}

/** The last non-empty line of a program's output, cut to 300 characters. */
export function lastLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? ''
  ).slice(0, 300);
}
