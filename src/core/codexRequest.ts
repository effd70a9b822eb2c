// The request a Codex turn sends to Bedrock Mantle, modelled per Codex version for when the installed
// Codex cannot be asked (too old or absent), and read back from a captured one. Pure: no I/O.
import { codexSince, compareVersions, NEWEST_KNOWN_CODEX } from './codexVersions.js';

/** base_url allowed, so the installed Codex can be pointed at a local recorder. */
export const CODEX_CAPTURE_SINCE = codexSince('request-capture');
const HOSTED_WEB_SEARCH_SINCE = codexSince('hosted-web-search');
/** The tools move into an `additional_tools` input item (feature incremental_tools_legacy). */
export const ADDITIONAL_TOOLS_SINCE = codexSince('additional-tools');
// Modelled requests without an installed Codex follow the newest Codex we know.
export { NEWEST_KNOWN_CODEX };

export interface CodexRequest {
  /** JSON text, exactly as it goes on the wire. */
  body: string;
  /** Headers Codex adds before auth (no authorization, x-amz-date, host). */
  headers: Record<string, string>;
  source: 'captured' | 'modelled';
  codexVersion: string;
  /** Why a captured request could not be used, when it was modelled instead. */
  note?: string;
}

export interface ModelInput {
  model: string;
  prompt: string;
  /** null: no Codex installed; the newest known Codex is modelled. */
  codexVersion: string | null;
  /** The profile's web_search setting ("disabled" removes the hosted tool). */
  webSearch?: string;
  /** The profile's [features] incremental_tools_legacy (false restores top-level tools on 0.171). */
  incrementalToolsLegacy?: boolean;
  /** Ids Codex puts in its headers; random per turn. */
  sessionId: string;
}

export const canCapture = (codexVersion: string | null): boolean => !!codexVersion && compareVersions(codexVersion, CODEX_CAPTURE_SINCE) >= 0;

const EXEC_COMMAND = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command in a PTY, returning output or a session ID for ongoing interaction.',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      cmd: { type: 'string', description: 'Shell command to execute.' },
      workdir: { type: 'string', description: 'Working directory for the command. Defaults to the turn cwd.' },
      yield_time_ms: { type: 'number', description: 'Wait before yielding output. Defaults to 10000 ms.' },
    },
    required: ['cmd'],
    additionalProperties: false,
  },
};

const APPLY_PATCH = {
  type: 'custom',
  name: 'apply_patch',
  description: 'The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF\nend_patch: "*** End Patch" LF?\nhunk: /(.|\\n)+/\n%import common.LF' },
};

const SPAWN_AGENT = {
  type: 'function',
  name: 'spawn_agent',
  description: 'Starts a sub-agent for a delegated task.',
  strict: false,
  parameters: { type: 'object', properties: { task: { type: 'string' } }, required: ['task'], additionalProperties: false },
};

const namespace = (name: string, tools: object[]) => ({ type: 'namespace', name, description: '', tools });

