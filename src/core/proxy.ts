// Which proxy an HTTPS request goes through, as Codex decides it: one rule for our HTTP client, doctor and preflight.

/**
 * Observed with Codex 0.171 (a turn through the emulator's proxy): HTTPS_PROXY, https_proxy, ALL_PROXY and
 * all_proxy route its HTTPS calls; HTTP_PROXY and http_proxy do not (they are for http:// URLs), and NO_PROXY
 * exempts hosts. Our checks follow the same variables, so they pass only where Codex would get through.
 */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'] as const;
const HTTP_ONLY_VARIABLES = ['HTTP_PROXY', 'http_proxy'] as const;
export type ProxyVariable = (typeof PROXY_VARIABLES)[number];

export interface EnvProxy {
  /** With a scheme (`proxy:3128` becomes `http://proxy:3128`); may carry credentials: never show it, use proxyEndpoint. */
  url: string;
  variable: ProxyVariable;
}

/** The proxy the environment names for HTTPS, and the variable it came from; null when none is set. */
export function proxySetting(env: NodeJS.ProcessEnv): EnvProxy | null {
  for (const variable of PROXY_VARIABLES) {
    const raw = env[variable];
    if (raw) return { url: /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`, variable };
  }
  return null;
}

/** An HTTP(S) proxy our client can tunnel through; a SOCKS one (ALL_PROXY=socks5://…) is not. */
export function isHttpProxy(p: EnvProxy): boolean {
  return /^https?:\/\//i.test(p.url);
}

/** The proxy URL our HTTP client uses: the same variables as Codex, when it is an HTTP(S) proxy. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): string | null {
  const p = proxySetting(env);
  return p && isHttpProxy(p) ? p.url : null;
}

/** HTTP_PROXY / http_proxy set without an HTTPS one: the trap where Codex (and we) connect directly. */
export function httpOnlyProxyVariable(env: NodeJS.ProcessEnv): (typeof HTTP_ONLY_VARIABLES)[number] | null {
  if (proxySetting(env)) return null;
  return HTTP_ONLY_VARIABLES.find((v) => env[v]) ?? null;
}

export function noProxyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.NO_PROXY ?? env.no_proxy;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/** curl/Go conventions: `*` bypasses all; `example.com` and `.example.com` match it and its subdomains; optional `:port`. */
export function bypassesProxy(host: string, port: number, noProxy: string | undefined): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (LOOPBACK.test(h)) return true;
  if (!noProxy) return false;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const rule = raw.trim().toLowerCase();
    if (!rule) continue;
    if (rule === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(rule)!;
    const ruleHost = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m[2] && Number(m[2]) !== port) continue;
    if (h === ruleHost || h.endsWith(`.${ruleHost}`)) return true;
  }
  return false;
}

/** The proxy a connection to host:port goes through, or null when there is none or NO_PROXY exempts the host. */
export function proxyFor(env: NodeJS.ProcessEnv, host: string, port = 443): EnvProxy | null {
  const p = proxySetting(env);
  return p && !bypassesProxy(host, port, noProxyFromEnv(env)) ? p : null;
}

/** Scheme, host and port: which proxy is meant, never its credentials. Null when the URL does not parse. */
export function proxyEndpoint(p: EnvProxy): { shown: string; host: string; port: number } | null {
  let u: URL;
  try {
    u = new URL(p.url);
  } catch {
    return null;
  }
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : u.protocol.startsWith('socks') ? 1080 : 80));
  return { shown: `${u.protocol}//${u.hostname}:${port}`, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}
