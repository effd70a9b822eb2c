// Bedrock Mantle's OpenAI surface: model list and the Responses API (JSON or SSE).
import { allowsModel, allowsRegion, authenticate, notAuthorized } from '../auth.js';
import { type Call, jsonBody, sendJson } from '../call.js';
import { sendError, type AwsError } from '../errors.js';
import type { AdditionalToolsMode, EmulatorIdentity } from '../state.js';
import { refuseWrongSurface } from '../surfaces.js';
import { answerResponses, refuseHostedTools, sendModelNotFound } from './answer.js';

const MODEL_CREATED = 1_735_689_600;

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
    sendModelNotFound(call, model);
    return;
  }
  if (!allowsModel(identity, model)) return deny();
  const refusal = additionalToolsRefusal(call.state.additionalTools ?? 'accept', body);
  if (refusal) {
    sendError(call, refusal);
    return;
  }
  if (refuseHostedTools(call, body, call.state.acceptHostedTools === true)) return;
  await answerResponses(call, body, model);
}
