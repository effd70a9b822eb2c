// Bedrock control plane: ListFoundationModels (rest-json).
import { allowsRegion, authenticate, notAuthorized } from '../auth.js';
import { type Call, sendJson } from '../call.js';
import { sendError } from '../errors.js';

function displayName(runtimeId: string): string {
  return runtimeId.replace(/^[a-z]+\./, '').replace(/-v?\d+:\d+$/, '');
}

export function foundationModelSummary(region: string, modelId: string) {
  const provider = modelId.split('.')[0] ?? '';
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
    modelId,
    modelName: displayName(modelId),
    providerName: provider === 'openai' ? 'OpenAI' : provider,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
  };
}

export function handleBedrock(call: Call): void {
  if (call.req.method !== 'GET' || call.route.path.replace(/\/$/, '') !== '/foundation-models') {
    sendError(call, { status: 404, code: 'UnknownOperationException', message: 'Unknown operation' });
    return;
  }
  const identity = authenticate(call);
  if (!identity) return;
  if (identity.allow?.listFoundationModels === false || !allowsRegion(identity, call.route.region)) {
    sendError(call, { status: 403, code: 'AccessDeniedException', message: notAuthorized(identity, 'bedrock:ListFoundationModels') });
    return;
  }
  const byProvider = call.query.get('byProvider')?.toLowerCase();
  const byOutput = call.query.get('byOutputModality');
  const byInference = call.query.get('byInferenceType');
  const summaries = (call.state.regions[call.route.region]?.foundationModels ?? [])
    .map((id) => foundationModelSummary(call.route.region, id))
    .filter((m) => !byProvider || m.providerName.toLowerCase() === byProvider || m.modelId.startsWith(`${byProvider}.`))
    .filter((m) => !byOutput || m.outputModalities.includes(byOutput))
    .filter((m) => !byInference || m.inferenceTypesSupported.includes(byInference));
  sendJson(call, 200, { modelSummaries: summaries });
}
