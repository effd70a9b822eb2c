import type { ReactNode } from 'react';
import { Box, Text, useInput } from 'ink';
import { bodyRowsWith, Frame } from '../components/Frame.js';
import { RegionPrompt } from '../components/RegionPrompt.js';
import { TextPrompt } from '../components/TextPrompt.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { ssoSessionName } from '../../wizard/sso.js';
import { validateSsoStartUrl } from '../../core/validate.js';
import { signInOf, ssoPlanKey } from '../../wizard/machine.js';
import { signsInWithCode } from '../../core/ssoArgs.js';
import { SCROLL_DIFF, ScrollingDiff, diffScrolls } from '../components/DiffView.js';
import { useLayout, wrappedRows } from '../components/terminalSize.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function SsoStartUrlScreen({ state, dispatch }: ScreenProps) {
  return (
    <Frame {...stepLabel('sso-start-url')} pinned={pinnedSummary(state)} hints={[['enter', 'confirm'], BACK, QUIT]}>
      <Text>Your organisation's AWS access portal URL (ask your admin, or see your sign-in email).</Text>
      <TextPrompt
        label="SSO start URL:"
        initial={state.sso.startUrl}
        placeholder="https://my-org.awsapps.com/start"
        validate={(v) => {
          const r = validateSsoStartUrl(v);
          return r.ok ? null : r.message;
        }}
        onSubmit={(url) => dispatch({ type: 'SSO_START_URL', url })}
      />
    </Frame>
  );
}

export function SsoRegionScreen({ state, dispatch }: ScreenProps) {
  return (
    <Frame {...stepLabel('sso-region')} pinned={pinnedSummary(state)} hints={[['enter', 'confirm'], BACK, QUIT]}>
      <Text>The region where IAM Identity Center runs (often not the Bedrock region).</Text>
      <RegionPrompt label="SSO region:" initial={state.sso.ssoRegion ?? state.region} onRegion={(region) => dispatch({ type: 'SSO_REGION', region })} />
    </Frame>
  );
}

const WRITES_FIRST = 'Enter first writes these lines (a backup is kept), then hands over:';

/** Explains what the aws CLI will ask before it takes over the terminal. */
export function SsoHandoffScreen({ state, dispatch }: ScreenProps) {
  const busy = !!state.handoffStage;
  const req = state.handoff;
  const session = state.sso.session ?? ssoSessionName(state.sso.startUrl);
  useInput((_i, key) => {
    if (key.return && !busy && req) dispatch({ type: 'HANDOFF_CONFIRM' });
  });
  const layout = useLayout();
  const { columns } = layout;
  if (!req) return null;
  const configure = req.args[0] === 'configure';
  const plan = req.purpose === 'configure' && state.ssoPlan?.key === ssoPlanKey(state) ? state.ssoPlan.plan : undefined;
  const planned = req.purpose !== 'configure' || !!plan;
  const mode = signInOf(state);
  const withCode = signsInWithCode(mode);
  // Said before the hand-off: once the aws CLI owns the terminal, a browser that cannot open just waits.
  const signIn = mode.headless && withCode
    ? 'No browser here: the aws CLI will show a URL and a code. Open the URL on any device and enter the code.'
    : withCode
      ? 'It prints a URL and a code. Open the URL in any browser (another device is fine), check the code matches, and approve.'
      : 'Your browser opens the IAM Identity Center page: sign in and approve.';
  const configPath = state.facts?.awsConfigPath ?? '~/.aws/config';
  const steps = configure
    ? [
        `SSO session name: type ${session}; the start URL and SSO region come from the lines above.`,
        signIn,
        `Pick the account and role for Bedrock; accept the default region (${state.region}).`,
      ]
    : [`${signIn} Then this wizard continues by itself.`];
  const browserNote = 'No browser on this machine? Quit and run again with --device-code.';
  const profileLine = `Profile: ${state.sso.profile} in ${configPath}`;
  // The diff scrolls in the rows the rest leaves: the command, the numbered steps and the profile stay in view.
  const fixedRows =
    1 + wrappedRows(`  aws ${req.args.join(' ')}`, columns) + wrappedRows(WRITES_FIRST, columns) + 1 +
    steps.reduce((n, t) => n + wrappedRows(t, columns - (configure ? 3 : 0)), 0) +
    (withCode ? 0 : wrappedRows(browserNote, columns)) + wrappedRows(profileLine, columns) + (busy ? 1 : 0);
  const hintsFor = (scroll: boolean): [string, string][] =>
    busy || !planned ? [QUIT] : [['enter', 'hand over the terminal'], ...(scroll ? [SCROLL_DIFF] : []), BACK, QUIT];
  // Sized as if it scrolls: a diff that fits then has a row to spare.
  const diffRowsAvail = Math.max(3, bodyRowsWith(layout, hintsFor(true)) - fixedRows);
  const scrolls = !!plan && plan.changes.length > 0 && diffScrolls(plan.changes, diffRowsAvail);
  const hints = hintsFor(scrolls);
  return (
    <Frame {...stepLabel('sso-handoff')} pinned={pinnedSummary(state)} hints={hints}>
      <Text>Next the aws CLI takes over this terminal to run:</Text>
      <Text bold>  aws {req.args.join(' ')}</Text>
      {req.purpose === 'configure' ? (
        !plan ? (
          <StatusLine status="pending" text="Planning the AWS config change…" />
        ) : plan.changes.length ? (
          <>
            <Text>{WRITES_FIRST}</Text>
            <ScrollingDiff changes={plan.changes} rows={diffRowsAvail} />
          </>
        ) : (
          <StatusLine status="pass" text={`${configPath} already has these settings.`} />
        )
      ) : null}
      <Box flexDirection="column" marginTop={1}>
        {configure ? (
          steps.map((t, i) => (
            <Numbered key={i} n={i + 1}>
              {t}
            </Numbered>
          ))
        ) : (
          <Text>{steps[0]}</Text>
        )}
      </Box>
      {!withCode ? <Text dimColor>{browserNote}</Text> : null}
      <Text>{profileLine}</Text>
      {busy ? <StatusLine status="pending" text="Handing over the terminal…" /> : null}
    </Frame>
  );
}

/** A numbered step whose wrapped lines stay indented under its text. */
function Numbered({ n, children }: { n: number; children: ReactNode }) {
  return (
    <Box>
      <Text>{n}. </Text>
      <Box flexShrink={1}>
        <Text>{children}</Text>
      </Box>
    </Box>
  );
}

export function SsoVerifyScreen({ state }: ScreenProps) {
  return (
    <Frame {...stepLabel('sso-verify')} pinned={pinnedSummary(state)} hints={[QUIT]}>
      <StatusLine status="pending" text={`Checking profile ${state.sso.profile}…`} />
    </Frame>
  );
}
