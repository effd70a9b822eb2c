// Rows for the live model table and the suggested model per Codex profile. Pure; ordering and
// defaults come from core/models so the wizard and the `models` command agree.
import { mergeAvailability, pickDefaultModels, surfaceOf } from '../core/models.js';
import type { MantleSurface } from '../types.js';

import type { Listing } from '../flows/setup.js';

export type { Listing };

export interface ModelRow {
  id: string;
  /** Served by Mantle in the chosen region (undefined while asking). */
  here: boolean | undefined;
  /** Other validated regions that list it. */
  elsewhere: string[];
  /** null when the Codex catalogue is unknown. */
  knownToCodex: boolean | null;
  /** Mantle serves it but Codex has no metadata: Codex runs it with fallback settings. */
  fallbackMetadata: boolean;
  /** /v1 (open-weight) cannot be reached by Codex's built-in provider, which posts to /openai/v1. */
  surface: MantleSurface;
}

/** Models usable here, strongest first. */
export function usableModels(here: Listing, codex: string[] | null | undefined): string[] {
  return mergeAvailability(here ?? [], null, codex ?? null)
    .filter((m) => m.available)
    .map((m) => m.id);
}

/** Usable models first, then what else this region lists (open-weight, on /v1), then Codex catalogue entries it does not serve. */
export function modelRows(input: { here: Listing; elsewhere: Record<string, Listing>; codex: string[] | null | undefined }): ModelRow[] {
  const ids = [...usableModels(input.here, input.codex)];
  for (const m of mergeAvailability(input.here ?? [], null, input.codex ?? null)) if (!ids.includes(m.id)) ids.push(m.id);
  for (const id of input.codex ?? []) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => {
    const here = Array.isArray(input.here) ? input.here.includes(id) : undefined;
    const knownToCodex = input.codex ? input.codex.includes(id) : null;
    const surface = surfaceOf(id) ?? '/v1';
    return {
      id,
      here,
      elsewhere: Object.entries(input.elsewhere)
        .filter(([, list]) => Array.isArray(list) && list.includes(id))
        .map(([region]) => region),
      knownToCodex,
      fallbackMetadata: here === true && knownToCodex === false && surface === '/openai/v1',
      surface,
    };
  });
}

/** The first Codex profile (prod) gets the strongest model, the others (staging) the fastest. */
export function suggestedModel(index: number, here: Listing, codex: string[] | null | undefined): string | undefined {
  const d = pickDefaultModels(mergeAvailability(here ?? [], null, codex ?? null));
  return index === 0 ? d.strongest : d.fastest;
}
