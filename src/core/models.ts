// Model availability: the intersection of what Mantle lists, what the control plane knows,
// and what the installed Codex has metadata for. Pure.
import type { FoundationModel, ModelAvailability } from '../types.js';

/** Runtime ids carry a version suffix and sometimes a geography prefix; Mantle ids carry neither. */
export function mantleIdOf(runtimeId: string): string {
  return runtimeId.replace(/^(us|eu|apac|global|us-gov)\./, '').replace(/-\d+:\d+$/, '');
}

/** Codex posts to /openai/v1/responses, which Mantle serves for OpenAI's own models. */
export function servesResponsesApi(mantleId: string): boolean {
  return mantleId.startsWith('openai.');
}

export function mergeAvailability(
  mantleModels: string[],
  foundationModels: FoundationModel[] | null,
  codexModels: string[] | null,
): ModelAvailability[] {
  const control = new Set((foundationModels ?? []).map((m) => mantleIdOf(m.modelId)));
  const codex = codexModels ? new Set(codexModels) : null;
  return [...new Set(mantleModels)]
    .filter((id) => servesResponsesApi(id) || control.has(id))
    .map((id) => ({
      id,
      responsesApi: servesResponsesApi(id),
      available: servesResponsesApi(id),
      knownToCodex: codex ? codex.has(id) : null,
      inControlPlane: control.has(id),
    }))
    .sort((a, b) => rank(a.id, codexModels) - rank(b.id, codexModels) || byCodePoint(a.id, b.id));
}

// Codex lists its catalogue strongest first; models it does not know come after, larger first.
function rank(id: string, codexModels: string[] | null): number {
  const i = codexModels?.indexOf(id) ?? -1;
  if (i >= 0) return i;
  const size = /(\d+)b$/.exec(id);
  return 1000 - (size ? Math.min(Number(size[1]), 999) : 0);
}

const FAST = /[-.](luna|mini|nano|20b)$/;

/** Defaults for the two Codex profiles: prod gets the strongest usable model, staging the fastest. */
export function pickDefaultModels(models: ModelAvailability[]): { strongest?: string; fastest?: string } {
  const usable = models.filter((m) => m.available && m.responsesApi);
  const strongest = usable[0]?.id;
  const fastest = usable.find((m) => FAST.test(m.id))?.id ?? usable[usable.length - 1]?.id;
  return { strongest, fastest };
}

// Ids are ASCII; localeCompare would first build an ICU collator (~10 ms of CPU).
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
