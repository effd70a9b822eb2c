// STS (query protocol): GetCallerIdentity and AssumeRole (role chains: role_arn with source_profile), form body or query string.
import { randomBytes } from 'node:crypto';
import { authenticate } from '../auth.js';
import { type Call, sendXml, xmlEscape } from '../call.js';
import { sendError } from '../errors.js';
import type { EmulatorIdentity } from '../state.js';

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
  if (action === 'AssumeRole') return assumeRole(call, identity, params);
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

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** Any role in the caller's own account trusts the caller (no trust policies here); it keeps the caller's allowances. */
function assumeRole(call: Call, caller: EmulatorIdentity, params: URLSearchParams): void {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const m = ROLE_ARN.exec(roleArn);
  if (!m || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    sendError(call, { status: 400, code: 'ValidationError', message: `1 validation error detected: Value '${!m ? roleArn : sessionName}' at '${!m ? 'roleArn' : 'roleSessionName'}' failed to satisfy constraint` });
    return;
  }
  const [, account, roleName] = m as unknown as [string, string, string];
  if (account !== caller.account) {
    sendError(call, { status: 403, code: 'AccessDenied', message: `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` });
    return;
  }
  const ttlMs = Number(params.get('DurationSeconds') ?? 3600) * 1000;
  const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  const sessionToken = `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`;
  const expiresAt = call.now() + ttlMs;
  const roleId = `AROAEMULATOR${roleName.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8)}`;
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
  // Later SigV4 calls with these keys must verify, as with real role credentials.
  call.state.identities.push({ accessKeyId, secretAccessKey, sessionToken, expiresAt, arn, account, userId: `${roleId}:${sessionName}`, ...(caller.allow ? { allow: caller.allow } : {}) });
  sendXml(
    call,
    200,
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xmlEscape(secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xmlEscape(sessionToken)}</SessionToken>
      <Expiration>${new Date(expiresAt).toISOString()}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>${xmlEscape(`${roleId}:${sessionName}`)}</AssumedRoleId>
      <Arn>${xmlEscape(arn)}</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${call.requestId}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
`,
  );
}
