// The smoke test, Ink-free: the request Codex sends, replayed against Bedrock. `smoke`, `setup` and the
// wizard all run it from here, so all three send the same prompt and the same request.
import { randomUUID } from 'node:crypto';
import {
  canCapture,
  describeRequest,
  isAdditionalToolsRefusal,
  modelCodexRequest,
  requestShape,
  webSearchProbe,
  type CodexRequest,
} from '../core/codexRequest.js';
import { ServiceError } from '../services/errors.js';
import type { Services } from '../services/types.js';
import type { AuthChoice, SmokeEvent, SmokeResult } from '../types.js';

export { SMOKE_PROMPT } from '../core/defaults.js';

export interface SmokeInput {
  auth: AuthChoice;
  region: string;
  model: string;
  prompt: string;
  /** The Codex profile whose request is replayed; null models one from the model alone. */
  codexProfile: string | null;
  /** Which Codex provider's endpoint to call; Mantle when absent. */
  provider?: 'mantle' | 'runtime';
}

/** Codex's own request when the installed Codex can be asked, else one modelled on its version. */
export async function codexRequestFor(services: Services, input: SmokeInput): Promise<CodexRequest> {
  const codex = await services.tools.findCodex();
  const version = codex?.version ?? null;
  const settings = input.codexProfile ? await services.config.readCodexSettings(input.codexProfile).catch(() => null) : null;
  const modelled = (note: string) => ({
    ...modelCodexRequest({
      model: input.model,
      prompt: input.prompt,
      codexVersion: version,
      sessionId: randomUUID(),
      // Without a profile file the request is modelled as setup writes one by default: no hosted web_search.
      webSearch: settings?.profileExists ? settings.webSearch : 'disabled',
      ...(settings?.incrementalToolsLegacy !== undefined ? { incrementalToolsLegacy: settings.incrementalToolsLegacy } : {}),
    }),
    note,
  });
  if (!codex) return modelled('Codex is not installed');
  if (!version || !canCapture(version)) return modelled(`Codex ${version ?? '(unknown version)'} cannot be pointed at a recorder`);
  if (!input.codexProfile || !settings?.profileExists) return modelled('no Codex profile file to replay');
  // The recorder stands in for the amazon-bedrock provider only; another provider would post elsewhere.
  if (settings.modelProvider && settings.modelProvider !== 'amazon-bedrock') return modelled(`the profile uses model_provider ${settings.modelProvider}`);
  const captured = await services.tools
    .captureCodexRequest({ codexProfile: input.codexProfile, region: input.region, prompt: input.prompt })
    .catch((e: unknown) => ({ ok: false as const, reason: `the capture could not run (${e instanceof Error ? e.message : String(e)})` }));
  if (!captured.ok) return modelled(captured.reason);
  return { body: withModel(captured.body, input.model), headers: captured.headers, source: 'captured', codexVersion: version };
}

/** `smoke --model X` tries another model with the profile's request. */
function withModel(body: string, model: string): string {
  const j = JSON.parse(body) as { model?: string };
  return j.model === model ? body : JSON.stringify({ ...j, model });
}

/** Finds Codex's request, then streams it against Bedrock with Codex's signing. */
/** `recorded`: Codex's request for this input, recorded ahead (the wizard does it while the choice is read). */
export async function runSmokeCheck(
  services: Services,
  input: SmokeInput,
  onEvent: (e: SmokeEvent) => void,
  signal?: AbortSignal,
  recorded?: Promise<CodexRequest>,
): Promise<SmokeResult> {
  const request = await (recorded ? recorded.catch(() => codexRequestFor(services, input)) : codexRequestFor(services, input));
  const shape = requestShape(request.body);
  const result = await services.aws.smokeTest(
    {
      auth: input.auth,
      region: input.region,
      model: input.model,
      prompt: input.prompt,
      request: { body: request.body, headers: request.headers },
      ...(input.provider ? { provider: input.provider } : {}),
    },
    onEvent,
    signal,
  );
  return {
    ...result,
    ...(result.failure && shape.additionalTools ? { failure: { ...result.failure, sentAdditionalTools: true } } : {}),
    request: {
      source: request.source,
      codexVersion: request.codexVersion,
      ...(request.note ? { note: request.note } : {}),
      additionalTools: shape.additionalTools,
      toolTypes: shape.toolTypes,
      headers: Object.keys(request.headers).sort(),
    },
  };
}

