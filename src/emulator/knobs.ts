// The standalone emulator's latency knobs, from its command line or environment, as a state patch.
import type { StatePatch } from './state.js';

const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;

/** `us-east-1=20,eu-west-1=60` → { 'us-east-1': 20, 'eu-west-1': 60 }; throws on anything else. */
export function parseRegionLatency(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=:]+)[=:](\d+(?:\.\d+)?)$/.exec(part);
    if (!m || !REGION.test(m[1]!)) throw new Error(`region latency "${part}" must look like us-east-1=20 (region=milliseconds)`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function milliseconds(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text) || !Number.isFinite(n)) throw new Error(`${name} must be a number of milliseconds, not "${text}"`);
  return n;
}

/**
 * `--call-ms=N` (EMULATOR_CALL_MS), `--first-token-ms=N` (EMULATOR_FIRST_TOKEN_MS) and
 * `--region-latency=us-east-1=20,…` (EMULATOR_REGION_LATENCY_MS); a flag wins over the environment.
 */
export function latencyKnobs(argv: string[], env: NodeJS.ProcessEnv): StatePatch {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const callMs = flag('call-ms') ?? env.EMULATOR_CALL_MS;
  const firstTokenMs = flag('first-token-ms') ?? env.EMULATOR_FIRST_TOKEN_MS;
  const regions = flag('region-latency') ?? env.EMULATOR_REGION_LATENCY_MS;
  const delays = {
    ...(callMs !== undefined ? { callMs: milliseconds('call-ms', callMs) } : {}),
    ...(firstTokenMs !== undefined ? { firstTokenMs: milliseconds('first-token-ms', firstTokenMs) } : {}),
  };
  return {
    ...(Object.keys(delays).length ? { delays } : {}),
    ...(regions !== undefined ? { regionLatencyMs: parseRegionLatency(regions) } : {}),
  };
}
