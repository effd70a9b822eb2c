// The part of a Responses answer both OpenAI-compatible endpoints share: hosted-tool refusal, then
// the reply as JSON or as SSE on the state's timetable.
import { randomBytes } from 'node:crypto';
import { type Call, sendJson } from '../call.js';
import { sendError } from '../errors.js';
import { estimateInputTokens, lastUserText, replyTokens } from '../reply.js';
import { streamResponse } from '../sse.js';
import { completedResponse } from './response-object.js';

// Hosted tools, refused unless the endpoint runs them. Codex's own tool types
// (function, custom, namespace, tool_search, mcp) must pass or real Codex turns break.
const HOSTED_TOOLS = new Set([
  'web_search',
  'web_search_preview',
  'file_search',
  'code_interpreter',
  'image_generation',
  'computer_use_preview',
]);

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Answers a request naming a hosted tool the endpoint does not run; true when it did. */
/** Both surfaces answer an unknown or unserved model the same way. */
export function sendModelNotFound(call: Call, model: string): void {
  sendError(call, {
    status: 404,
    code: 'ResourceNotFoundException',
    message: `The model '${model}' does not exist or you do not have access to it.`,
    openaiCode: 'model_not_found',
    openaiType: 'invalid_request_error',
  });
}

export function refuseHostedTools(call: Call, body: Record<string, unknown>, acceptHosted: boolean): boolean {
  if (acceptHosted) return false;
  const tools = Array.isArray(body.tools) ? (body.tools as { type?: unknown }[]) : [];
  const hosted = tools.find((t) => typeof t?.type === 'string' && HOSTED_TOOLS.has(t.type));
  if (!hosted) return false;
  sendError(call, {
    status: 400,
    code: 'ValidationException',
    message: `Tool type '${String(hosted.type)}' is not supported on this endpoint.`,
    openaiCode: 'unsupported_tool',
    openaiType: 'invalid_request_error',
  });
  return true;
}

/** The model's reply to an accepted request: streamed when the body asks for it. */
export async function answerResponses(call: Call, body: Record<string, unknown>, model: string): Promise<void> {
  const tokens = replyTokens(lastUserText(body.input), model, call.route.region, call.state.replyTokens);
  const ids = { response: `resp_${randomBytes(12).toString('hex')}`, message: `msg_${randomBytes(12).toString('hex')}` };
  const usage = { input_tokens: estimateInputTokens(body.input), output_tokens: tokens.length };
  const { headersMs, firstTokenMs, interTokenMs } = call.state.delays;
  if (headersMs > 0) await delay(headersMs);
  if (body.stream === true) {
    await streamResponse(call, { model, ids, tokens, usage, firstTokenMs, interTokenMs });
    return;
  }
  // A non-streaming answer arrives when the last token would have.
  await delay(tokens.length > 0 ? firstTokenMs + (tokens.length - 1) * interTokenMs : 0);
  sendJson(call, 200, completedResponse(model, ids, tokens.join(''), usage));
}
