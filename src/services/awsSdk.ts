// AWS SDK calls. Every SDK package is imported lazily: loading them costs ~0.2 s of start-up.
import { Transform } from 'node:stream';
import { ServiceError } from './errors.js';
import { CONNECT_TIMEOUT_MS, deadlineSignal, failureFromNodeError, seconds, type HttpClient } from './http.js';
import { lazyModule } from './lazy.js';
import type { AwsCredentials } from './sigv4.js';
import type { AuthChoice, EndpointResolver, Failure, FoundationModel, Identity } from '../types.js';

export interface SdkContext {
  env: NodeJS.ProcessEnv;
  endpoints: EndpointResolver;
  http: HttpClient;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** One SDK call, retries included, ends within this (default 30 s), whatever the socket does. */
  callTimeoutMs?: number;
}

const CALL_TIMEOUT_MS = 30_000;

/** Runs one SDK call under its deadline; on expiry the SDK aborts the request through its own handler. */
async function bounded<T>(ctx: SdkContext, what: string, signal: AbortSignal | undefined, f: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const ms = ctx.http.within(ctx.callTimeoutMs ?? CALL_TIMEOUT_MS);
  const d = deadlineSignal(ms, signal);
  const started = Date.now();
  const log = ctx.http.log;
  log?.(`> sdk ${what}`);
  try {
    // Raced as well: a credential provider takes no signal, and nothing may outlive its deadline.
    const out = await Promise.race([f(d.signal), new Promise<never>((_r, reject) => d.signal.addEventListener('abort', () => reject(d.signal.reason), { once: true }))]);
    log?.(`< sdk ${what} ok ${Date.now() - started} ms`);
    return out;
  } catch (e) {
    log?.(`! sdk ${what} ${(e as Error)?.name ?? 'error'} ${Date.now() - started} ms`);
    // The SDK reports our deadline as a plain abort: say it was the deadline.
    if (d.signal.aborted && !signal?.aborted) throw Object.assign(new Error(`${what} got no answer within ${seconds(ms)}.`), { name: 'TimeoutError', code: 'DEADLINE' });
    throw e;
  } finally {
    d.done();
  }
}

type Provider = () => Promise<AwsCredentials & { expiration?: Date }>;

// The SDK ends every SSO token complaint with "run 'aws sso login'"; the rest of the wording varies by path.
const SSO_LOGIN = /aws sso login|SSO session associated with this profile|Error loading SSO Token/i;
const SSO_EXPIRED = /expired|Cannot refresh/i;

/** SDK errors carry a name, sometimes an HTTP status; SSO token problems only show in the message. */
export function failureFromSdkError(err: unknown, service: 'sts' | 'bedrock', ctx: { region?: string; profile?: string; url?: string; proxyUrl?: string | null } = {}): Failure {
  const e = err as Error & { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> }; code?: string; Code?: string };
  const where = { service, ...(ctx.region ? { region: ctx.region } : {}), ...(ctx.profile ? { profile: ctx.profile } : {}) };
  const message = e?.message ?? String(err);
  if (SSO_LOGIN.test(message))
    return { kind: 'credentials', code: SSO_EXPIRED.test(message) ? 'SSO_TOKEN_EXPIRED' : 'SSO_LOGIN_REQUIRED', errorType: e.name, message, ...where };
  if (e?.name === 'CredentialsProviderError' || e?.name === 'ProviderError' || /Could not load credentials|Unable to locate credentials|Profile .* (could not be found|not found)/i.test(message))
    return { kind: 'credentials', errorType: e.name, message, ...where };
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined && (e?.code || e?.name === 'TimeoutError')) {
    return { ...failureFromNodeError(e.name === 'TimeoutError' ? Object.assign(e, { code: e.code ?? 'ETIMEDOUT' }) : e, ctx.url ?? '', service, ctx.proxyUrl), ...where };
  }
  // The response's Date lets diagnosis tell clock skew from expired credentials.
  const serverDate = e?.$response?.headers?.date;
  return { kind: 'http', ...(status !== undefined ? { status } : {}), errorType: e?.name ?? e?.Code, message, ...where, ...(serverDate ? { serverDate, receivedAt: Date.now() } : {}) };
}

