// The steps of "set up Codex", each working only through Services. `setup --yes` runs them in order; the wizard's
// effects run one per screen. Both build what they write and test from the same functions here.
import { setMaxListeners } from 'node:events';
import { authRefreshFor, type AuthRefreshDecision } from '../core/authRefresh.js';
import { useDeviceCodeFlag, type SignInMode } from '../core/ssoArgs.js';
import { codexSince } from '../core/codexVersions.js';
import { credentialExportFor, type CredentialSource } from '../core/credentialSource.js';
import { NOTHING_CONFIGURED, type ConfiguredProfile, type ConfiguredSetup } from '../core/configured.js';
import { BEDROCK_PROVIDER, RUNTIME_PROVIDER } from '../core/providers.js';
import { MANTLE_REGIONS } from '../core/regions.js';
import { mergeAvailability, pickDefaultModels } from '../core/models.js';
import type { Services } from '../services/types.js';
import type { AuthChoice, AwsCliInfo, ConfigPlan, Failure, SetupChoices } from '../types.js';
import { toFailure } from './failure.js';
import type { WebSearchDecision } from './smoke.js';

/** Reads the Bedrock profiles Codex already has, so a re-run keeps their names, models and regions. */
export async function readConfiguredSetup(services: Pick<Services, 'config'>, codexVersion: string | null): Promise<ConfiguredSetup> {
  const base = await services.config.readCodexSettings(null, { codexVersion });
  const names = [...base.profileFiles, ...base.legacyProfileTables.filter((n) => !base.profileFiles.includes(n))];
  if (!names.length) return NOTHING_CONFIGURED;
  const profiles: ConfiguredProfile[] = [];
  for (const name of names) {
    // A legacy [profiles.NAME] table is read as the Codex that wrote it reads it (before profile files).
    const legacy = !base.profileFiles.includes(name);
    const s = await services.config.readCodexSettings(name, { codexVersion: legacy ? LAST_LEGACY_CODEX : codexVersion });
    if (s.modelProvider !== BEDROCK_PROVIDER && s.modelProvider !== RUNTIME_PROVIDER) continue;
    profiles.push({ name, model: s.model, region: s.region, awsProfile: s.awsProfile, provider: s.modelProvider });
  }
  return { profiles };
}

