// An `aws login` session as the aws CLI 2.36 leaves it (awscli/customizations/login, botocore's JSONFileCache):
// `login_session = <arn>` in the profile, and ~/.aws/login/cache/<sha256(arn)>.json holding the Sign-In token with
// its DPoP key (a SEC1 PEM, 64-character lines), written by Python's json.dumps, mode 0600.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { join } from 'node:path';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Emulator } from '../../src/emulator/index.js';
import type { World } from './helpers.js';

export interface LoginSessionFixture {
  sessionArn: string;
  cachePath: string;
  refreshToken: string;
  /** The cache file as it is now (the SDKs rewrite it when they refresh). */
  read(): Promise<{ accessToken: { accessKeyId: string; expiresAt: string }; refreshToken: string }>;
}

/** json.dumps with its default separators (", ", ": "), as the aws CLI writes its caches. */
export function pythonJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pythonJson(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

/** The CLI's strftime('%Y-%m-%dT%H:%M:%SZ'): no milliseconds. */
const cliTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Opens a session in the emulator and writes what `aws login --profile <profile>` writes. `accessExpired` backdates
 * the cached keys' expiry so that any reader must refresh through Sign-In's token endpoint first.
 */
export async function writeLoginSession(
  world: World,
  emu: Emulator,
  opts: { profile: string; identityArn: string; region?: string; accessExpired?: boolean; sessionTtlSeconds?: number },
): Promise<LoginSessionFixture> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issued = emu.openLoginSession({ dpopPublicKey: publicKey, identityArn: opts.identityArn, ...(opts.sessionTtlSeconds !== undefined ? { sessionTtlSeconds: opts.sessionTtlSeconds } : {}) });
  const expiresAt = opts.accessExpired ? Date.now() - 60_000 : issued.accessToken.expiresAt;
  const token = {
    accessToken: {
      accessKeyId: issued.accessToken.accessKeyId,
      secretAccessKey: issued.accessToken.secretAccessKey,
      sessionToken: issued.accessToken.sessionToken,
      accountId: opts.identityArn.split(':')[4],
      expiresAt: cliTime(expiresAt),
    },
    tokenType: issued.tokenType,
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: issued.refreshToken,
    idToken: issued.idToken,
    dpopKey: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
  };
  const dir = join(world.home, '.aws', 'login', 'cache');
  await mkdir(dir, { recursive: true });
  const cachePath = join(dir, `${createHash('sha256').update(opts.identityArn, 'utf8').digest('hex')}.json`);
  await writeFile(cachePath, pythonJson(token), { mode: 0o600 });
  await appendFile(world.awsConfig, `\n[profile ${opts.profile}]\nlogin_session = ${opts.identityArn}\nregion = ${opts.region ?? 'us-east-1'}\n`);
  return { sessionArn: opts.identityArn, cachePath, refreshToken: issued.refreshToken, read: async () => JSON.parse(await readFile(cachePath, 'utf8')) };
}

/** GET through the emulator's proxy, as a browser behind it would: no redirect is followed. */
function browse(emu: Emulator, url: string): Promise<{ status: number; location?: string; body: string }> {
  const ca = readFileSync(emu.caPath!);
  return new Promise((resolve, reject) => {
    get(url, { agent: new HttpsProxyAgent(emu.proxyUrl!, { ca }), ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), body }));
    }).on('error', reject);
  });
}

/**
 * Plays the person at a browser for `aws login --remote`: opens the authorize URL the CLI printed (the emulator takes
 * the console sign-in as done), reads the code on the confirmation page it lands on, and returns it to be typed.
 */
export async function remoteLoginCode(emu: Emulator, cliOutput: string): Promise<string | undefined> {
  const url = /https:\/\/\S+\/v1\/authorize\?\S+/.exec(cliOutput)?.[0];
  if (!url) return undefined;
  const authorized = await browse(emu, url);
  if (authorized.status !== 302 || !authorized.location) throw new Error(`authorize answered ${authorized.status}`);
  const page = await browse(emu, authorized.location);
  return /<pre id="code">([^<]+)<\/pre>/.exec(page.body)?.[1];
}
