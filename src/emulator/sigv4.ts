// SigV4 verification written from the spec, independent of the client signers it checks.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorIdentity } from './state.js';

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received on the wire. */
  rawUrl: string;
  /** Lower-case names, every value of repeated headers. */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type SigV4FailureKind =
  | 'missing'
  | 'incomplete'
  | 'unknownKey'
  | 'badToken'
  | 'expired'
  | 'scopeRegion'
  | 'scopeService'
  | 'skew'
  | 'badSignature';

export type SigV4Result =
  | { ok: true; identity: EmulatorIdentity }
  | { ok: false; kind: SigV4FailureKind; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 5 * 60_000;

export function parseAuthorization(value: string): ParsedAuthorization | null {
  if (!value.startsWith(`${ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request' || !signedHeaders || !signature) return null;
  const [accessKeyId, date, region, service] = credential as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: only unreserved characters stay literal. */
function strictEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

/** Non-S3 rule: remove dot segments and empty segments, then encode the (already encoded) path again. */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(strictEncode).join('/')}${trailing}`;
}

export function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      const k = eq < 0 ? p : p.slice(0, eq);
      const v = eq < 0 ? '' : p.slice(eq + 1);
      return [strictEncode(safeDecode(k)), strictEncode(safeDecode(v))] as const;
    })
    .filter(([k]) => k !== 'X-Amz-Signature');
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function canonicalRequest(req: SignedRequest, signedHeaders: string[]): string {
  const q = req.rawUrl.indexOf('?');
  const path = q < 0 ? req.rawUrl : req.rawUrl.slice(0, q);
  const query = q < 0 ? '' : req.rawUrl.slice(q + 1);
  const headerLines = signedHeaders.map((name) => {
    const values = (req.headers[name] ?? []).map((v) => v.trim().replace(/\s+/g, ' '));
    return `${name}:${values.join(',')}\n`;
  });
  const payloadHash = req.headers['x-amz-content-sha256']?.[0] ?? sha256Hex(req.body);
  return [req.method, canonicalUri(path), canonicalQuery(query), headerLines.join(''), signedHeaders.join(';'), payloadHash].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** 20240102T030405Z → ms epoch; NaN when malformed. */
export function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function fail(kind: SigV4FailureKind, message: string): SigV4Result {
  return { ok: false, kind, message };
}

export interface VerifyContext {
  identities: EmulatorIdentity[];
  region: string;
  service: string;
  nowMs: number;
}

/** Checks in the order AWS reports them: key, token, expiry, scope, clock, signature. */
export function verifySigV4(req: SignedRequest, ctx: VerifyContext): SigV4Result {
  const header = req.headers['authorization']?.[0];
  if (!header) return fail('missing', 'Request is missing Authentication Token');
  const auth = parseAuthorization(header);
  if (!auth) {
    return fail('incomplete', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${header.split(' ')[0]}`);
  }
  const identity = ctx.identities.find((i) => i.accessKeyId === auth.accessKeyId);
  if (!identity) return fail('unknownKey', 'The security token included in the request is invalid.');
  const token = req.headers['x-amz-security-token']?.[0];
  if ((identity.sessionToken ?? undefined) !== token) return fail('badToken', 'The security token included in the request is invalid.');
  if (identity.expiresAt !== undefined && identity.expiresAt <= ctx.nowMs) {
    return fail('expired', 'The security token included in the request is expired');
  }
  if (auth.region !== ctx.region) return fail('scopeRegion', `Credential should be scoped to a valid region, not '${auth.region}'. `);
  if (auth.service !== ctx.service) return fail('scopeService', `Credential should be scoped to correct service: '${ctx.service}'. `);

  const amzDate = req.headers['x-amz-date']?.[0];
  const signedAt = amzDate ? parseAmzDate(amzDate) : Date.parse(req.headers['date']?.[0] ?? '');
  if (Number.isNaN(signedAt) || !amzDate?.startsWith(auth.date)) {
    return fail('incomplete', "Date must be in ISO-8601 'basic format'. Got '" + (amzDate ?? '') + "'.");
  }
  if (signedAt < ctx.nowMs - MAX_SKEW_MS) {
    return fail('skew', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(ctx.nowMs - MAX_SKEW_MS)} (${formatAmzDate(ctx.nowMs)} - 5 min.)`);
  }
  if (signedAt > ctx.nowMs + MAX_SKEW_MS) {
    return fail('skew', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(ctx.nowMs + MAX_SKEW_MS)} (${formatAmzDate(ctx.nowMs)} + 5 min.)`);
  }

  if (!auth.signedHeaders.includes('host')) return fail('badSignature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest(req, auth.signedHeaders))].join('\n');
  const expected = createHmac('sha256', signingKey(identity.secretAccessKey, auth.date, auth.region, auth.service))
    .update(stringToSign)
    .digest();
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(
      'badSignature',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, identity };
}