/** The failure `[features] incremental_tools_legacy = false` fixes: the endpoint refused Codex's `additional_tools` item. */
export function needsTopLevelTools(s: SmokeResult): boolean {
  return !s.ok && !!s.failure && !!s.request?.additionalTools && isAdditionalToolsRefusal(s.failure);
}

export type WebSearchDecision = { webSearch: 'keep' | 'disabled'; reason: string };

/**
 * Asks the endpoint whether it runs Codex's hosted web_search tool: kept when it answers, disabled when it
 * refuses (with its words), and disabled when the probe itself could not get an answer.
 */
export async function probeWebSearch(services: Pick<Services, 'aws' | 'tools'>, input: Omit<SmokeInput, 'codexProfile' | 'prompt'>, signal?: AbortSignal): Promise<WebSearchDecision> {
  const codex = await services.tools.findCodex();
  const probe = webSearchProbe(input.model, 'Reply with the word ok.', codex?.version ?? null, randomUUID());
  const r = await services.aws.smokeTest({ ...input, prompt: 'Reply with the word ok.', request: { body: probe.body, headers: probe.headers } }, () => {}, signal);
  if (r.ok) return { webSearch: 'keep', reason: `${input.region} ran Codex's hosted web_search tool` };
  const f = r.failure;
  if (f?.status === 400) return { webSearch: 'disabled', reason: `${input.region} refused Codex's hosted web_search tool: ${f.message ?? 'HTTP 400'}` };
  // Not an answer about web search: the sign-in or the network failed, and every next step would too.
  if (f && (f.kind === 'credentials' || f.kind === 'network' || f.status === 401)) throw new ServiceError(f);
  return { webSearch: 'disabled', reason: `the web_search probe got no answer (${f?.message ?? f?.kind ?? 'failed'}); disabled to be safe` };
}

export function describeLatency(s: SmokeResult): string {
  const l = s.latency;
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
  return `headers ${ms(l.headersMs)}, first token ${ms(l.ttftMs)}, ${l.outputTokens} tokens at ${l.tokensPerSecond === null ? '–' : l.tokensPerSecond.toFixed(1)} tokens/s, total ${ms(l.totalMs)}`;
}

/** One profile's verdict in a line (the wizard's smoke and done screens): first token, throughput, total. */
export function smokeFigures(s: SmokeResult): string {
  const l = s.latency;
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
  return `TTFT ${ms(l.ttftMs)} · ${l.tokensPerSecond === null ? '–' : l.tokensPerSecond.toFixed(1)} tokens/s · total ${ms(l.totalMs)}`;
}

/** "replayed from Codex 0.171.0" or "modelled on Codex 0.171.0 (Codex is not installed)". */
export function describeSmokeRequest(s: SmokeResult): string {
  if (!s.request) return 'a minimal request';
  return `${describeRequest(s.request)}${s.request.source === 'modelled' && s.request.note ? ` (${s.request.note})` : ''}`;
}

export function smokeJson(s: SmokeResult) {
  return {
    ok: s.ok,
    model: s.model,
    region: s.region,
    endpoint: s.endpoint,
    auth: s.auth,
    request: s.request ?? null,
    ttftMs: s.latency.ttftMs,
    headersMs: s.latency.headersMs,
    totalMs: s.latency.totalMs,
    interTokenP50Ms: s.latency.interTokenP50Ms,
    interTokenP95Ms: s.latency.interTokenP95Ms,
    outputTokens: s.latency.outputTokens,
    tokensPerSecond: s.latency.tokensPerSecond,
    text: s.text,
  };
}
