import { StatusLine } from './StatusLine.js';
import { useLayout } from './terminalSize.js';
import { smokeFigures } from '../../flows/smoke.js';
import type { SmokeResult } from '../../types.js';

/**
 * A Codex profile's smoke test verdict: "✓ bedrock-prod: openai.gpt-5.5 · TTFT … · tokens/s · total", in one line
 * where it fits, else the figures on a hanging second line (never a break in the middle of a figure).
 */
export function ProfileVerdict({ name, result, label = '' }: { name: string; result: SmokeResult; label?: string }) {
  const { columns } = useLayout();
  const status = result.ok ? 'pass' : 'fail';
  return verdictRows(name, result, columns, label) === 1 ? (
    <StatusLine status={status} text={`${name}: ${result.model} · ${label}${smokeFigures(result)}`} />
  ) : (
    <StatusLine status={status} text={`${name}: ${result.model}`} detail={`${label}${smokeFigures(result)}`} />
  );
}

/** The rows a verdict takes at this width (screens budget their height with it). */
export function verdictRows(name: string, result: SmokeResult, columns: number, label = ''): number {
  // Two columns go to the ✓ and its space.
  return `${name}: ${result.model} · ${label}${smokeFigures(result)}`.length <= columns - 2 ? 1 : 2;
}
