// STS (query protocol): only GetCallerIdentity, form body or query string.
import { authenticate } from '../auth.js';
import { type Call, sendXml, xmlEscape } from '../call.js';
import { sendError } from '../errors.js';

export function handleSts(call: Call): void {
  const params = new URLSearchParams(call.query);
  if (call.req.method === 'POST') {
    for (const [k, v] of new URLSearchParams(call.body.toString('utf8'))) params.set(k, v);
  }
  const action = params.get('Action');
  if (!action) {
    sendError(call, { status: 400, code: 'MissingAction', message: 'Missing Action' });
    return;
  }
  const identity = authenticate(call);
  if (!identity) return;
  if (action !== 'GetCallerIdentity') {
    sendError(call, { status: 400, code: 'InvalidAction', message: `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}` });
    return;
  }
  sendXml(
    call,
    200,
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>${xmlEscape(identity.arn)}</Arn>
    <UserId>${xmlEscape(identity.userId)}</UserId>
    <Account>${xmlEscape(identity.account)}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>${call.requestId}</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
`,
  );
}
