import type { Step, WizardState } from '../../wizard/machine.js';

const STEP_OF: Partial<Record<Step, [number, string]>> = {
  welcome: [1, 'Welcome'],
  preflight: [1, 'Checks'],
  region: [2, 'Region'],
  'region-custom': [2, 'Region'],
  auth: [3, 'Sign in'],
  'profile-pick': [3, 'Sign in: AWS profile'],
  'api-key': [3, 'Sign in: Bedrock API key'],
  'sso-start-url': [3, 'Sign in: IAM Identity Center'],
  'sso-region': [3, 'Sign in: IAM Identity Center'],
  'sso-handoff': [3, 'Sign in: IAM Identity Center'],
  'sso-verify': [3, 'Sign in: IAM Identity Center'],
  identity: [3, 'Sign in'],
  models: [4, 'Models'],
  config: [5, 'Codex config'],
  'config-written': [5, 'Codex config'],
  smoke: [6, 'Smoke test'],
  'smoke-fix': [6, 'Smoke test: fix the profile'],
  done: [7, 'Done'],
  failure: [0, 'Something went wrong'],
};

export function stepLabel(step: Step): { step: string; title: string } {
  const [n, title] = STEP_OF[step] ?? [0, ''];
  return { step: n ? `${n}/7` : '!', title };
}

/** Values from flags or the team template, so people see why a question was skipped. */
export function pinnedSummary(s: WizardState): string | undefined {
  const parts: string[] = [];
  if (s.pins.region && s.region) parts.push(`region ${s.region}`);
  if (s.pins.auth && s.authMethod) parts.push(`sign-in ${s.authMethod}`);
  if (s.pins.awsProfile) parts.push(`aws profile ${s.sso.profile}`);
  if (s.pins.ssoStartUrl && s.sso.startUrl) parts.push(`start URL ${s.sso.startUrl}`);
  if (s.pins.ssoRegion && s.sso.ssoRegion) parts.push(`SSO region ${s.sso.ssoRegion}`);
  for (const p of s.profiles) if (s.pins.models.includes(p.name)) parts.push(`${p.name}=${p.model}`);
  return parts.length ? parts.join(' · ') : undefined;
}
