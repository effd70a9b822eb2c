import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { lazyModule } from './lazy.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Identifies us to Mantle; Codex sends `codex` in the same header. */
export const MANTLE_CLIENT_AGENT = 'codex-bedrock-setup';

/** The Checksum interface SignatureV4 expects, backed by node:crypto (no extra dependency). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBuf = (d: SourceData): string | Buffer =>
  typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

class Sha256 {
  private h: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.h = this.make();
  }
  private make(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    return createHmac('sha256', toBuf(this.secret));
  }
  update(data: SourceData): void {
    this.h.update(toBuf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.make();
  }
}

// Loaded on first signature, not at start-up: the wizard's first frame needs none of it.
const smithySigning = lazyModule(async () => {
  const m = await import('./sdkModules.js');
  return [m.protocolHttp, m.signatureV4] as const;
});

export interface SignInput {
  url: string;
  method: string;
  region: string;
  service?: string;
  headers: Record<string, string>;
  body?: string;
  credentials: AwsCredentials;
  /** Signing time; defaults to now. */
  date?: Date;
}

/**
 * SigV4 as Codex signs Mantle calls: every header we send is signed (accept, content-type, host, x-amz-date,
 * x-amzn-mantle-client-agent, x-amz-security-token with session credentials), and no x-amz-content-sha256
 * header is added, matching the SignedHeaders Codex was observed to send.
 */
export async function signRequest(input: SignInput): Promise<Record<string, string>> {
  const [{ HttpRequest }, { SignatureV4 }] = await smithySigning();
  const u = new URL(input.url);
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const request = new HttpRequest({
    method: input.method,
    protocol: u.protocol,
    hostname: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    path: u.pathname,
    query,
    headers: { ...lowerKeys(input.headers), host: u.host },
    body: input.body,
  });
  const signer = new SignatureV4({
    service: input.service ?? 'bedrock-mantle',
    region: input.region,
    credentials: input.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(request, { signingDate: input.date });
  return { ...(signed.headers as Record<string, string>) };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Headers for a Mantle Responses/Models call, before auth. */
export function mantleHeaders(stream: boolean): Record<string, string> {
  return {
    accept: stream ? 'text/event-stream' : 'application/json',
    'content-type': 'application/json',
    'x-amzn-mantle-client-agent': MANTLE_CLIENT_AGENT,
  };
}

export function bearerHeaders(apiKey: string, headers: Record<string, string>): Record<string, string> {
  return { ...headers, authorization: `Bearer ${apiKey}` };
}
