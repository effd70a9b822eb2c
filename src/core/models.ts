// Model availability: the intersection of what Mantle lists, what the control plane knows,
// and what the installed Codex has metadata for. Pure.
import type { FoundationModel, MantleSurface, ModelAvailability } from '../types.js';
import { FALLBACK_CATALOGUE } from './codexCatalogue.fallback.js';

/** Runtime ids carry a version suffix and sometimes a geography prefix; Mantle ids carry neither. */
export function mantleIdOf(runtimeId: string): string {
  return runtimeId.replace(/^(us|eu|apac|global|us-gov)\./, '').replace(/-\d+:\d+$/, '');
}

// A vendor prefix has no digits: `gpt-5.6-sol` is an OpenAI id missing its `openai.`, not a vendor `gpt-5`.
const VENDOR = /^[a-z]+(-[a-z]+)*\./;

/**
 * Mantle serves OpenAI's proprietary models under /openai/v1 and open-weight ones (gpt-oss, other vendors'
 * open models) under /v1. Ids without a vendor prefix are not Mantle ids at all: null.
 */
export function surfaceOf(mantleId: string): MantleSurface | null {
  if (!VENDOR.test(mantleId)) return null;
  return mantleId.startsWith('openai.') && !isOpenWeight(mantleId) ? '/openai/v1' : '/v1';
}

export function isOpenWeight(mantleId: string): boolean {
  return VENDOR.test(mantleId) && (!mantleId.startsWith('openai.') || mantleId.startsWith('openai.gpt-oss'));
}

/** Codex's built-in amazon-bedrock provider always posts to /openai/v1/responses. */
export function servesResponsesApi(mantleId: string): boolean {
  return surfaceOf(mantleId) === '/openai/v1';
}

/**
 * Models Codex runs for itself beside the chosen one (titles, summaries, sub-agents): a policy limited to
 * the chosen model denies them. Older Codex used openai.gpt-5.4.
 */
export const CODEX_BACKGROUND_MODELS = ['openai.gpt-5.6-luna', 'openai.gpt-5.6-terra'] as const;

/** Where the ranking came from: the installed Codex, or the catalogue stored at build time. */
export type RankingSource = { source: 'codex' } | { source: 'fallback'; codexVersion: string };

export function rankingSource(codexModels: readonly string[] | null): RankingSource {
  return codexModels ? { source: 'codex' } : { source: 'fallback', codexVersion: FALLBACK_CATALOGUE.codexVersion };
}

export function mergeAvailability(
  mantleModels: string[],
  foundationModels: FoundationModel[] | null,
  codexModels: string[] | null,
): ModelAvailability[] {
  const control = new Set((foundationModels ?? []).map((m) => mantleIdOf(m.modelId)));
  const codex = codexModels ? new Set(codexModels) : null;
  const order: readonly string[] = codexModels ?? FALLBACK_CATALOGUE.models;
  return [...new Set(mantleModels)]
    .filter((id) => id.startsWith('openai.') || control.has(id))
    .map((id) => ({
      id,
      surface: surfaceOf(id) ?? '/v1',
      responsesApi: servesResponsesApi(id),
      available: servesResponsesApi(id),
      knownToCodex: codex ? codex.has(id) : null,
      inControlPlane: control.has(id),
    }))
    .sort((a, b) => rank(a.id, order) - rank(b.id, order) || byCodePoint(a.id, b.id));
}

// Codex lists its catalogue strongest first; proprietary models it does not know come next, open-weight ones last.
function rank(id: string, order: readonly string[]): number {
  const i = order.indexOf(id);
  if (i >= 0) return i;
  return servesResponsesApi(id) ? 1000 : 2000;
}

const FAST = /[-.](luna|mini|nano)$/;

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
