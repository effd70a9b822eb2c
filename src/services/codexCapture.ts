// Asks the installed Codex which request it would send: one `codex exec` turn against a loopback recorder.
// Codex never sees the user's credentials or writes into the user's CODEX_HOME: it runs on a temporary copy
// of the two config files (Codex writes sqlite state, skills and installation_id into CODEX_HOME even with
// --ephemeral, observed with 0.171.0) with placeholder keys, and is killed with its children on a deadline.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayableHeaders } from '../core/codexRequest.js';
import { redact, secretsOf } from '../core/redact.js';
import { removeKey, removeTable } from '../core/tomlEdit.js';
import { startBounded } from './proc.js';
import type { CaptureResult } from './types.js';

export interface CaptureOptions {
  codexPath: string;
  codexHome: string;
  codexProfile: string;
  region: string;
  prompt: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}


const MAX_BODY = 8 * 1024 * 1024;
// Placeholder keys: Codex signs the recorder's copy with them; the replay is signed afresh with the real ones.
const PLACEHOLDER_KEY_ID = 'AKIACODEXCAPTURE0000';
const PLACEHOLDER_SECRET = 'codex-capture-placeholder-secret-0000000';
const AWS_TABLE = ['model_providers', 'amazon-bedrock', 'aws'];
// Settings that would make Codex reach for real credentials during the capture.
const CREDENTIAL_KEYS = ['profile', 'credential_export', 'auth_refresh'];

export async function captureCodexRequest(opts: CaptureOptions): Promise<CaptureResult> {
  const root = await mkdtemp(join(tmpdir(), 'cbs-capture-'));
  const home = join(root, 'codex-home');
  const work = join(root, 'work');
  const recorder = await startRecorder();
  try {
    await mkdir(home, { recursive: true });
    await mkdir(work, { recursive: true });
    const copied = await copyConfig(opts.codexHome, home, opts.codexProfile);
    if (!copied) return { ok: false, reason: `${opts.codexProfile}.config.toml was not found in ${opts.codexHome}` };
    const child = spawnCodex(opts, home, work, root, recorder.port);
    const outcome = await Promise.race([
      recorder.captured.then((c) => ({ kind: 'captured' as const, c })),
      child.exited.then((x) => ({ kind: 'exited' as const, x })),
      delay(opts.timeoutMs ?? 45_000).then(() => ({ kind: 'timeout' as const })),
    ]);
    if (outcome.kind === 'captured') {
      // Codex finishes its turn on the recorder's answer; it is killed if it lingers.
      await Promise.race([child.exited, delay(5_000)]);
      child.kill();
      return { ok: true, ...outcome.c };
    }
    child.kill();
    if (outcome.kind === 'timeout') return { ok: false, reason: `codex exec sent no request within ${Math.round((opts.timeoutMs ?? 45_000) / 1000)} s` };
    const last = redact(outcome.x.output, secretsOf(opts.env)).trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
    return { ok: false, reason: `codex exec exited (${outcome.x.code ?? 'signal'}) before sending a request${last ? `: ${last.slice(0, 300)}` : ''}` };
  } finally {
    await recorder.close();
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** config.toml (if any) and the profile file, with credential settings removed: false when the profile is missing. */
async function copyConfig(from: string, to: string, profile: string): Promise<boolean> {
  const read = (name: string) => readFile(join(from, name), 'utf8').catch(() => null);
  const [config, own] = await Promise.all([read('config.toml'), read(`${profile}.config.toml`)]);
  if (own === null) return false;
  const clean = (text: string, fileName: string) => {
    const opts = { fileName };
    const doc = CREDENTIAL_KEYS.reduce((d, key) => removeKey(d, AWS_TABLE, key, opts), text);
    // MCP servers and the notify hook are the user's programs; `-c mcp_servers={}` does not stop them (0.171).
    return removeKey(removeTable(doc, ['mcp_servers'], opts), [], 'notify', opts);
  };
  if (config !== null) await writeFile(join(to, 'config.toml'), clean(config, 'config.toml'), { mode: 0o600 });
  await writeFile(join(to, `${profile}.config.toml`), clean(own, `${profile}.config.toml`), { mode: 0o600 });
  return true;
}

/** The user's environment without anything that names a credential, account, proxy or Codex home. */
function captureEnv(env: NodeJS.ProcessEnv, root: string, home: string, region: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^(AWS_|CODEX_|OPENAI_|HTTPS?_PROXY$|ALL_PROXY$|NO_PROXY$)/i.test(k)) continue;
    out[k] = v;
  }
  return {
    ...out,
    HOME: root,
    USERPROFILE: root,
    CODEX_HOME: home,
    AWS_ACCESS_KEY_ID: PLACEHOLDER_KEY_ID,
    AWS_SECRET_ACCESS_KEY: PLACEHOLDER_SECRET,
    AWS_REGION: region,
    AWS_CONFIG_FILE: join(root, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

interface RunningCodex {
  exited: Promise<{ code: number | null; output: string }>;
  kill(): void;
}

function spawnCodex(opts: CaptureOptions, home: string, work: string, root: string, port: number): RunningCodex {
  const args = [
    'exec',
    '--profile',
    opts.codexProfile,
    '--skip-git-repo-check',
    '--ephemeral',
    '--sandbox',
    'read-only',
    '-c',
    `model_providers.amazon-bedrock.base_url="http://127.0.0.1:${port}/openai/v1"`,
    opts.prompt,
  ];
  // Only the last lines explain a failure; the rest is read and dropped.
  let output = '';
  const child = startBounded(opts.codexPath, args, {
    cwd: work,
    env: captureEnv(opts.env, root, home, opts.region),
    // A backstop: the caller's own deadline kills it first.
    timeoutMs: (opts.timeoutMs ?? 45_000) + 10_000,
    maxBytes: 64 * 1024,
    onLine: (line) => {
      output = `${output}${line}\n`.slice(-16_000);
    },
  });
  const exited = child.done.then((r) => ({ code: r.exitCode, output: r.error ? r.error.message : output }));
  return { exited, kill: child.kill };
}

interface Recorder {
  port: number;
  captured: Promise<{ body: string; headers: Record<string, string>; path: string }>;
  close(): Promise<void>;
}

/** A loopback server that keeps Codex's first Responses call and answers it with the smallest stream Codex accepts. */
async function startRecorder(): Promise<Recorder> {
  let keep!: (c: { body: string; headers: Record<string, string>; path: string }) => void;
  const captured = new Promise<{ body: string; headers: Record<string, string>; path: string }>((r) => (keep = r));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'POST' || !path.endsWith('/responses')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    readBody(req).then(
      (body) => {
        answer(res);
        keep({ body, headers: replayableHeaders(req.headers), path });
      },
      () => res.writeHead(413).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.destroy();
        reject(new Error('body too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const response = { id: 'resp_capture', object: 'response', status: 'in_progress', output: [] as unknown[] };
  const message = { id: 'msg_capture', type: 'message', role: 'assistant' };
  const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('response.created', { response });
  send('response.output_item.added', { output_index: 0, item: { ...message, status: 'in_progress', content: [] } });
  send('response.output_text.delta', { item_id: message.id, output_index: 0, content_index: 0, delta: 'ok' });
  send('response.output_item.done', { output_index: 0, item: { ...message, status: 'completed', content: [{ type: 'output_text', text: 'ok', annotations: [] }] } });
  send('response.completed', { response: { ...response, status: 'completed', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } });
  res.end();
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
