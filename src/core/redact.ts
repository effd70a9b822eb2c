// Last line of defence for anything we print from other programs: secrets never reach the screen.
const PATTERNS: RegExp[] = [
  /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, // access key ids
  /bedrock-api-key-[A-Za-z0-9+/=_-]+/g, // Bedrock short-term API keys
  /(authorization:\s*)(bearer\s+)?\S+/gi,
  /((?:x-amz-security-token|x-amz-signature|aws_secret_access_key|aws_session_token|secretaccesskey|sessiontoken)["'=:\s]+)[^\s"',}]+/gi,
];

export function redact(text: string, extraSecrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of extraSecrets) if (s && s.length >= 8) out = out.split(s).join('****');
  out = out.replace(PATTERNS[0], (m) => `${m.slice(0, 4)}****`);
  out = out.replace(PATTERNS[1], 'bedrock-api-key-****');
  out = out.replace(PATTERNS[2], (_m, a: string, b: string | undefined) => `${a}${b ?? ''}****`);
  out = out.replace(PATTERNS[3], (_m, a: string) => `${a}****`);
  return out;
}

/** The secret values present in an environment, for exact-match redaction. */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_BEARER_TOKEN_BEDROCK, env.AWS_ACCESS_KEY_ID].filter((s): s is string => !!s);
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-amz-security-token', 'x-amz-sso_bearer_token', 'cookie']);
const SECRET_QUERY = /^(x-amz-signature|x-amz-security-token|x-amz-credential)$/i;

/** Headers for a debug log: credentials replaced, the auth scheme kept so the log still says how we signed. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(k.toLowerCase())) out[k] = v;
    else out[k] = /^(AWS4-HMAC-SHA256|Bearer|Basic)\b/i.test(v) ? `${v.split(' ')[0]} ****` : '****';
  }
  return out;
}

/** A URL for a debug log: presigned query parameters and proxy passwords hidden. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    for (const k of [...u.searchParams.keys()]) if (SECRET_QUERY.test(k)) u.searchParams.set(k, '****');
    return u.toString();
  } catch {
    return redact(url);
  }
}