/** The tool layout and headers of a Codex turn, as observed per version (see the version matrix facts). */
export function modelCodexRequest(input: ModelInput): CodexRequest {
  const version = input.codexVersion ?? NEWEST_KNOWN_CODEX;
  const at = (v: string) => compareVersions(version, v) >= 0;
  const webSearch = at(HOSTED_WEB_SEARCH_SINCE) && input.webSearch !== 'disabled' ? [{ type: 'web_search', external_web_access: false }] : [];
  const additional = at(ADDITIONAL_TOOLS_SINCE) && input.incrementalToolsLegacy !== false;
  const user = { type: 'message', role: 'user', content: [{ type: 'input_text', text: input.prompt }] };
  const instructions = { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex, a coding agent.' }] };
  const input_ = additional
    ? [{ type: 'additional_tools', role: 'developer', tools: [namespace('functions', [EXEC_COMMAND, APPLY_PATCH]), namespace('collaboration', [SPAWN_AGENT])] }, instructions, user]
    : [instructions, user];
  const tools = additional ? webSearch : [EXEC_COMMAND, APPLY_PATCH, namespace('collaboration', [SPAWN_AGENT]), ...webSearch];
  const body = {
    model: input.model,
    stream: true,
    input: input_,
    tools,
    tool_choice: 'auto',
    parallel_tool_calls: true,
    reasoning: { effort: 'medium' },
    store: false,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: input.sessionId,
  };
  return {
    body: JSON.stringify(body),
    headers: codexHeaders(version, input.sessionId),
    source: 'modelled',
    codexVersion: version,
  };
}

function codexHeaders(version: string, sessionId: string): Record<string, string> {
  return {
    accept: 'text/event-stream',
    'content-type': 'application/json',
    'x-amzn-mantle-client-agent': 'codex',
    originator: 'codex_exec',
    'user-agent': `codex_exec/${version}`,
    'session-id': sessionId,
    'thread-id': sessionId,
    'x-client-request-id': sessionId,
  };
}

// Headers that belong to one connection or one signature, never replayed: we sign afresh.
const NOT_REPLAYED = new Set(['authorization', 'host', 'content-length', 'connection', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'accept-encoding', 'transfer-encoding']);

/** The headers of a captured request that a replay sends again (auth and transport headers dropped). */
export function replayableHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    if (v === undefined || NOT_REPLAYED.has(key)) continue;
    out[key] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export interface RequestShape {
  /** An `additional_tools` input item carries the tools (Codex >= 0.171 default). */
  additionalTools: boolean;
  /** Namespace names found in the tools, wherever they are. */
  namespaces: string[];
  hostedWebSearch: boolean;
  toolTypes: string[];
}

/** What kind of tool layout a request body has: for the report and for the diagnosis. */
export function requestShape(body: string): RequestShape {
  let j: { input?: unknown; tools?: unknown };
  try {
    j = JSON.parse(body) as typeof j;
  } catch {
    return { additionalTools: false, namespaces: [], hostedWebSearch: false, toolTypes: [] };
  }
  const items = Array.isArray(j.input) ? (j.input as { type?: unknown; tools?: unknown }[]) : [];
  const extra = items.filter((i) => i?.type === 'additional_tools');
  const all = [...(Array.isArray(j.tools) ? j.tools : []), ...extra.flatMap((i) => (Array.isArray(i.tools) ? i.tools : []))] as { type?: unknown; name?: unknown }[];
  const types = [...new Set(all.map((t) => String(t?.type)))];
  return {
    additionalTools: extra.length > 0,
    namespaces: all.filter((t) => t?.type === 'namespace' && typeof t.name === 'string').map((t) => t.name as string),
    hostedWebSearch: all.some((t) => t?.type === 'web_search'),
    toolTypes: types,
  };
}

/** "replayed from Codex 0.171.0" / "modelled on Codex 0.171.0". */
export function describeRequest(r: Pick<CodexRequest, 'source' | 'codexVersion'>): string {
  return r.source === 'captured' ? `replayed from Codex ${r.codexVersion}` : `modelled on Codex ${r.codexVersion}`;
}

const REFUSALS = [/invalid 'input': value did not match any expected variant/i, /namespace 'functions' collides/i];

/** Mantle's two reported answers to Codex 0.171's `additional_tools` item (or its `functions` namespace). */
export function isAdditionalToolsRefusal(f: { status?: number; message?: string }): boolean {
  return f.status === 400 && REFUSALS.some((r) => r.test(f.message ?? ''));
}

/** A one-tool request that asks only whether the endpoint runs Codex's hosted web_search tool. */
export function webSearchProbe(model: string, prompt: string, codexVersion: string | null, sessionId: string): CodexRequest {
  const base = modelCodexRequest({ model, prompt, codexVersion, sessionId, incrementalToolsLegacy: false });
  const body = JSON.parse(base.body) as Record<string, unknown>;
  body.tools = [{ type: 'web_search', external_web_access: false }];
  return { ...base, body: JSON.stringify(body) };
}