/** A version before profile files: reading as it reads puts [profiles.NAME] in force. */
const LAST_LEGACY_CODEX = lastBefore(codexSince('profile-files'));
function lastBefore(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${Math.max(0, (minor ?? 1) - 1)}.0`;
}

/** undefined: still asking; null: could not ask; array: Mantle's model ids. */
export type Listing = string[] | null | undefined;

export interface ModelData {
  here: Listing;
  hereFailure?: Failure;
  elsewhere: Record<string, Listing>;
  codex: string[] | null | undefined;
}

export const NO_MODEL_DATA: ModelData = { here: undefined, elsewhere: {}, codex: undefined };

/** The other regions whose lists the models table shows beside the chosen one. */
export function otherModelRegions(region: string): string[] {
  return MANTLE_REGIONS.filter((r) => r.validated && r.id !== region).map((r) => r.id);
}

/**
 * Asks Mantle in the chosen region and every other validated region, and Codex for its catalogue, in parallel;
 * `update` sees each answer as it arrives. Resolves when every answer is in.
 */
export async function loadModelData(
  services: Pick<Services, 'aws' | 'tools'>,
  input: { auth: AuthChoice; region: string; others: string[] },
  update: (patch: (d: ModelData) => ModelData) => void,
  signal?: AbortSignal,
): Promise<void> {
  // One signal fans out to a request per region: past Node's default of 10 listeners it prints a leak warning.
  if (signal) setMaxListeners(0, signal);
  const { auth, region, others } = input;
  await Promise.all([
    services.aws.listMantleModels(auth, region, signal).then(
      (ids) => update((d) => ({ ...d, here: ids })),
      (e: unknown) => update((d) => ({ ...d, here: null, hereFailure: { region, ...toFailure(e, { service: 'bedrock-mantle' }) } })),
    ),
    ...others.map((r) =>
      services.aws.listMantleModels(auth, r, signal).then(
        (ids) => update((d) => ({ ...d, elsewhere: { ...d.elsewhere, [r]: ids } })),
        () => update((d) => ({ ...d, elsewhere: { ...d.elsewhere, [r]: null } })),
      ),
    ),
    services.tools.codexModels().then(
      (ids) => update((d) => ({ ...d, codex: ids })),
      () => update((d) => ({ ...d, codex: null })),
    ),
  ]);
}

/** The model a profile gets when none is given: the configured one if still served, else strongest (first) or fastest. */
export function defaultModel(input: { index: number; listed: string[]; codex: string[] | null; kept?: string; allowed?: string[] }): string | undefined {
  if (input.kept) return input.kept;
  const usable = mergeAvailability(input.listed, null, input.codex).filter((m) => m.available && (!input.allowed || input.allowed.includes(m.id)));
  if (input.allowed) return usable[0]?.id ?? input.allowed.find((m) => input.listed.includes(m));
  const d = pickDefaultModels(usable);
  return input.index === 0 ? d.strongest : d.fastest;
}

/** --web-search wins; Bedrock Runtime cannot run the hosted tool; otherwise the endpoint is asked. */
export async function decideWebSearch(
  services: Pick<Services, 'aws' | 'tools'>,
  input: { auth: AuthChoice; region: string; model: string; provider?: 'mantle' | 'runtime'; flag?: 'on' | 'off' },
  signal?: AbortSignal,
): Promise<WebSearchDecision> {
  if (input.flag) return { webSearch: input.flag === 'on' ? 'keep' : 'disabled', reason: `--web-search ${input.flag}` };
  if (input.provider === 'runtime') return { webSearch: 'disabled', reason: 'hosted web search needs Bedrock Mantle' };
  // The smoke module (request shapes, streaming) loads when the endpoint is asked, not with the wizard's reducer.
  const { probeWebSearch } = await import('./smoke.js');
  return probeWebSearch(services, { auth: input.auth, region: input.region, model: input.model }, signal);
}

export interface SetupDecisions {
  region: string;
  auth: AuthChoice;
  awsProfileIsSso: boolean;
  /** Where the chosen AWS profile's credentials come from (a helper gets aws.credential_export). */
  awsProfileSource?: CredentialSource;
  profiles: { name: string; model: string }[];
  codexVersion: string | null;
  webSearch: WebSearchDecision;
  provider?: 'mantle' | 'runtime';
  /** aws CLIs on PATH in PATH order, and the usable v2, for Codex's own re-sign-in. */
  awsClis: AwsCliInfo[];
  usableAws: string | null;
  /** Headless and --device-code/--browser; the aws version comes from awsClis. Absent: the aws CLI's default. */
  signIn?: Omit<SignInMode, 'awsVersion'>;
}

/** What a sign-in depends on among the decisions: the wizard has them before the rest is decided. */
export type SignInDecisions = Pick<SetupDecisions, 'signIn' | 'awsClis' | 'usableAws'>;

/** How this run signs in, with the version of the aws CLI it would use (the device code flag depends on it). */
export function signInModeOf(d: SignInDecisions): SignInMode | undefined {
  return d.signIn && { ...d.signIn, awsVersion: d.awsClis.find((c) => c.path === d.usableAws)?.version ?? null };
}

/** Whether Codex may run `aws sso login` by itself, and if not, why (said once by the caller). */
export function authRefreshOf(d: SetupDecisions): AuthRefreshDecision {
  // A role assumed from an SSO profile signs in through that profile: `aws sso login --profile <role>` fails with
  // "Missing the following required SSO configuration values" (aws CLI 2.9.19, observed).
  const s = d.awsProfileSource;
  const ssoBase = s?.kind === 'role-chain' && s.base === 'sso' ? s.baseProfile : undefined;
  return authRefreshFor({
    awsProfile: ssoBase ?? (d.auth.kind === 'profile' ? d.auth.profile : undefined),
    awsProfileIsSso: d.awsProfileIsSso || ssoBase !== undefined,
    codexVersion: d.codexVersion,
    firstAwsOnPath: d.awsClis[0]?.path ?? null,
    usableAws: d.usableAws,
    deviceCode: !!d.signIn && useDeviceCodeFlag(signInModeOf(d)!),
  });
}

/** Exactly what the config step plans from: the wizard and `setup --yes` write the same files for the same decisions. */
export function setupChoicesFor(d: SetupDecisions): SetupChoices {
  const refresh = authRefreshOf(d).write;
  const credentialExport = d.provider === 'runtime' ? undefined : credentialExportOf(d);
  return {
    region: d.region,
    ...(d.auth.kind === 'profile' ? { awsProfile: d.auth.profile } : {}),
    profiles: d.profiles.map((p) => ({ name: p.name, model: p.model })),
    codexVersion: d.codexVersion,
    webSearch: d.webSearch.webSearch,
    ...(d.provider === 'runtime' ? { provider: 'runtime' as const } : {}),
    ...(refresh ? { authRefresh: refresh } : {}),
    ...(credentialExport ? { credentialExport } : {}),
  };
}

/** aws.credential_export for a credential_process profile on a Codex that reads it. */
export function credentialExportOf(d: SetupDecisions): SetupChoices['credentialExport'] {
  return credentialExportFor({
    awsProfile: d.auth.kind === 'profile' ? d.auth.profile : undefined,
    source: d.awsProfileSource,
    codexVersion: d.codexVersion,
    usableAws: d.usableAws,
  });
}

export function planSetup(services: Pick<Services, 'config'>, d: SetupDecisions): Promise<ConfigPlan> {
  return services.config.planCodexConfig(setupChoicesFor(d));
}
