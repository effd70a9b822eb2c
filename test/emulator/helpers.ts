// Shared test plumbing: a node:crypto sha256 for the smithy signer, temp AWS files, env for child processes.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest } from '@smithy/protocol-http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../../src/emulator/index.js';

export const demoCredentials = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

export class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

/** Signs and sends a request the way an AWS SDK would (smithy's signer, Node fetch). */
export async function signedFetch(opts: {
  url: string;
  method?: string;
  body?: string;
  service: string;
  region: string;
  headers?: Record<string, string>;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}): Promise<Response> {
  const u = new URL(opts.url);
  const request = new HttpRequest({
    method: opts.method ?? (opts.body ? 'POST' : 'GET'),
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: u.pathname,
    query: Object.fromEntries(u.searchParams),
    headers: { host: u.host, ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body,
  });
  const signer = new SignatureV4({ credentials: opts.credentials ?? demoCredentials, region: opts.region, service: opts.service, sha256: NodeSha256 });
  const signed = await signer.sign(request);
  return fetch(opts.url, { method: signed.method, headers: signed.headers as Record<string, string>, body: opts.body });
}

export async function tempDir(prefix = 'emu-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** AWS config + credentials files with the demo keys; env for a child `aws` or Codex. */
export async function awsFiles(dir: string, creds = demoCredentials, region = 'us-east-1') {
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  await writeFile(credentialsFile, `[default]\naws_access_key_id = ${creds.accessKeyId}\naws_secret_access_key = ${creds.secretAccessKey}\n`);
  await writeFile(configFile, `[default]\nregion = ${region}\n`);
  return { AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };
}

/** process.env without anything that could point a child at real AWS or a real account. */
export function isolatedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|OPENAI_|CODEX_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Reads an SSE body into [event, data] pairs. */
export function parseSse(text: string): { event: string; data: string }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      return { event, data };
    });
}

/**
 * https-proxy-agent 9 does not keep constructor TLS options for the tunnelled connection;
 * Node merges `agent.options` into every request, so the CA goes there.
 */
export function proxyAgent(proxyUrl: string, caPem: string): HttpsProxyAgent<string> {
  const agent = new HttpsProxyAgent(proxyUrl);
  (agent as unknown as { options: Record<string, unknown> }).options.ca = caPem;
  return agent;
}
