// Each command's time limit: armed before the command starts, so it stays light (the diagnosis that explains an
// expiry loads only when the limit passes).
import type { CliOptions } from '../args.js';
import { specOf } from '../cli/flags.js';
import { printJson, type Io } from './context.js';

/** Each command's ceiling in seconds (its flag table's; --timeout changes it); every network call has its own shorter deadline inside. */
export function ceilingSeconds(options: Pick<CliOptions, 'command' | 'teamCommand' | 'auth' | 'timeoutS'>): number | null {
  if (options.timeoutS !== undefined) return options.timeoutS;
  const spec = specOf(options);
  return options.auth === 'sso' && spec.ceilingSsoS !== undefined ? spec.ceilingSsoS : spec.ceilingS;
}

/**
 * Ends the process with the command-timeout diagnosis when the ceiling passes, whatever is still
 * waiting (a socket, a child, a file). Returns a function that disarms it.
 */
export function armCeiling(options: Pick<CliOptions, 'command' | 'teamCommand' | 'auth' | 'timeoutS' | 'json'>, io: Io, onExpiry: () => void = () => undefined): () => void {
  const seconds = ceilingSeconds(options);
  if (seconds === null) return () => undefined;
  const timer = setTimeout(async () => {
    const [{ explain }, { sayDiagnosis }] = await Promise.all([import('../core/diagnosis.js'), import('./common.js')]);
    const d = explain('command-timeout', { detail: `${seconds} s` });
    sayDiagnosis(io, d);
    if (options.json) printJson(io, { ok: false, error: d });
    onExpiry();
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
  return () => clearTimeout(timer);
}
