// Last line of defence for anything we show: secrets never reach the screen, a log or a JSON document,
// whether they come from the user's files, a server's error text or another program's output.

/** Keys whose values are credentials, in INI/TOML/JSON/env form (`aws_secret_access_key = …`, `"SessionToken":"…"`). */
const SECRET_KEY =
  /(?:secret|token|passw(?:or)?d|\bpwd\b|api[_-]?key|apikey|private[_-]?key|authorization|signature|credential(?!_process|_source)s?\b|cookie)/i;

const ACCESS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA|ABIA|ACCA|AGPA|ANPA|ANVA|APKA|AIPA)[A-Z0-9]{12,}\b/g;
const BEDROCK_KEY = /bedrock-api-key-[A-Za-z0-9+/=_%.-]+/g;
const LONG_TERM_KEY = /\bABSK[A-Za-z0-9+/=_-]{16,}/g;
// A header line: everything after the name is the credential (a SigV4 value has spaces in it). The value
// must look like one (a scheme and a token, or a long token), so prose such as "(Authorization: Bearer)"
// stays readable; a backslash ends it, so an escaped quote inside JSON text is never eaten.
const AUTH_HEADER =
  /((?:proxy-)?authorization|x-amz-security-token|x-amz-sso_bearer_token)(["']?\s*[:=]\s*["']?)(?:((?:bearer|basic|aws4-hmac-sha256)\s+)(?=[A-Za-z0-9+/=._~*-])|(?=[A-Za-z0-9+/=._~-]{8}))[^"'\\\r\n]*/gi;
const BEARER = /\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi;
const SIGNATURE = /\b((?:x-amz-)?signature=)[0-9a-f]{16,}/gi;
const CREDENTIAL = /\b((?:x-amz-)?credential=)[^\s,&"']+/gi;
const NAMED_SECRET =
  /((?:x-amz-security-token|x-amz-signature|aws_secret_access_key|aws_session_token|aws_security_token|secret_?access_?key|session_?token|access_?token|refresh_?token|client_?secret)["']?\s*[=:]\s*["']?)[^\s"',}]+/gi;
// `scheme://user:password@host`: the password may hold an unencoded `/`, `:` or `#`.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"']*:)[^\s@"']+@/gi;

export function redact(text: string, extraSecrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of extraSecrets) if (s && s.length >= 8) out = out.split(s).join('****');
  out = out.replace(AUTH_HEADER, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}****`);
  out = out.replace(BEDROCK_KEY, 'bedrock-api-key-****');
  out = out.replace(LONG_TERM_KEY, 'ABSK****');
  out = out.replace(BEARER, '$1****');
  out = out.replace(SIGNATURE, '$1****');
  out = out.replace(CREDENTIAL, (_m, a: string) => `${a}****`);
  out = out.replace(ACCESS_KEY_ID, (m) => `${m.slice(0, 4)}****`);
  out = out.replace(NAMED_SECRET, '$1****');
  out = out.replace(URL_PASSWORD, '$1****@');
  return out;
}

// `bearer_token_env_var = "NAME"` names where a secret lives; the name itself is worth showing.
const NAMES_A_VARIABLE = /(_env_var|env_key)$/i;
const ASSIGNMENT = /^(\s*["']?)([A-Za-z0-9_.\-]+)(["']?\s*[=:]\s*)(.*)$/;

/**
 * One line of a config file as shown in a diff: a secret-looking key keeps its name and loses its value.
 * `[section]` headers, comments and other keys are left alone (then the general patterns still apply).
 */
export function redactConfigLine(line: string): string {
  const m = ASSIGNMENT.exec(line);
  if (m && SECRET_KEY.test(m[2]!) && !NAMES_A_VARIABLE.test(m[2]!) && m[4]!.trim() !== '') {
    const value = m[4]!.trim();
    const quote = /^["']/.test(value) ? value[0] : '';
    return `${m[1]}${m[2]}${m[3]}${quote}****${quote}`;
  }
  return redact(line);
}

/**
 * redactConfigLine, and the same inside a comment: `# password: hunter2` or `key = 1 # token = abc` is a
 * note a person left, and its value has no shape to recognise. For documents that leave the machine.
 */
export function redactConfigLineAndComment(line: string): string {
  const shown = redactConfigLine(line);
  const hash = shown.indexOf('#');
  if (hash < 0) return shown;
  return shown.slice(0, hash + 1) + shown.slice(hash + 1).replace(/^(\s*)(.*)$/, (_m, sp: string, body: string) => sp + redactConfigLine(body));
}

/** A unified diff for display: each shown line (context too) goes through redactConfigLine, the +/-/space prefix kept. */
export function redactDiff(diff: string): string {
  return diff
    .split('\n')
    .map((l) => (/^[+\- ]/.test(l) && !l.startsWith('+++') && !l.startsWith('---') ? l[0] + redactConfigLine(l.slice(1)) : redact(l)))
    .join('\n');
}

/** Every string inside a JSON-able value, redacted (for --json documents). */
export function redactDeep<T>(value: T, extraSecrets: (string | undefined)[] = []): T {
  if (typeof value === 'string') return redact(value, extraSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, extraSecrets)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, extraSecrets)])) as T;
  }
  return value;
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

// For documents meant to leave the machine (doctor --report): also the shapes a secret has without its name.
/** A 12-digit AWS account id, alone or inside an ARN (`arn:aws:iam::123456789012:role/x`). */
const ACCOUNT_ID = /(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/g;
/** A secret access key's shape: 40 characters of base64, with upper and lower case and a digit (a hex hash has no upper case). */
const SECRET_SHAPE = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** A session token or other long opaque credential: 100+ base64 characters in a row. */
const LONG_OPAQUE = /[A-Za-z0-9/+_-]{100,}={0,2}/g;

/** Every account id masked: with the role name beside it, it is half of what an attacker needs to phish a session. */
export function redactAccountIds(text: string): string {
  return text.replace(ACCOUNT_ID, '************');
}

/** redact(), then the nameless shapes: secret keys, long tokens, account ids. For text that will be pasted elsewhere. */
export function redactForSharing(text: string, extraSecrets: (string | undefined)[] = []): string {
  return redactAccountIds(redact(text, extraSecrets).replace(LONG_OPAQUE, '****').replace(SECRET_SHAPE, '****'));
}
