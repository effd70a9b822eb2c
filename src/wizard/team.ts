// Team template (`--team-config FILE`) and command-line flags → wizard pre-fill. Pure: the caller reads the file.
import { parse } from 'smol-toml';
import { parseRegion } from '../core/regions.js';
import { validateAccountId, validateAwsProfileName, validateCodexProfileName, validateModelId, validateSsoStartUrl, type Validation } from '../core/validate.js';
import type { AuthMethod } from '../types.js';
import type { WizardOptions } from './machine.js';

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
}

const AUTH: AuthMethod[] = ['sso', 'profile', 'api-key', 'env'];
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Template keys: start_url, sso_region, sso_session, account_id, role_name, aws_profile, auth, region,
 * regions = [...], prompt, and [[profiles]] tables with name and optional model.
 * Throws an Error with a one-line message when the file is not valid.
 */
export function parseTeamTemplate(text: string): WizardOptions {
  let t: Record<string, unknown>;
  try {
    t = parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`team template is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
  const auth = str(t.auth);
  if (auth && !AUTH.includes(auth as AuthMethod)) throw new Error(`team template: auth must be one of ${AUTH.join(', ')}`);
  const regions = Array.isArray(t.regions) ? t.regions.map(str).filter((r): r is string => !!r) : undefined;
  const profiles = Array.isArray(t.profiles)
    ? (t.profiles as Record<string, unknown>[]).map((p) => ({ name: str(p.name) ?? '', model: str(p.model) }))
    : undefined;
  if (profiles?.some((p) => !p.name)) throw new Error('team template: every [[profiles]] entry needs a name');
  const sso = {
    startUrl: str(t.start_url),
    region: str(t.sso_region),
    accountId: str(t.account_id),
    roleName: str(t.role_name),
    session: str(t.sso_session),
  };
  checkAll(regions, profiles, sso, str(t.aws_profile), str(t.region));
  return {
    region: str(t.region),
    regions,
    auth: auth as AuthMethod | undefined,
    awsProfile: str(t.aws_profile),
    sso,
    profiles,
    prompt: str(t.prompt),
  };
}

/** Flags win over the template; both are pins. */
export function wizardOptions(flags: WizardFlags, team: WizardOptions = {}): WizardOptions {
  let profiles = team.profiles;
  if (flags.codexProfile || flags.models?.length) {
    const names = flags.codexProfile ? [flags.codexProfile] : (profiles?.map((p) => p.name) ?? ['bedrock-prod', 'bedrock-staging']);
    profiles = names.map((name, i) => ({ name, model: flags.models?.[i] ?? profiles?.find((p) => p.name === name)?.model }));
  }
  return {
    region: flags.region ?? team.region,
    regions: team.regions,
    auth: flags.auth ?? team.auth,
    awsProfile: flags.awsProfile ?? team.awsProfile,
    sso: {
      startUrl: flags.ssoStartUrl ?? team.sso?.startUrl,
      region: flags.ssoRegion ?? team.sso?.region,
      accountId: flags.accountId ?? team.sso?.accountId,
      roleName: flags.ssoRole ?? team.sso?.roleName,
      session: flags.ssoSession ?? team.sso?.session,
    },
    profiles,
    prompt: flags.prompt ?? team.prompt,
  };
}

/** A template is input like any other: values that end up in file names or config are validated. */
function checkAll(
  regions: string[] | undefined,
  profiles: { name: string; model?: string }[] | undefined,
  sso: { startUrl?: string; region?: string; accountId?: string },
  awsProfile: string | undefined,
  region: string | undefined,
): void {
  const fail = (what: string, r: Validation | { ok: boolean; message?: string }) => {
    if (!r.ok) throw new Error(`team template: ${what}: ${(r as { message: string }).message}`);
  };
  for (const r of [...(regions ?? []), ...(region ? [region] : []), ...(sso.region ? [sso.region] : [])]) fail('region', parseRegion(r));
  for (const p of profiles ?? []) {
    fail('profile name', validateCodexProfileName(p.name));
    if (p.model) fail(`model of ${p.name}`, validateModelId(p.model));
  }
  if (sso.startUrl) fail('start_url', validateSsoStartUrl(sso.startUrl));
  if (sso.accountId) fail('account_id', validateAccountId(sso.accountId));
  if (awsProfile) fail('aws_profile', validateAwsProfileName(awsProfile));
}
