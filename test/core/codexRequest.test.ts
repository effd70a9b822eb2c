import { describe, expect, it } from 'vitest';
import {
  CODEX_CAPTURE_SINCE,
  canCapture,
  describeRequest,
  isAdditionalToolsRefusal,
  modelCodexRequest,
  replayableHeaders,
  requestShape,
  webSearchProbe,
} from '../../src/core/codexRequest.js';

const base = { model: 'openai.gpt-5.5', prompt: 'Reply ok.', sessionId: '01a2-session' };
const parsed = (v: string | null, extra = {}) => JSON.parse(modelCodexRequest({ ...base, codexVersion: v, ...extra }).body);

describe('modelCodexRequest: the tool layout per Codex version', () => {
  it('0.169: tools at the top level (function, custom, namespace) plus the hosted web_search tool', () => {
    const b = parsed('0.169.0');
    expect(b.tools.map((t: { type: string }) => t.type)).toEqual(['function', 'custom', 'namespace', 'web_search']);
    expect(b.tools.at(-1)).toEqual({ type: 'web_search', external_web_access: false });
    expect(b.input.some((i: { type?: string }) => i.type === 'additional_tools')).toBe(false);
    expect(b).toMatchObject({ model: 'openai.gpt-5.5', stream: true, store: false, tool_choice: 'auto', parallel_tool_calls: true, prompt_cache_key: '01a2-session' });
    expect(b.input.at(-1)).toEqual({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Reply ok.' }] });
  });

  it('0.171: top-level tools hold only web_search; the first input item carries namespaces functions and collaboration', () => {
    const b = parsed('0.171.0');
    expect(b.tools).toEqual([{ type: 'web_search', external_web_access: false }]);
    const first = b.input[0];
    expect(first).toMatchObject({ type: 'additional_tools', role: 'developer' });
    expect(first.tools.map((t: { type: string; name: string }) => `${t.type}:${t.name}`)).toEqual(['namespace:functions', 'namespace:collaboration']);
    expect(first.tools[0].tools[0]).toMatchObject({ type: 'function', name: 'exec_command', parameters: { type: 'object', required: ['cmd'] } });
  });

  it('0.171 with incremental_tools_legacy = false is back to top-level tools; web_search = "disabled" removes the hosted tool', () => {
    const b = parsed('0.171.0', { incrementalToolsLegacy: false, webSearch: 'disabled' });
    expect(b.tools.map((t: { type: string }) => t.type)).toEqual(['function', 'custom', 'namespace']);
    expect(b.input[0].type).toBe('message');
  });

  it('before 0.150 no hosted web_search is sent; without Codex the newest known Codex is modelled', () => {
    expect(requestShape(modelCodexRequest({ ...base, codexVersion: '0.149.0' }).body).hostedWebSearch).toBe(false);
    const none = modelCodexRequest({ ...base, codexVersion: null });
    expect(none.codexVersion).toBe('0.171.0');
    expect(requestShape(none.body).additionalTools).toBe(true);
  });

  it('sends the headers Codex sends, with its client agent and version', () => {
    const h = modelCodexRequest({ ...base, codexVersion: '0.169.0' }).headers;
    expect(h).toMatchObject({ accept: 'text/event-stream', 'content-type': 'application/json', 'x-amzn-mantle-client-agent': 'codex', originator: 'codex_exec', 'session-id': '01a2-session' });
    expect(h['user-agent']).toBe('codex_exec/0.169.0');
  });
});

describe('capture and replay helpers', () => {
  it('captures from 0.145 (base_url allowed) and not before', () => {
    expect(CODEX_CAPTURE_SINCE).toBe('0.145.0');
    expect(canCapture('0.144.9')).toBe(false);
    expect(canCapture('0.145.0')).toBe(true);
    expect(canCapture(null)).toBe(false);
  });

  it('replays Codex headers without anything tied to a signature or a connection', () => {
    const h = replayableHeaders({
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIA…',
      'x-amz-date': '20261201T000000Z',
      'x-amz-security-token': 'secret',
      host: '127.0.0.1:1',
      'content-length': '10',
      'accept-encoding': 'zstd,gzip',
      'x-amzn-mantle-client-agent': 'codex',
      'session-id': 's',
      'x-codex-beta-features': ['a', 'b'],
    });
    expect(h).toEqual({ 'x-amzn-mantle-client-agent': 'codex', 'session-id': 's', 'x-codex-beta-features': 'a, b' });
  });

  it('recognises both reported refusals of the additional_tools item, and nothing else', () => {
    expect(isAdditionalToolsRefusal({ status: 400, message: "Invalid 'input': value did not match any expected variant" })).toBe(true);
    expect(isAdditionalToolsRefusal({ status: 400, message: "User-defined namespace 'functions' collides with an existing tool namespace" })).toBe(true);
    expect(isAdditionalToolsRefusal({ status: 400, message: "Tool type 'web_search' is not supported on this endpoint." })).toBe(false);
    expect(isAdditionalToolsRefusal({ status: 403, message: "Invalid 'input': value did not match any expected variant" })).toBe(false);
  });

  it('names the source of the request', () => {
    expect(describeRequest({ source: 'captured', codexVersion: '0.171.0' })).toBe('replayed from Codex 0.171.0');
    expect(describeRequest({ source: 'modelled', codexVersion: '0.169.0' })).toBe('modelled on Codex 0.169.0');
  });

  it('the web_search probe carries the hosted tool alone', () => {
    const b = JSON.parse(webSearchProbe('openai.gpt-5.5', 'ok?', '0.171.0', 's').body);
    expect(b.tools).toEqual([{ type: 'web_search', external_web_access: false }]);
    expect(requestShape(JSON.stringify(b)).additionalTools).toBe(false);
  });

  it('requestShape reads a malformed body as no tools', () => {
    expect(requestShape('{')).toEqual({ additionalTools: false, namespaces: [], hostedWebSearch: false, toolTypes: [] });
  });
});

describe('the additional-tools-refused diagnosis', () => {
  it.each(["Invalid 'input': value did not match any expected variant", "User-defined namespace 'functions' collides with an existing tool namespace"])('%s', async (message) => {
    const { diagnose } = await import('../../src/core/diagnosis.js');
    const d = diagnose({ kind: 'http', status: 400, errorType: 'ValidationException', service: 'bedrock-mantle', message, sentAdditionalTools: true }, { codexProfile: 'bedrock-prod', region: 'us-east-1' });
    expect(d.id).toBe('additional-tools-refused');
    // The same words without our additional_tools request (Codex's own thread) get the general entries.
    expect(diagnose({ kind: 'http', status: 400, service: 'bedrock-mantle', message }).id).not.toBe('additional-tools-refused');
    expect(d.why).toContain('Codex >= 0.171 sends its tools in an `additional_tools` input item');
    expect(d.fix).toContain('`[features] incremental_tools_legacy = false` to ~/.codex/bedrock-prod.config.toml');
    expect(d.fix).toContain('codex --disable incremental_tools_legacy');
  });
});
