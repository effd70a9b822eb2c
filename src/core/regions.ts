import { codexRanges, codexSupports, type CodexCapability } from './codexVersions.js';
import { editDistance } from './validate.js';

// Bedrock Mantle regions: display names and which ones Codex's own region check accepts.
// Availability of models per region changes over time; this list is for names and hints only.

export interface MantleRegion {
  id: string;
  name: string;
  /** Every Codex with the amazon-bedrock provider accepts it (others fail with "does not support region"). */
  validated: boolean;
  /** Accepted only by the Codex versions that have this capability (GovCloud). */
  acceptedWith?: CodexCapability;
}

export const MANTLE_REGIONS: readonly MantleRegion[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)', validated: true },
  { id: 'us-east-2', name: 'US East (Ohio)', validated: true },
  { id: 'us-west-2', name: 'US West (Oregon)', validated: true },
  { id: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', validated: true },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)', validated: true },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', validated: true },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', validated: true },
  { id: 'eu-west-1', name: 'Europe (Ireland)', validated: true },
  { id: 'eu-west-2', name: 'Europe (London)', validated: true },
  { id: 'eu-south-1', name: 'Europe (Milan)', validated: true },
  { id: 'eu-north-1', name: 'Europe (Stockholm)', validated: true },
  { id: 'sa-east-1', name: 'South America (São Paulo)', validated: true },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', validated: false, acceptedWith: 'govcloud-west' },
  { id: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', validated: false, acceptedWith: 'govcloud-east' },
];

/** Alias used by commands. */
export const REGIONS = MANTLE_REGIONS;

// Real shapes: us-east-1, ap-southeast-3, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1.
const REGION_SHAPE = /^[a-z]{2,4}(-(gov|iso|isob|isoe|isof))?-[a-z]+-\d{1,2}$/;

export type RegionResult = { ok: true; region: string } | { ok: false; message: string };

export function parseRegion(input: string): RegionResult {
  const s = input.trim();
  if (input.length > 64 || /[\u0000-\u001f\u007f]/.test(input)) {
    return { ok: false, message: 'That is not an AWS region id. A region looks like us-east-1 or eu-west-2.' };
  }
  if (s === '') return { ok: false, message: 'Enter an AWS region, e.g. us-east-1.' };
  const lower = s.toLowerCase();
  if (REGION_SHAPE.test(lower)) return { ok: true, region: lower };
  const guess = closestRegion(lower);
  const hint = guess ? ` Did you mean ${guess}?` : '';
  return { ok: false, message: `"${s}" is not a well-formed AWS region id. A region looks like us-east-1 (area-direction-number).${hint}` };
}

export function mantleHost(region: string): string {
  return `bedrock-mantle.${region}.api.aws`;
}

/** Whether the installed Codex's region check accepts it; an unknown version is taken to be the newest. */
export function isCodexSupportedRegion(region: string, codexVersion: string | null = null): boolean {
  const r = MANTLE_REGIONS.find((x) => x.id === region);
  if (!r) return false;
  return r.validated || (r.acceptedWith !== undefined && codexSupports(codexVersion, r.acceptedWith));
}

/** What a user must know before picking this region with this Codex (GovCloud), or undefined. */
export function codexRegionNote(region: string, codexVersion: string | null): string | undefined {
  const r = MANTLE_REGIONS.find((x) => x.id === region);
  if (!r?.acceptedWith) return undefined;
  const which = codexVersion ? `Codex ${codexVersion}` : 'Codex';
  if (!isCodexSupportedRegion(region, codexVersion)) return `${which} rejects ${region} (accepted by Codex ${codexRanges(r.acceptedWith)})`;
  const ack = codexSupports(codexVersion, 'govcloud-acknowledgement') ? `${which} will ask you to acknowledge "Using Codex with AWS GovCloud"; ` : '';
  return `${ack}OpenAI's documentation does not list GovCloud as supported`;
}

export function regionName(region: string): string | undefined {
  return MANTLE_REGIONS.find((r) => r.id === region)?.name;
}

/** Nearest catalogue id by edit distance on the hyphen-free form (catches us-east1, useast-1, us-eats-1). */
export function closestRegion(input: string): string | undefined {
  const flat = (x: string): string => x.replace(/[^a-z0-9]/g, '');
  const target = flat(input.toLowerCase());
  let best: { id: string; d: number } | undefined;
  for (const r of MANTLE_REGIONS) {
    const d = editDistance(target, flat(r.id));
    if (!best || d < best.d) best = { id: r.id, d };
  }
  return best && best.d <= 2 ? best.id : undefined;
}
