// Codex feature switches written into a profile file. Pure: text in, text out, comments kept.
import { setKey } from './tomlEdit.js';

/**
 * Codex 0.171 sends its tools in an `additional_tools` input item unless this feature is off; off restores
 * the top-level `tools` of 0.169, which endpoints that refuse the new item accept.
 */
export const LEGACY_TOOLS_FEATURE = 'incremental_tools_legacy';

/** The one-run form of the same fix, for people who do not want it written. */
export const LEGACY_TOOLS_FLAG = `--disable ${LEGACY_TOOLS_FEATURE}`;

/** The profile file with `[features] incremental_tools_legacy = false`, everything else byte for byte. */
export function withTopLevelTools(profileToml: string, fileName: string): string {
  return setKey(profileToml, ['features'], LEGACY_TOOLS_FEATURE, false, { fileName });
}
