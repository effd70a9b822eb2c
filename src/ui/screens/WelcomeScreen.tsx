import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { awsChecks, codexCheck, codexConfigCheck } from '../../wizard/preflight.js';
import type { CheckResult } from '../../types.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function WelcomeScreen({ state, dispatch }: ScreenProps) {
  const home = state.facts?.codexHome ?? '~/.codex';
  useInput((_i, key) => key.return && dispatch({ type: 'NEXT' }));
  return (
    <Frame {...stepLabel('welcome')} pinned={pinnedSummary(state)} hints={[['enter', 'start'], QUIT]}>
      <Text>This sets up the Codex CLI to run OpenAI models on Amazon Bedrock:</Text>
      <Text>  checks your tools → region → sign-in → models → config → a live test.</Text>
      <Box marginTop={1} flexDirection="column">
        <Text>It writes (after showing you the diff, with backups):</Text>
        <Text>  {home}/config.toml</Text>
        {state.profiles.map((p) => (
          <Text key={p.name}>
            {'  '}
            {home}/{p.name}.config.toml
          </Text>
        ))}
        <Text>  {state.facts?.awsConfigPath ?? '~/.aws/config'} (only for a new IAM Identity Center profile)</Text>
      </Box>
      <Text>API keys stay in memory and are never written to config files.</Text>
    </Frame>
  );
}

function line(c: CheckResult) {
  return <StatusLine key={c.id} status={c.status} text={c.summary} detail={c.fix ? `fix: ${c.fix}` : c.why} />;
}

export function PreflightScreen({ state, dispatch }: ScreenProps) {
  const t = state.checks;
  const ready = !!state.preflight;
  useInput((_i, key) => key.return && ready && dispatch({ type: 'NEXT' }));
  const codex = t.codex?.ok ? t.codex.value : null;
  const profiles = t.profiles?.ok ? t.profiles.value.profiles : [];
  const sso = profiles.filter((p) => p.isSso).length;
  return (
    <Frame {...stepLabel('preflight')} pinned={pinnedSummary(state)} hints={ready ? [['enter', 'continue'], BACK, QUIT] : [BACK, QUIT]}>
      {state.facts ? line(state.facts.node) : null}
      {!t.codex ? <StatusLine status="pending" text="Codex CLI" /> : line(codexCheck(codex))}
      {!t.aws ? <StatusLine status="pending" text="aws CLI on PATH" /> : awsChecks(t.aws.ok ? t.aws.value : []).map(line)}
      {!t.profiles ? (
        <StatusLine status="pending" text="AWS profiles" />
      ) : !t.profiles.ok ? (
        <StatusLine status="warn" text="AWS config could not be read" detail={t.profiles.message} />
      ) : (
        <StatusLine status="pass" text={`${profiles.length} AWS profile(s), ${sso} IAM Identity Center`} />
      )}
      {!t.codexConfig ? (
        <StatusLine status="pending" text="Codex config" />
      ) : !t.codexConfig.ok ? (
        <StatusLine status="warn" text="Codex config could not be read" detail={t.codexConfig.message} />
      ) : (
        line(codexConfigCheck(t.codexConfig.value, codex?.version ?? null))
      )}
      {(state.facts?.env ?? []).map(line)}
    </Frame>
  );
}
