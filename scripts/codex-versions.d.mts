export const MATRIX_VERSIONS: string[];
export const CI_VERSIONS: string[];
export function selectedVersions(spec?: string): string[];
export function codexPrefix(version: string): string;
export function codexBinary(version: string): string;
export function ensureCodexVersions(versions?: string[], log?: (line: string) => void): Record<string, string>;
