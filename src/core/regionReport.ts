// Region measurements as a user reads them: which provider serves each region, whether the installed Codex
// takes it, which one is fastest, and what to do when none answers. Pure: the `regions` command and the
// wizard's region screen both show this.
import { RUNTIME_PROVIDER } from './providers.js';
import { CODEX_UPDATE_COMMAND, codexSince, codexSupports, NEWEST_KNOWN_CODEX } from './codexVersions.js';
import { codexRegionNote, isCodexSupportedRegion, MANTLE_REGIONS, regionName } from './regions.js';

export type RegionProvider = 'mantle' | 'runtime';

/** What a round-trip figure is, said once for the table, the JSON and the wizard. */
export const RTT_METHOD =
  "median of warm probes, each one unauthenticated GET to the region's inference endpoint on an already open keep-alive connection, timed from sending the request to its response headers; DNS, TCP, proxy CONNECT and TLS set-up are not in it (a warm-up request pays them first)";

export interface RegionError {
  code: string;
  message: string;
  /** The catalogue's diagnosis of the failure, when there is one. */
  diagnosis?: { id: string; title: string; fix: string };
}

export interface RegionMeasurement {
  region: string;
  provider: RegionProvider;
  reachable: boolean;
  /** Median of `samplesMs`; null when unreachable. */
  rttMs: number | null;
  /** Every probe kept, in the order taken. */
  samplesMs: number[];
  /** The samples ran on an open connection; false: the server closed each one, so set-up is in the figure. */
  warm: boolean;
  error?: RegionError;
  codexAccepts: boolean;
}

export interface RegionRow extends RegionMeasurement {
  name?: string;
  fastest: boolean;
  /** What a user must know before picking it with this Codex (GovCloud, Runtime only, refused). */
  note?: string;
}

export interface RegionReport {
  rows: RegionRow[];
  /** The Codex the rows' `codexAccepts` were judged by; null: none found, judged as the newest known. */
  codexVersion: string | null;
  fastest: string | null;
  allUnreachable: boolean;
  /** Why nothing answered and what to try, when nothing did. */
  hint?: string;
  method: string;
}

/**
 * Codex's amazon-bedrock provider (Mantle) serves the regions its allow-list names; any other region can only
 * be used through amazon-bedrock-runtime, which has no allow-list.
 */
export function providerFor(region: string): RegionProvider {
  return MANTLE_REGIONS.some((r) => r.id === region) ? 'mantle' : 'runtime';
}

/** Whether the installed Codex (null: not found, judged as the newest known) can use the region with that provider. */
export function codexAcceptsRegion(region: string, provider: RegionProvider, codexVersion: string | null): boolean {
  return provider === 'mantle' ? isCodexSupportedRegion(region, codexVersion) : codexSupports(codexVersion ?? NEWEST_KNOWN_CODEX, 'runtime-provider');
}

/** Why a region needs a word before it is picked, or undefined. */
export function regionNote(region: string, provider: RegionProvider, codexVersion: string | null): string | undefined {
  if (provider === 'mantle') return codexRegionNote(region, codexVersion);
  const which = codexVersion ? `Codex ${codexVersion}` : 'Codex';
  if (!codexAcceptsRegion(region, provider, codexVersion))
    return `not a Bedrock Mantle region, and ${which} has no ${RUNTIME_PROVIDER} provider (from ${codexSince('runtime-provider')}): ${CODEX_UPDATE_COMMAND}`;
  return `not a Bedrock Mantle region: usable only through Bedrock Runtime (setup --provider runtime)`;
}

/** The middle value (mean of the middle two); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface ReportContext {
  /** HTTPS_PROXY as the HTTP client uses it; null when direct. */
  proxyUrl: string | null;
  /** The next step worded for where the user is: a command to re-run, or the screen's own key. */
  retry: string;
  codexVersion: string | null;
}

/** Marks the fastest reachable region Codex accepts (a refused one is never recommended) and explains total failure. */
export function regionReport(measurements: readonly RegionMeasurement[], ctx: ReportContext): RegionReport {
  const candidates = measurements.filter((m) => m.reachable && m.rttMs !== null && m.codexAccepts);
  const best = candidates.reduce<RegionMeasurement | null>((a, m) => (a === null || m.rttMs! < a.rttMs! ? m : a), null);
  const rows = measurements.map((m) => {
    const name = regionName(m.region);
    const note = regionNote(m.region, m.provider, ctx.codexVersion);
    return { ...m, ...(name ? { name } : {}), fastest: m === best, ...(note ? { note } : {}) };
  });
  const allUnreachable = measurements.length > 0 && measurements.every((m) => !m.reachable);
  return {
    rows,
    codexVersion: ctx.codexVersion,
    fastest: best?.region ?? null,
    allUnreachable,
    ...(allUnreachable ? { hint: unreachableHint(measurements, ctx) } : {}),
    method: RTT_METHOD,
  };
}

/** Node's codes for a host name that did not resolve (the diagnosis catalogue reads them too). */
export const DNS_ERROR_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const PROXY = new Set(['PROXY_CONNECT_REFUSED', 'PROXY_AUTH_REQUIRED', 'PROXY_TIMEOUT']);

function unreachableHint(measurements: readonly RegionMeasurement[], ctx: ReportContext): string {
  const codes = new Set(measurements.map((m) => m.error?.code ?? 'UNKNOWN'));
  const only = codes.size === 1 ? [...codes][0]! : null;
  const n = measurements.length;
  const what = `${n === 1 ? 'The region did not answer' : `None of the ${n} regions answered`}${only ? ` (${n === 1 ? '' : 'all '}${only})` : ''}, so the cause is on this side: the network, DNS or a proxy, not AWS or the region.`;
  if (ctx.proxyUrl) {
    const proxy = safeProxy(ctx.proxyUrl);
    const why = [...codes].some((c) => PROXY.has(c))
      ? `The proxy ${proxy} (HTTPS_PROXY) refused or did not open the tunnels: check it allows CONNECT to *.api.aws:443 and *.amazonaws.com:443, and its credentials.`
      : `Every request went through the proxy ${proxy} (HTTPS_PROXY): check it is running and reachable, or unset HTTPS_PROXY if you are not behind one.`;
    return `${what} ${why} If the proxy inspects TLS, set AWS_CA_BUNDLE to its CA file. Then ${ctx.retry}.`;
  }
  const dns = [...codes].every((c) => DNS_ERROR_CODES.has(c));
  const why = dns
    ? 'No AWS host name resolved: check the connection (VPN, Wi-Fi) and DNS.'
    : 'Check the connection (VPN, Wi-Fi, firewall).';
  return `${what} ${why} Behind a corporate proxy, set HTTPS_PROXY (and AWS_CA_BUNDLE if it inspects TLS). Then ${ctx.retry}.`;
}

/** The proxy's host:port, never its credentials. */
function safeProxy(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'in HTTPS_PROXY';
  }
}
