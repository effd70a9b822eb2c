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
