// Bedrock Mantle's OpenAI surface: model list and the Responses API (JSON or SSE).
import { randomBytes } from 'node:crypto';
import { allowsModel, allowsRegion, authenticate, notAuthorized } from '../auth.js';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError, type AwsError } from '../errors.js';
import { estimateInputTokens, lastUserText, replyTokens } from '../reply.js';
import { streamResponse } from '../sse.js';
import type { AdditionalToolsMode, EmulatorIdentity } from '../state.js';
import { refuseWrongSurface } from '../surfaces.js';
import { completedResponse } from './response-object.js';

// Hosted tools, refused unless the state says this endpoint runs them. Codex's own tool types
// (function, custom, namespace, tool_search, mcp) must pass or real Codex turns break.
const HOSTED_TOOLS = new Set([
  'web_search',
  'web_search_preview',
  'file_search',
  'code_interpreter',
  'image_generation',
  'computer_use_preview',
]);

const MODEL_CREATED = 1_735_689_600;

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function handleMantle(call: Call): Promise<void> | void {
  const path = call.route.path.replace(/\/$/, '');
  const method = call.req.method ?? 'GET';
  if (method === 'GET' && (path === '/v1/models' || path === '/openai/v1/models')) return listModels(call);
  if (method === 'POST' && (path === '/v1/responses' || path === '/openai/v1/responses')) return responses(call);
  sendError(call, { status: 404, code: 'NotFoundException', message: `Unknown request URL: ${method} ${path}.`, openaiCode: 'unknown_url', openaiType: 'invalid_request_error' });
}

function projectArn(call: Call, identity: EmulatorIdentity): string {
  return `arn:aws:bedrock-mantle:${call.route.region}:${identity.account}:project/default`;
}

function listModels(call: Call): void {
  const identity = authenticate(call);
  if (!identity) return;
  if (identity.allow?.listMantleModels === false || !allowsRegion(identity, call.route.region)) {
    sendError(call, { status: 403, code: 'AccessDeniedException', message: notAuthorized(identity, 'bedrock-mantle:ListModels', projectArn(call, identity)) });
    return;
  }
  const models = call.state.regions[call.route.region]?.mantleModels ?? [];
  sendJson(call, 200, {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: id.split('.')[0] ?? 'system' })),
  });
}

type Item = { type?: unknown; name?: unknown; tools?: unknown };
const itemsOf = (v: unknown): Item[] => (Array.isArray(v) ? (v as Item[]) : []);

/** The two answers reported from Mantle for Codex 0.171's tool layout, worded as Mantle's validator words them. */
function additionalToolsRefusal(mode: AdditionalToolsMode, body: Record<string, unknown>): AwsError | undefined {
  if (mode === 'accept') return undefined;
  const extra = itemsOf(body.input).filter((i) => i?.type === 'additional_tools');
  if (mode === 'invalid-input') {
    return extra.length
      ? { status: 400, code: 'ValidationException', message: "Invalid 'input': value did not match any expected variant", openaiCode: 'invalid_value', openaiType: 'invalid_request_error' }
      : undefined;
  }
  const tools = [...itemsOf(body.tools), ...extra.flatMap((i) => itemsOf(i.tools))];
  return tools.some((t) => t?.type === 'namespace' && t.name === 'functions')
    ? {
        status: 400,
        code: 'ValidationException',
        message: "User-defined namespace 'functions' collides with an existing tool namespace",
        openaiCode: 'invalid_value',
        openaiType: 'invalid_request_error',
      }
    : undefined;
}

async function responses(call: Call): Promise<void> {
  const identity = authenticate(call);
  if (!identity) return;
  const deny = () =>
    sendError(call, { status: 403, code: 'AccessDeniedException', message: notAuthorized(identity, 'bedrock-mantle:CreateInference', projectArn(call, identity)) });
  if (!allowsRegion(identity, call.route.region)) return deny();

  const body = jsonBody(call);
  if (!body) {
    sendError(call, { status: 400, code: 'ValidationException', message: 'We could not parse the JSON body of your request.', openaiCode: 'invalid_json' });
    return;
  }
  const model = typeof body.model === 'string' ? body.model : '';
  if (refuseWrongSurface(call, model)) return;
  const catalogue = call.state.regions[call.route.region];
  const served = catalogue?.responsesModels ?? catalogue?.mantleModels ?? [];
  if (!model || !served.includes(model)) {
    sendError(call, {
      status: 404,
      code: 'ResourceNotFoundException',
      message: `The model '${model}' does not exist or you do not have access to it.`,
      openaiCode: 'model_not_found',
      openaiType: 'invalid_request_error',
    });
    return;
  }
  if (!allowsModel(identity, model)) return deny();
  const refusal = additionalToolsRefusal(call.state.additionalTools ?? 'accept', body);
  if (refusal) {
    sendError(call, refusal);
    return;
  }
  const tools = Array.isArray(body.tools) ? (body.tools as { type?: unknown }[]) : [];
  const hosted = call.state.acceptHostedTools ? undefined : tools.find((t) => typeof t?.type === 'string' && HOSTED_TOOLS.has(t.type));
  if (hosted) {
    sendError(call, {
      status: 400,
      code: 'ValidationException',
      message: `Tool type '${String(hosted.type)}' is not supported on this endpoint.`,
      openaiCode: 'unsupported_tool',
      openaiType: 'invalid_request_error',
    });
    return;
  }

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
