// Which Codex profile a check tests when none is named: one rule for smoke and doctor.

/** The profile name setup writes when none is given. */
export const DEFAULT_CODEX_PROFILE = 'bedrock-prod';

export type ProfileChoice =
  | { profile: string; why: 'asked' | 'default' | 'only' }
  /** none: no profile file at all (config.toml alone is tested); several: the user must choose. */
  | { profile: null; why: 'none' | 'several'; candidates: string[]; message?: string };

/**
 * The profile asked for; else the one setup writes; else the only one there is. With several and none
 * chosen, guessing would test a profile the user does not run: the answer says which to choose from.
 */
export function defaultCodexProfile(profiles: readonly string[], asked?: string | null, command = 'doctor'): ProfileChoice {
  if (asked) return { profile: asked, why: 'asked' };
  if (profiles.includes(DEFAULT_CODEX_PROFILE)) return { profile: DEFAULT_CODEX_PROFILE, why: 'default' };
  if (profiles.length === 1) return { profile: profiles[0]!, why: 'only' };
  if (profiles.length === 0) return { profile: null, why: 'none', candidates: [] };
  const candidates = [...profiles].sort();
  return {
    profile: null,
    why: 'several',
    candidates,
    message: `There are ${candidates.length} Codex profiles (${candidates.join(', ')}) and none is ${DEFAULT_CODEX_PROFILE}: choose one with npx codex-bedrock-setup ${command} --codex-profile ${candidates[0]}`,
  };
}
