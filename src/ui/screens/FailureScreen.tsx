import { Text } from 'ink';
import { redact } from '../../core/redact.js';
import { sanitize } from '../../core/sanitize.js';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { Wrapped } from '../components/Wrapped.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { useTint } from '../context.js';
import { diagnose } from '../../core/diagnosis.js';
import { diagnosisFor } from '../../core/wording.js';
import { LEGACY_TOOLS_FEATURE } from '../../core/codexFeatures.js';
import { needsTopLevelTools } from '../../flows/smoke.js';
import { credentialSourceOf, loginAgainCommand } from '../../core/credentialSource.js';
import { renewedSource } from '../../core/diagnosis.js';
import { awsProfileIsSso, canRelogin, smokeProfile, ssoLoginTyped, type WizardEvent } from '../../wizard/machine.js';
import { signInProfileOf } from '../../core/sessionLifetime.js';
import { smokeTitle } from './SmokeScreen.js';
import type { ScreenProps } from './props.js';
import { stepLabel } from './steps.js';

// A diagnosis quotes servers and the user's files.
const shown = (s: string) => sanitize(redact(s), { keepNewlines: true });

const RELOGIN_IDS = new Set(['sso-token-expired', 'credentials-expired']);

export function FailureScreen({ state, dispatch }: ScreenProps) {
  const tint = useTint();
  const f = state.failure;
  if (!f) return null;
  const profile = f.failure.profile ?? (state.auth?.kind === 'profile' ? state.auth.profile : undefined);
  // The profile signs in only when it is IAM Identity Center's: keys and credential helpers get their own words.
  const chain = profile && state.preflight ? credentialSourceOf(profile, state.preflight.awsProfiles) : undefined;
  const source = renewedSource(chain);
  // An aws login session (or a role on one) signs in again at the profile that holds the session.
  const login = loginAgainCommand(profile, chain);
  const signsIn = awsProfileIsSso(state) || source === 'sso';
  // A smoke test failure belongs to the profile under test, which need not be the first.
  const codexProfile = f.at === 'smoke' ? smokeProfile(state) : state.profiles[0];
  const d = diagnosisFor(diagnose(f.failure, {
    profile,
    ...(signsIn ? { credentialSource: 'sso' as const } : source ? { credentialSource: source } : {}),
    ...(login && !signsIn ? { signIn: login } : {}),
    region: f.failure.region ?? state.region,
    model: f.failure.model ?? codexProfile?.model,
    codexProfile: codexProfile?.name,
    ...(state.facts ? { codexHome: state.facts.codexHomeShown } : {}),
    // Named as the environment names it: https_proxy or ALL_PROXY, not always HTTPS_PROXY.
    ...(state.facts?.proxy ? { proxy: state.facts.proxy.shown, proxyVariable: state.facts.proxy.variable } : {}),
    // The sign-in as this machine needs it typed (device code, the v2 by path), at the base of a role chain.
    ...(signsIn && profile ? { ssoLogin: ssoLoginTyped(state)((chain && signInProfileOf(profile, chain)) ?? profile) } : {}),
  }), 'wizard');
  const items: { label: string; value: WizardEvent['type'] }[] = [
    ...(RELOGIN_IDS.has(d.id) && signsIn && canRelogin(state) ? [{ label: 'Sign in again (aws sso login), then retry', value: 'RELOGIN' as const }] : []),
    ...(f.at === 'smoke' && state.smoke && needsTopLevelTools(state.smoke)
      ? [{ label: `Fix ${codexProfile?.name ?? 'the profile'}: [features] ${LEGACY_TOOLS_FEATURE} = false, then retry`, value: 'FIX_TOOLS' as const }]
      : []),
    { label: 'Retry', value: 'RETRY' },
    ...(f.at === 'smoke'
      ? [
          { label: 'Change region', value: 'CHANGE_REGION' as const },
          { label: 'Change model', value: 'CHANGE_MODEL' as const },
        ]
      : []),
    { label: 'Back', value: 'BACK' },
    { label: 'Quit', value: 'QUIT' },
  ];
  return (
    <Frame {...stepLabel('failure')} hints={[MOVE, SELECT, BACK, QUIT]}>
      {f.at === 'smoke' ? <Wrapped>{`${smokeTitle(state)} failed${state.smokePassed.length ? ` (${state.profiles.slice(0, state.smokePassed.length).map((p) => p.name).join(', ')} passed)` : ''}:`}</Wrapped> : null}
      <Text color={tint('red')} bold>
        ✗ {shown(d.title)}
      </Text>
      <Wrapped>why: {shown(d.why)}</Wrapped>
      <Wrapped>
        fix: <Text bold>{shown(d.fix)}</Text>
      </Wrapped>
      {state.helpUrl ? <Wrapped>help from your team: {state.helpUrl}</Wrapped> : null}
      <Text> </Text>
      <Menu items={items} onSelect={(type) => dispatch({ type } as WizardEvent)} />
    </Frame>
  );
}
