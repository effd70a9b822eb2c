import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import type { WizardState } from '../../wizard/machine.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

/** The exact commands to type next, as plain lines a terminal can copy. */
export function nextCommands(state: WizardState): string[] {
  const cmds: string[] = [];
  const auth = state.auth;
  if (auth?.kind === 'profile') {
    const sso = state.authMethod === 'sso' || !!state.preflight?.awsProfiles.find((p) => p.name === auth.profile)?.isSso;
    if (sso) {
      cmds.push(`aws sso login --profile ${auth.profile}   # when the sign-in expires`);
      cmds.push(`eval "$(aws configure export-credentials --format env --profile ${auth.profile})"`);
    }
  }
  if (state.auth?.kind === 'api-key') {
    cmds.push('export AWS_BEARER_TOKEN_BEDROCK=<your key>');
    cmds.push(`export AWS_REGION=${state.region}`);
  }
  for (const p of state.profiles) cmds.push(`codex --profile ${p.name}`);
  return cmds;
}

export function DoneScreen({ state, dispatch }: ScreenProps) {
  useInput((input, key) => (key.return || input === 'q') && dispatch({ type: 'QUIT', code: 0 }));
  const files = state.written?.written ?? [];
  return (
    <Frame {...stepLabel('done')} pinned={pinnedSummary(state)} hints={[['enter', 'exit']]}>
      <StatusLine status="pass" text={`Codex is set up for Amazon Bedrock in ${state.region}.`} />
      {state.profiles.map((p) => (
        <Text key={p.name}>
          {'  '}
          {p.name}: {p.model}
        </Text>
      ))}
      {files.map((f) => (
        <Text key={f}>  wrote {f}</Text>
      ))}
      {state.written?.backups.length ? <Text>  backups: {state.written.backups.join(', ')}</Text> : null}
      {state.policyPath ? <Text>  IAM policy: {state.policyPath}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        <Text>Next:</Text>
        {nextCommands(state).map((c) => (
          <Text key={c}>{c}</Text>
        ))}
      </Box>
    </Frame>
  );
}