const sdkModules = lazyModule(() => import('./sdkModules.js'));
const httpHandlerSdk = async () => (await sdkModules()).httpHandler;
const credentialsSdk = async () => (await sdkModules()).credentialProviders;
const stsSdk = async () => (await sdkModules()).sts;
const bedrockSdk = async () => (await sdkModules()).bedrock;

// Per HTTP client, so a provider never outlives the agent its nested SSO/STS clients use.
const providerCache = new WeakMap<HttpClient, Map<string, Promise<Provider>>>();

/**
 * The SDK warns on stderr about its own future Node requirement: it says nothing about the user's setup
 * and would tear through the Ink screen.
 */
function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** The SDK reads whole bodies (answers and error bodies alike); past this it is a hostile answer, refused. */
export const MAX_SDK_BODY_BYTES = 8 * 1024 * 1024;

async function requestHandler(ctx: SdkContext) {
  quietSdk();
  const { NodeHttpHandler } = await httpHandlerSdk();
  const inner = new NodeHttpHandler({
    httpsAgent: ctx.http.httpsAgent,
    httpAgent: ctx.http.httpAgent,
    // Behind a proxy our agent bounds the tunnel itself and names the proxy when it is the one that is silent.
    connectionTimeout: ctx.connectionTimeoutMs ?? (ctx.http.proxyUrl ? CONNECT_TIMEOUT_MS + 1_000 : 5_000),
    requestTimeout: ctx.requestTimeoutMs ?? 15_000,
  });
  // The same handler, with each response body counted as it streams: the SDK buffers bodies whole.
  const original = inner.handle.bind(inner);
  const handle: typeof inner.handle = async (request, options) => {
    const out = await original(request, options);
    const body = out.response.body as (NodeJS.ReadableStream & { destroy(e?: Error): void }) | undefined;
    if (body && typeof body.pipe === 'function') {
      let size = 0;
      out.response.body = body.pipe(
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            size += chunk.length;
            if (size <= MAX_SDK_BODY_BYTES) return cb(null, chunk);
            body.destroy();
            cb(Object.assign(new Error(`The answer from ${request.hostname} is larger than ${MAX_SDK_BODY_BYTES / 1024 / 1024} MiB; refused.`), { code: 'BODY_TOO_LARGE' }));
          },
        }),
      );
    }
    return out;
  };
  return Object.assign(inner, { handle });
}

async function credentialProvider(ctx: SdkContext, auth: AuthChoice): Promise<Provider> {
  if (auth.kind === 'api-key') throw new ServiceError({ kind: 'credentials', message: 'A Bedrock API key cannot sign AWS API calls.' });
  const { env } = ctx;
  // Read static keys from the env we were given, not process.env: tests and --demo pass their own.
  if (auth.kind === 'env' && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const creds: AwsCredentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
    return async () => creds;
  }
  const key = auth.kind === 'profile' ? `profile:${auth.profile}:${env.AWS_CONFIG_FILE ?? ''}:${env.AWS_SHARED_CREDENTIALS_FILE ?? ''}` : 'chain';
  let providers = providerCache.get(ctx.http);
  if (!providers) providerCache.set(ctx.http, (providers = new Map()));
  // The promise is cached, not the provider: calls arriving while the SDK loads must share one provider.
  let provider = providers.get(key);
  if (!provider) {
    provider = makeProvider(ctx, auth);
    providers.set(key, provider);
    provider.catch(() => providers.delete(key));
  }
  return provider;
}

