// Mantle serves OpenAI's proprietary models under /openai/v1 and open-weight ones under /v1; a model posted
// to the other surface fails with the errors users report (openai/codex#23650, AWS docs, gateway code).
import { surfaceOf } from '../core/models.js';
import type { Call } from './call.js';
import { sendError } from './errors.js';

/** Answers a Responses post whose model lives on the other surface; true when it did. */
export function refuseWrongSurface(call: Call, model: string): boolean {
  const posted = call.route.path.startsWith('/openai/v1/') ? '/openai/v1' : '/v1';
  const home = surfaceOf(model);
  if (!home || home === posted) return false;
  if (posted === '/openai/v1') {
    sendError(call, { status: 404, code: 'ResourceNotFoundException', message: `model \`${model}\` isn't supported on this route`, openaiCode: 'model_not_found', openaiType: 'invalid_request_error' });
  } else {
    sendError(call, { status: 400, code: 'ValidationException', message: "The model does not support the '/v1/responses' API", openaiType: 'invalid_request_error' });
  }
  return true;
}
