// What the aws CLI (botocore) prints when it cannot open a connection, read back into facts. Pure.

/** One host the aws CLI could not reach, from botocore's EndpointConnectionError. */
export interface UnreachableEndpoint {
  url: string;
  host: string;
  /** From the host name (oidc.eu-west-1.amazonaws.com → eu-west-1); absent for global hosts. */
  region?: string;
  /** IAM Identity Center's hosts: their region is the profile's sso_region, not the Bedrock region. */
  sso: boolean;
  /** What the host is, in words ("IAM Identity Center (OIDC)", "STS"); absent for a host that is not AWS's. */
  what?: string;
}

// botocore: `Could not connect to the endpoint URL: "https://oidc.us-east-1.amazonaws.com/client/register"`.
const ENDPOINT = /could not connect to the endpoint url: "?(https?:\/\/[^"\s]+)"?/i;
// botocore's ProxyConnectionError: `Failed to connect to proxy URL: "http://***:***@proxy:3128"` (it masks credentials).
const PROXY = /failed to connect to proxy url: "?([^"\s]+)"?/i;

const KNOWN: readonly [RegExp, string, boolean][] = [
  [/^oidc\./, 'IAM Identity Center (OIDC)', true],
  [/^portal\.sso\./, 'the IAM Identity Center portal', true],
  [/^device\.sso\./, 'the IAM Identity Center device page', true],
  [/^sts\./, 'STS', false],
  [/^bedrock-runtime\./, 'Bedrock Runtime', false],
  [/^bedrock-mantle\./, 'Bedrock Mantle', false],
  [/^bedrock\./, 'the Bedrock control plane', false],
];

export function unreachableEndpoint(message: string | undefined): UnreachableEndpoint | null {
  const m = ENDPOINT.exec(message ?? '');
  if (!m) return null;
  let host: string;
  try {
    host = new URL(m[1]!).hostname.toLowerCase();
  } catch {
    return null;
  }
  const region = /\.([a-z]{2,4}(?:-[a-z]+)+-\d{1,2})\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/.exec(host)?.[1];
  const known = KNOWN.find(([re]) => re.test(host));
  return { url: m[1]!, host, ...(region ? { region } : {}), sso: known?.[2] ?? false, ...(known ? { what: known[1] } : {}) };
}

/** The proxy URL the aws CLI could not connect to, credentials masked (botocore masks them; we do again). */
export function unreachableProxy(message: string | undefined): string | null {
  const raw = PROXY.exec(message ?? '')?.[1];
  return raw ? maskProxyUrl(raw) : null;
}

/** A proxy URL as it may be shown: any user:password before the host becomes ***:***. */
export function maskProxyUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]+@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***:***@`);
}

/** The error lines worth keeping from an aws CLI run: botocore's connection errors, never the rest (codes, URLs of the device flow). */
export function awsCliErrorLine(lines: readonly string[]): string | undefined {
  return [...lines].reverse().find((l) => ENDPOINT.test(l) || PROXY.test(l))?.trim();
}
