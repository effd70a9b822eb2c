// Which proxy our HTTPS requests go through: one rule for the HTTP client, doctor and preflight.

/** In the order they are read: the HTTPS ones first, the HTTP ones as a fallback (curl and Node agents do the same). */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;
export type ProxyVariable = (typeof PROXY_VARIABLES)[number];

export interface EnvProxy {
  /** With a scheme (`proxy:3128` becomes `http://proxy:3128`); may carry credentials: never show it, use proxyShown. */
  url: string;
  variable: ProxyVariable;
}

/** The proxy the environment names, and the variable it came from; null when none is set. */
export function proxySetting(env: NodeJS.ProcessEnv): EnvProxy | null {
  for (const variable of PROXY_VARIABLES) {
    const raw = env[variable];
    if (raw) return { url: /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`, variable };
  }
  return null;
}

export function proxyFromEnv(env: NodeJS.ProcessEnv): string | null {
  return proxySetting(env)?.url ?? null;
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
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return { shown: `${u.protocol}//${u.hostname}:${port}`, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}
