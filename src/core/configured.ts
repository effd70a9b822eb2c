// What an earlier run (or the user) already configured, as defaults for this one. Pure.
import { DEFAULT_CODEX_PROFILE } from './defaults.js';

export interface ConfiguredProfile {
  name: string;
  model?: string;
  region?: string;
  awsProfile?: string;
  provider?: string;
}

/** The Codex profiles that use one of Codex's Bedrock providers, in file order. */
export interface ConfiguredSetup {
  profiles: ConfiguredProfile[];
}

export const NOTHING_CONFIGURED: ConfiguredSetup = { profiles: [] };

/** The profile a one-profile run writes: the one given, else the only one configured, else the default (kept or created). */
export function defaultCodexProfileName(configured: ConfiguredSetup, given?: string): string {
  if (given) return given;
  const names = configured.profiles.map((p) => p.name);
  if (names.length === 1) return names[0]!;
  return DEFAULT_CODEX_PROFILE;
}

export function configuredProfile(configured: ConfiguredSetup, name: string): ConfiguredProfile | undefined {
  return configured.profiles.find((p) => p.name === name);
}

/** The model to keep for a profile: its configured one when the region still serves it (or nothing could be listed). */
export function keptModel(configured: ConfiguredSetup, name: string, listed: string[] | null): string | undefined {
  const model = configuredProfile(configured, name)?.model;
  if (!model) return undefined;
  return listed === null || listed.includes(model) ? model : undefined;
}
