import type { BuildOptions } from 'esbuild';
/** Character class (regex source, without brackets) that string-width's patched fast path counts one column each. */
export const NARROW_SYMBOLS: string;
export function cliBuildOptions(): BuildOptions;
export function oneFileBuildOptions(outfile: string): BuildOptions;
