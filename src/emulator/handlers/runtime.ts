// Bedrock Runtime's OpenAI-compatible Responses API (Codex's amazon-bedrock-runtime provider, 0.148+):
// POST /openai/v1/responses, SigV4 service `bedrock`, model ids plain or behind a geography prefix.
import { parseRuntimeModel } from '../../core/iam/runtimeModels.js';
import { allowsModel, allowsRegion, authenticate, notAuthorized } from '../auth.js';
import { type Call, jsonBody } from '../call.js';
import { sendError } from '../errors.js';
import type { EmulatorIdentity } from '../state.js';
import { answerResponses, refuseHostedTools, sendModelNotFound } from './answer.js';

export function handleRuntime(call: Call): Promise<void> | void {
  const path = call.route.path.replace(/\/$/, '');
  const method = call.req.method ?? 'GET';
  if (method === 'POST' && path === '/openai/v1/responses') return responses(call);
  sendError(call, { status: 404, code: 'UnknownOperationException', message: `Unknown request URL: ${method} ${path}.`, openaiCode: 'unknown_url', openaiType: 'invalid_request_error' });
}

/** The resource AWS authorizes: the inference profile for a prefixed id, else the foundation model. */
function resourceArn(call: Call, identity: EmulatorIdentity, model: string): string {
  const { geography } = parseRuntimeModel(model);
  return geography
    ? `arn:aws:bedrock:${call.route.region}:${identity.account}:inference-profile/${model}`
    : `arn:aws:bedrock:${call.route.region}::foundation-model/${model}`;
}

async function responses(call: Call): Promise<void> {
  const identity = authenticate(call);
  if (!identity) return;
  const body = jsonBody(call);
  if (!body) {
    sendError(call, { status: 400, code: 'ValidationException', message: 'We could not parse the JSON body of your request.', openaiCode: 'invalid_json' });
    return;
  }
  const model = typeof body.model === 'string' ? body.model : '';
  const action = body.stream === true ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
  if (!allowsRegion(identity, call.route.region)) {
    sendError(call, { status: 403, code: 'AccessDeniedException', message: notAuthorized(identity, action, resourceArn(call, identity, model)) });
    return;
  }
  const catalogue = call.state.regions[call.route.region];
  const served = catalogue?.runtimeModels ?? catalogue?.responsesModels ?? catalogue?.mantleModels ?? [];
  const { foundationModel } = parseRuntimeModel(model);
  if (!model || !served.includes(foundationModel)) {
    sendModelNotFound(call, model);
    return;
  }
  if (!allowsModel(identity, model) && !allowsModel(identity, foundationModel)) {
    sendError(call, { status: 403, code: 'AccessDeniedException', message: notAuthorized(identity, action, resourceArn(call, identity, model)) });
    return;
  }
  // OpenAI's Bedrock guide: hosted web search needs Mantle (reported), so Runtime refuses hosted tools.
  if (refuseHostedTools(call, body, false)) return;
  await answerResponses(call, body, model);
}
