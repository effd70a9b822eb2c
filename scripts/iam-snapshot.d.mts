export const USED: Record<string, { actions: string[]; resourceTypes: string[]; conditionKeys: string[] }>;
export function buildSnapshot(iam: unknown): Promise<unknown>;
export const SNAPSHOT_PATH: string;
