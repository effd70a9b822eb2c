import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { CredentialsLine } from '../components/CredentialsLine.js';
import { awsProfileIsSso, chosenRegion, type WizardState } from '../../wizard/machine.js';
import { DOCTOR_COMMAND, nextSteps } from '../../core/nextSteps.js';
import { ProfileVerdict } from '../components/ProfileVerdict.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

/** The exact commands to type next, as plain lines a terminal can copy: the same lines `setup --yes` prints. */
export function nextCommands(state: WizardState): string[] {
  return nextSteps({
    method: state.authMethod ?? 'env',
    awsProfile: state.auth?.kind === 'profile' ? state.auth.profile : undefined,
    awsProfileIsSso: awsProfileIsSso(state),
    region: chosenRegion(state),
    codexProfiles: state.profiles.map((p) => p.name),
  });
}

export function DoneScreen({ state, dispatch }: ScreenProps) {
  useInput((input, key) => (key.return || input === 'q') && dispatch({ type: 'QUIT', code: 0 }));
  return (
    <Frame {...stepLabel('done')} pinned={pinnedSummary(state)} hints={[['enter', 'exit']]}>
      <DoneSummary state={state} />
    </Frame>
  );
}

/** What stays in the terminal after the wizard: what was set up, where the backups are, what to type next. */
export function DoneSummary({ state }: { state: WizardState }) {
  const files = state.written?.written ?? [];
  const backups = state.written?.backups ?? [];
  return (
    <Box flexDirection="column">
      <StatusLine status="pass" text={`Codex is set up for Amazon Bedrock in ${chosenRegion(state)}${state.provider === 'runtime' ? ' (Bedrock Runtime)' : ''}.`} />
      {state.profiles.map((p, i) => {
        // Each profile written was smoke-tested in order: its own figures, not the first profile's.
        const tested = state.smokePassed[i];
        return tested ? (
          <ProfileVerdict key={p.name} name={p.name} result={tested} label="smoke test " />
        ) : (
          <Text key={p.name}>
            {'  '}
            {p.name}: {p.model}
          </Text>
        );
      })}
      {files.map((f) => (
        <Text key={f}>  wrote {f}</Text>
      ))}
      {backups.map((b) => (
        <Text key={b}>  backup: {b}</Text>
      ))}
      {state.policyPath ? <Text>  IAM policy: {state.policyPath}</Text> : null}
      <CredentialsLine summary={state.credentials} />
      <Box flexDirection="column" marginTop={1}>
        <Text>Next:</Text>
        {nextCommands(state).map((c) => (
          <Text key={c}>  {c}</Text>
        ))}
      </Box>
      <Text>If it breaks: {DOCTOR_COMMAND}</Text>
    </Box>
  );
}
