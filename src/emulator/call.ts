// One request as the handlers see it, plus the helpers every service uses to answer.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from './routing.js';
import type { EmulatorFault, EmulatorIdentity, EmulatorState } from './state.js';

export type AuthKind = 'sigv4' | 'bearer' | 'sso' | 'none';

export interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  service: string | null;
  region: string | null;
  authKind: AuthKind;
  status: number | null;
  /** The identity ARN that signed it, when authentication succeeded. */
  identityArn?: string;
}

export interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  query: URLSearchParams;
  body: Buffer;
  requestId: string;
  state: EmulatorState;
  now(): number;
  record: RecordedRequest;
  identity?: EmulatorIdentity;
  /** A fault that shapes the body (truncate, reset, malformed*) once the handler answers. */
  fault?: EmulatorFault;
}

export function newRequestId(): string {
  return randomUUID();
}

/** Headers every AWS answer carries; Date follows the emulator's (possibly skewed) clock, as SDKs read it. */
export function baseHeaders(call: Call): Record<string, string> {
  return { 'x-amzn-RequestId': call.requestId, Date: new Date(call.now()).toUTCString() };
}

/** Abrupt close: a TCP RST where the socket allows it. */
export function resetSocket(call: Call): void {
  const socket = call.req.socket as typeof call.req.socket & { resetAndDestroy?: () => void };
  try {
    if (socket.resetAndDestroy) socket.resetAndDestroy();
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

/** Writes a whole response, bent by a pending body fault for successful answers. */
function send(call: Call, status: number, headers: Record<string, string>, text: string): void {
  const kind = status < 300 ? call.fault?.kind : undefined;
  if (kind === 'malformedJson') text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '\u0000}{';
  const payload = Buffer.from(text);
  call.res.writeHead(status, { ...baseHeaders(call), 'Content-Length': String(payload.length), ...headers });
  if (kind === 'truncate' || kind === 'reset') {
    call.res.write(payload.subarray(0, Math.floor(payload.length / 2)));
    // Content-Length promises more: the client sees a premature close.
    setImmediate(() => (kind === 'reset' ? resetSocket(call) : call.req.socket.destroySoon()));
    return;
  }
  call.res.end(payload);
}

export function sendJson(call: Call, status: number, body: unknown, extra: Record<string, string> = {}): void {
  send(call, status, { 'Content-Type': 'application/json', ...extra }, JSON.stringify(body));
}

export function sendXml(call: Call, status: number, xml: string): void {
  send(call, status, { 'Content-Type': 'text/xml' }, xml);
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function jsonBody(call: Call): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(call.body.toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
