// Command-line flags (and a team template's answers, already read) → the wizard's pre-fill. Pure and light: the
// wizard's first frame needs it, the template parser it does not.
import type { AuthMethod } from '../types.js';
import type { WizardOptions } from './machine.js';
import { DEFAULT_CODEX_PROFILES } from '../core/defaults.js';

/** The flags the wizard honours (a subset of the CLI's options). */
export interface WizardFlags {
  region?: string;
  auth?: AuthMethod;
  awsProfile?: string;
  models?: string[];
  codexProfile?: string;
  prompt?: string;
  accountId?: string;
  ssoStartUrl?: string;
  ssoRegion?: string;
  ssoRole?: string;
  ssoSession?: string;
  provider?: 'mantle' | 'runtime';
  deviceCode?: boolean;
  browser?: boolean;
}

/** Flags win over the template; both are pins. */
export function wizardOptions(flags: WizardFlags, team: WizardOptions = {}): WizardOptions {
  let profiles = team.profiles;
  if (flags.codexProfile || flags.models?.length) {
    const names = flags.codexProfile ? [flags.codexProfile] : (profiles?.map((p) => p.name) ?? [...DEFAULT_CODEX_PROFILES]);
    profiles = names.map((name, i) => ({ name, model: flags.models?.[i] ?? profiles?.find((p) => p.name === name)?.model }));
  }
  return {
    region: flags.region ?? team.region,
    regions: team.regions,
    allowedRegions: team.allowedRegions,
    allowedModels: team.allowedModels,
    helpUrl: team.helpUrl,
    auth: flags.auth ?? team.auth,
    awsProfile: flags.awsProfile ?? team.awsProfile,
    sso: {
      startUrl: flags.ssoStartUrl ?? team.sso?.startUrl,
      region: flags.ssoRegion ?? team.sso?.region,
      accountId: flags.accountId ?? team.sso?.accountId,
      roleName: flags.ssoRole ?? team.sso?.roleName,
      session: flags.ssoSession ?? team.sso?.session,
      ...(flags.deviceCode ? { signIn: 'device-code' as const } : flags.browser ? { signIn: 'browser' as const } : {}),
    },
    profiles,
    prompt: flags.prompt ?? team.prompt,
    ...((flags.provider ?? team.provider) ? { provider: flags.provider ?? team.provider } : {}),
  };
}
