// Each AWS service reports errors in its own shape; SDKs and the aws CLI parse exactly these.
import { type Call, sendJson, sendXml, xmlEscape } from './call.js';
import type { SigV4FailureKind } from './sigv4.js';

export interface AwsError {
  status: number;
  /** AWS error code (x-amzn-ErrorType / <Code>). */
  code: string;
  message: string;
  retryAfterSeconds?: number;
  /** OpenAI-shaped fields for Mantle; derived from status when absent. */
  openaiType?: string;
  openaiCode?: string;
}

const CORAL = ':http://internal.amazon.com/coral/com.amazon.coral.service/';

function openaiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function sendError(call: Call, err: AwsError): void {
  const extra: Record<string, string> = {};
  if (err.retryAfterSeconds !== undefined) extra['Retry-After'] = String(err.retryAfterSeconds);
  switch (call.route.service) {
    case 'sts': {
      const type = err.status >= 500 ? 'Receiver' : 'Sender';
      for (const [k, v] of Object.entries(extra)) call.res.setHeader(k, v);
      sendXml(
        call,
        err.status,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(err.code)}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${call.requestId}</RequestId>\n</ErrorResponse>\n`,
      );
      return;
    }
    case 'bedrock':
      sendJson(call, err.status, { message: err.message }, { ...extra, 'x-amzn-ErrorType': `${err.code}${CORAL}` });
      return;
    case 'oidc':
      sendJson(call, err.status, { error: err.openaiCode ?? err.code, error_description: err.message }, { ...extra, 'x-amzn-ErrorType': err.code });
      return;
    case 'portal':
      sendJson(call, err.status, { message: err.message }, { ...extra, 'x-amzn-ErrorType': err.code });
      return;
    // Sign-In's errors carry their OAuth2ErrorCode (TOKEN_EXPIRED …) in `error`, which both SDKs switch on.
    case 'signin':
      sendJson(call, err.status, { error: err.openaiCode ?? err.code, message: err.message }, { ...extra, 'x-amzn-ErrorType': err.code });
      return;
    // Both OpenAI-compatible endpoints answer in OpenAI's error shape.
    case 'bedrock-mantle':
    case 'bedrock-runtime':
      sendJson(
        call,
        err.status,
        { error: { message: err.message, type: err.openaiType ?? openaiType(err.status), code: err.openaiCode ?? err.code } },
        { ...extra, 'x-amzn-ErrorType': err.code },
      );
      return;
  }
}

/** How each service names a SigV4 failure (STS speaks the query-protocol dialect). */
export function sigv4Error(service: string, kind: SigV4FailureKind, message: string): AwsError {
  const sts = service === 'sts';
  // Mantle answers signature problems with 401 (openai/codex#37246 shows it for a bad token).
  const authStatus = service === 'bedrock-mantle' ? 401 : 403;
  switch (kind) {
    case 'missing':
      return { status: authStatus, code: sts ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException', message };
    case 'incomplete':
      return { status: 400, code: sts ? 'IncompleteSignature' : 'IncompleteSignatureException', message };
    case 'unknownKey':
    case 'badToken':
      return { status: authStatus, code: sts ? 'InvalidClientTokenId' : 'UnrecognizedClientException', message };
    case 'expired':
      return { status: 403, code: sts ? 'ExpiredToken' : 'ExpiredTokenException', message };
    case 'scopeRegion':
    case 'scopeService':
    case 'skew':
    case 'badSignature':
      return { status: authStatus, code: sts ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', message };
  }
}
