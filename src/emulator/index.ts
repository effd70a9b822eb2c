// The local, wire-accurate AWS emulator: STS, Bedrock, Bedrock Mantle, IAM Identity Center, AWS Sign-In (aws login).
// Direct mode: http://127.0.0.1:PORT/<service>/<region>/...; proxy mode: HTTPS_PROXY with a test CA.
import type { KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedRequest } from './call.js';
import { type IssuedLogin, SIGNIN_SESSION_TTL_S, SigninRuntime } from './handlers/signin.js';
import { SsoRuntime } from './handlers/sso.js';
import { createInterceptingProxy } from './proxy.js';
import { createHandler } from './server.js';
import { defaultDemoState, type EmulatorState, mergeState, type StatePatch } from './state.js';

export type { AuthKind, RecordedRequest } from './call.js';
export type * from './state.js';
export { defaultDemoState, DEMO_ACCESS_KEY_ID, DEMO_ACCOUNT, DEMO_BEARER_TOKEN, DEMO_SECRET_ACCESS_KEY } from './state.js';

export type EmulatorOptions = Partial<EmulatorState> & {
  /** Direct port; 0 (default) picks a free one. */
  port?: number;
  /** Also start the intercepting HTTPS proxy with a fresh test CA. */
  proxy?: boolean;
};

export interface ProxyInfo {
  proxyUrl: string;
  caPem: string;
  caPath: string;
}

export interface Emulator {
  url: string;
  proxyUrl: string | null;
  caPem: string | null;
  caPath: string | null;
  state: EmulatorState;
  /** JSON merge patch (RFC 7396) into the live state. */
  update(patch: StatePatch): void;
  requests: RecordedRequest[];
  /** Starts the intercepting proxy (once) if `proxy` did not; its URL and CA are then on this object too. */
  startProxy(): Promise<ProxyInfo>;
  /** A portal access token as if the SSO device flow had completed (for writing an SSO token cache). */
  issueSsoAccessToken(ttlSeconds?: number): string;
  /**
   * An `aws login` session as if the browser sign-in had completed, for the identity with `identityArn` (its
   * allowances carry over), bound to the DPoP key whose public half is given (for writing a login token cache).
   */
  openLoginSession(opts: { dpopPublicKey: KeyObject; identityArn: string; sessionTtlSeconds?: number }): IssuedLogin;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const { port = 0, proxy: withProxy = false, ...overrides } = opts;
  const state: EmulatorState = { ...defaultDemoState(), ...structuredClone(overrides) };
  const requests: RecordedRequest[] = [];
  const sso = new SsoRuntime();
  const signin = new SigninRuntime();
  const handler = createHandler({ state, requests, sso, signin });
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  const serverSockets = trackSockets(server);
  const directPort = await listen(server, port);

  let proxyServer: Server | null = null;
  let proxySockets = new Set<Socket>();
  let caDir: string | null = null;
  let proxyStarted: Promise<ProxyInfo> | undefined;
  // node-forge loads, and the CA's keys are made, only when TLS interception is wanted: at start with `proxy`,
  // else on the first call (the demo's IAM Identity Center path).
  const startProxy = () =>
    (proxyStarted ??= (async () => {
      const { createTestCa } = await import('./tls.js');
      const ca = await createTestCa();
      caDir = await mkdtemp(join(tmpdir(), 'bedrock-emulator-ca-'));
      await writeFile(join(caDir, 'ca.pem'), ca.caPem);
      proxyServer = createInterceptingProxy({ state, ca, inner: server, handler });
      proxySockets = trackSockets(proxyServer);
      const proxyPort = await listen(proxyServer, 0);
      const info = { proxyUrl: `http://127.0.0.1:${proxyPort}`, caPem: ca.caPem, caPath: join(caDir, 'ca.pem') };
      Object.assign(emulator, info);
      return info;
    })());

  const emulator: Emulator = {
    url: `http://127.0.0.1:${directPort}`,
    proxyUrl: null,
    caPem: null,
    caPath: null,
    startProxy,
    state,
    requests,
    update: (patch) => mergeState(state, patch),
    issueSsoAccessToken: (ttlSeconds = state.sso.tokenTtlSeconds) => sso.issueAccessToken(Date.now() + state.clockSkewMs + ttlSeconds * 1000),
    openLoginSession({ dpopPublicKey, identityArn, sessionTtlSeconds = SIGNIN_SESSION_TTL_S }) {
      const base = state.identities.find((i) => i.arn === identityArn);
      const account = identityArn.split(':')[4] ?? '';
      // GetCallerIdentity's UserId as AWS forms it: role id and session name for a role session, a user id otherwise.
      const role = /:assumed-role\/([^/]+)\/(.+)$/.exec(identityArn);
      const userId = base?.userId ?? (role ? `AROAEMULATOR${role[1]!.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8)}:${role[2]}` : `AIDAEMULATORLOGIN${account.slice(-4)}`);
      const identity = { arn: identityArn, account, userId, ...(base?.allow ? { allow: base.allow } : {}) };
      return signin.openSession(state.identities, { dpopPublicKey, identity, now: Date.now() + state.clockSkewMs, sessionTtlSeconds });
    },
    async close() {
      await proxyStarted?.catch(() => undefined);
      for (const s of [...serverSockets, ...proxySockets]) s.destroy();
      await Promise.all(
        [server, proxyServer].filter((s): s is Server => s !== null).map((s) => new Promise<void>((r) => s.close(() => r()))),
      );
      if (caDir) await rm(caDir, { recursive: true, force: true });
    },
  };
  if (withProxy) await startProxy();
  return emulator;
}
