// Amazon S3, only as far as a team template needs it: anonymous GET of a public object (virtual-hosted style).
import { type Call } from '../call.js';
import { sendError } from '../errors.js';

/** `<bucket>.s3.<region>.amazonaws.com/<key>` → "bucket/key", the key of EmulatorState.objects. */
export function handleS3(call: Call): void {
  const host = (call.req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  const bucket = host.split('.s3.')[0] ?? '';
  const key = decodeURIComponent(call.route.path.replace(/^\//, ''));
  if (call.req.method !== 'GET' && call.req.method !== 'HEAD') {
    sendError(call, { status: 405, code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.' });
    return;
  }
  const body = call.state.objects?.[`${bucket}/${key}`];
  if (body === undefined) {
    sendError(call, { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' });
    return;
  }
  call.res.writeHead(200, { 'Content-Type': 'application/toml', 'Content-Length': Buffer.byteLength(body), 'x-amz-request-id': call.requestId });
  call.res.end(call.req.method === 'HEAD' ? undefined : body);
}