async function makeProvider(ctx: SdkContext, auth: Exclude<AuthChoice, { kind: 'api-key' }>): Promise<Provider> {
  const { env } = ctx;
  const { fromIni, fromNodeProviderChain } = await credentialsSdk();
  const clientConfig = { requestHandler: await requestHandler(ctx) };
  const files = {
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
  };
  return auth.kind === 'profile'
    ? fromIni({ profile: auth.profile, ...files, clientConfig, ignoreCache: true })
    : // The SDK reads AWS_PROFILE from process.env; ours may be another env (--demo, tests).
      fromNodeProviderChain({ ...files, ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}), clientConfig });
}

// Calls that start together (every region at once) share one resolution: fromIni re-reads the files
// each time, and a profile that must refresh should refresh once. Later calls resolve afresh.
const pending = new WeakMap<Provider, ReturnType<Provider>>();
function shared(provider: Provider): ReturnType<Provider> {
  let p = pending.get(provider);
  if (!p) {
    p = provider().finally(() => pending.delete(provider));
    pending.set(provider, p);
  }
  return p;
}

/** Credentials for signing Mantle calls ourselves. Never log the result. */
export async function resolveCredentials(ctx: SdkContext, auth: AuthChoice, region?: string): Promise<AwsCredentials> {
  const profile = auth.kind === 'profile' ? auth.profile : undefined;
  try {
    const provider = await credentialProvider(ctx, auth);
    const c = await bounded(ctx, `credentials ${profile ?? auth.kind}`, undefined, () => shared(provider));
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    const f = failureFromSdkError(e, 'sts', { region, profile, proxyUrl: ctx.http.proxyUrl });
    throw new ServiceError({ ...f, kind: f.kind === 'network' ? 'network' : 'credentials' });
  }
}

async function clientConfig(ctx: SdkContext, auth: AuthChoice, region: string, endpoint: string) {
  const creds = await resolveCredentials(ctx, auth, region);
  return {
    region,
    endpoint,
    credentials: creds,
    requestHandler: await requestHandler(ctx),
    maxAttempts: 2,
  };
}

export async function whoAmI(ctx: SdkContext, auth: AuthChoice, region: string, signal?: AbortSignal): Promise<Identity | null> {
  if (auth.kind === 'api-key') return null;
  const profile = auth.kind === 'profile' ? auth.profile : undefined;
  const cfg = await clientConfig(ctx, auth, region, ctx.endpoints.sts(region));
  const { STSClient, GetCallerIdentityCommand } = await stsSdk();
  const client = new STSClient(cfg);
  try {
    const out = await bounded(ctx, `sts:GetCallerIdentity ${region}`, signal, (abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }));
    return { arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? '' };
  } catch (e) {
    throw new ServiceError(failureFromSdkError(e, 'sts', { region, profile, url: cfg.endpoint, proxyUrl: ctx.http.proxyUrl }));
  }
}

export async function listFoundationModels(ctx: SdkContext, auth: AuthChoice, region: string, signal?: AbortSignal): Promise<FoundationModel[]> {
  const profile = auth.kind === 'profile' ? auth.profile : undefined;
  const cfg = await clientConfig(ctx, auth, region, ctx.endpoints.bedrock(region));
  const { BedrockClient, ListFoundationModelsCommand } = await bedrockSdk();
  const client = new BedrockClient(cfg);
  try {
    const out = await bounded(ctx, `bedrock:ListFoundationModels ${region}`, signal, (abortSignal) => client.send(new ListFoundationModelsCommand({}), { abortSignal }));
    return (out.modelSummaries ?? [])
      .filter((m) => m.providerName?.toLowerCase() === 'openai' || m.modelId?.startsWith('openai.'))
      .map((m) => ({
        modelId: m.modelId ?? '',
        modelName: m.modelName ?? m.modelId ?? '',
        providerName: m.providerName ?? 'OpenAI',
        responseStreamingSupported: m.responseStreamingSupported ?? false,
        lifecycleStatus: m.modelLifecycle?.status ?? 'UNKNOWN',
      }));
  } catch (e) {
    throw new ServiceError(failureFromSdkError(e, 'bedrock', { region, profile, url: cfg.endpoint, proxyUrl: ctx.http.proxyUrl }));
  }
}
