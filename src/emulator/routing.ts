// Which AWS service and region a request is for: from a real AWS hostname (proxy mode)
// or from a `/<service>/<region>` path prefix (direct mode).

export type EmulatedService = 'sts' | 'bedrock' | 'bedrock-runtime' | 'bedrock-mantle' | 'oidc' | 'portal' | 's3' | 'signin';

export interface Route {
  service: EmulatedService;
  region: string;
  /** Path used for routing: the prefix stripped, no query string. */
  path: string;
}

const REGION = '([a-z]{2}(?:-gov)?-[a-z]+-\\d)';
const HOST_PATTERNS: { re: RegExp; service: EmulatedService }[] = [
  { re: new RegExp(`^sts\\.${REGION}\\.amazonaws\\.com$`), service: 'sts' },
  { re: new RegExp(`^bedrock\\.${REGION}\\.amazonaws\\.com$`), service: 'bedrock' },
  { re: new RegExp(`^bedrock-runtime\\.${REGION}\\.amazonaws\\.com$`), service: 'bedrock-runtime' },
  { re: new RegExp(`^bedrock-mantle\\.${REGION}\\.api\\.aws$`), service: 'bedrock-mantle' },
  { re: new RegExp(`^oidc\\.${REGION}\\.amazonaws\\.com$`), service: 'oidc' },
  { re: new RegExp(`^portal\\.sso\\.${REGION}\\.amazonaws\\.com$`), service: 'portal' },
  // AWS Sign-In's token endpoint (`aws login` sessions), as both SDKs' endpoint rules name it.
  { re: new RegExp(`^${REGION}\\.signin\\.aws\\.amazon\\.com$`), service: 'signin' },
  // Public objects (a team template): virtual-hosted style only.
  { re: new RegExp(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.s3\\.${REGION}\\.amazonaws\\.com$`), service: 's3' },
];

const PREFIX_SERVICES = new Set<string>(['sts', 'bedrock', 'bedrock-runtime', 'bedrock-mantle', 'oidc', 'portal', 'signin']);
const REGION_ONLY = new RegExp(`^${REGION}$`);

/** Service and region for an AWS hostname (port ignored); null for any other host. */
export function routeHost(hostHeader: string): { service: EmulatedService; region: string } | null {
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '');
  if (host === 'sts.amazonaws.com') return { service: 'sts', region: 'us-east-1' };
  for (const { re, service } of HOST_PATTERNS) {
    const m = re.exec(host);
    if (m) return { service, region: m[1]! };
  }
  return null;
}

export function isAwsHost(host: string): boolean {
  return routeHost(host) !== null;
}

export function route(hostHeader: string | undefined, pathname: string): Route | null {
  const byHost = hostHeader ? routeHost(hostHeader) : null;
  if (byHost) return { ...byHost, path: pathname || '/' };
  const [, service, region, ...rest] = pathname.split('/');
  if (!service || !region || !PREFIX_SERVICES.has(service) || !REGION_ONLY.test(region)) return null;
  return { service: service as EmulatedService, region, path: `/${rest.join('/')}` };
}

/** The SigV4 service name clients sign for: Bedrock Runtime signs as `bedrock`, like the control plane. */
export function signingService(service: EmulatedService): string {
  return service === 'bedrock-runtime' ? 'bedrock' : service;
}

/** The real AWS hostname a route stands for (what a client would have resolved). */
export function awsHostname(service: EmulatedService, region: string): string {
  switch (service) {
    case 'bedrock-mantle':
      return `bedrock-mantle.${region}.api.aws`;
    case 'portal':
      return `portal.sso.${region}.amazonaws.com`;
    case 'signin':
      return `${region}.signin.aws.amazon.com`;
    default:
      return `${service}.${region}.amazonaws.com`;
  }
}
