// What is wrong with a Bedrock API key that can be told without a call. Pure.

const SHORT_TERM_PREFIX = 'bedrock-api-key-';

/**
 * Short-term Bedrock API keys are `bedrock-api-key-` + base64 of a presigned URL whose credential scope
 * holds the region and whose X-Amz-Date/X-Amz-Expires give the expiry. Long-term keys are opaque: null.
 */
export function bearerTokenProblem(token: string, region: string, now: number): string | null {
  if (/\s/.test(token.trim()) || token.trim() === '') return 'the key contains whitespace or is empty (a copy-paste accident?)';
  if (!token.startsWith(SHORT_TERM_PREFIX)) return null;
  let url: URL;
  try {
    const decoded = Buffer.from(token.slice(SHORT_TERM_PREFIX.length), 'base64').toString('utf8');
    url = new URL(decoded.includes('://') ? decoded : `https://${decoded}`);
  } catch {
    return null;
  }
  const keyRegion = url.searchParams.get('X-Amz-Credential')?.split('/')[2];
  if (keyRegion && keyRegion !== region) return `the key was issued for ${keyRegion}, but Codex uses ${region}`;
  const date = url.searchParams.get('X-Amz-Date');
  const expires = Number(url.searchParams.get('X-Amz-Expires'));
  const m = date ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date) : null;
  if (m && expires > 0) {
    const end = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + expires * 1000;
    if (end <= now) return `the key expired at ${new Date(end).toISOString()}`;
  }
  return null;
}
