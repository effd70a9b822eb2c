import { useEffect } from 'react';
import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { useServices } from '../context.js';
import { usePreflight } from '../hooks/usePreflight.js';
import { awsChecks, codexCheck, codexConfigCheck, envChecks, firstAwsV2, nodeCheck } from '../../wizard/preflight.js';
import type { CheckResult } from '../../types.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function WelcomeScreen({ state, dispatch }: ScreenProps) {
  const { config } = useServices();
  useInput((_i, key) => key.return && dispatch({ type: 'NEXT' }));
  return (
    <Frame {...stepLabel('welcome')} pinned={pinnedSummary(state)} hints={[['enter', 'start'], QUIT]}>
      <Text>This sets up the Codex CLI to run OpenAI models on Amazon Bedrock:</Text>
      <Text>  checks your tools → region → sign-in → models → config → a live test.</Text>
      <Box marginTop={1} flexDirection="column">
        <Text>It writes (after showing you the diff, with backups):</Text>
        <Text>  {config.codexHome}/config.toml</Text>
        {state.profiles.map((p) => (
          <Text key={p.name}>
            {'  '}
            {config.codexHome}/{p.name}.config.toml
          </Text>
        ))}
        <Text>  {config.awsConfigPath} (only for a new IAM Identity Center profile)</Text>
      </Box>
      <Text>API keys stay in memory and are never written to config files.</Text>
    </Frame>
  );
}

function line(c: CheckResult) {
  return <StatusLine key={c.id} status={c.status} text={c.summary} detail={c.fix ? `fix: ${c.fix}` : c.why} />;
}

export function PreflightScreen({ state, dispatch }: ScreenProps) {
  const { env } = useServices();
  const t = usePreflight(state.attempt);
  const ready = [t.codex, t.aws, t.profiles, t.codexConfig].every((x) => x.status !== 'pending');
  const codex = t.codex.status === 'ok' ? t.codex.value : null;
  const clis = t.aws.status === 'ok' ? t.aws.value : [];
  const profiles = t.profiles.status === 'ok' ? t.profiles.value : { profiles: [], ssoSessions: [] };

  useEffect(() => {
    if (!ready) return;
    dispatch({
      type: 'PREFLIGHT_DONE',
      info: {
        codexVersion: codex?.version ?? null,
        awsV2Path: firstAwsV2(clis)?.path ?? null,
        awsProfiles: profiles.profiles,
        ssoSessions: profiles.ssoSessions,
        bearerInEnv: !!env.AWS_BEARER_TOKEN_BEDROCK,
        managedBedrockAuth: t.codexConfig.status === 'ok' ? t.codexConfig.value.managedBedrockAuth : null,
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);
  useInput((_i, key) => key.return && ready && dispatch({ type: 'NEXT' }));

  const sso = profiles.profiles.filter((p) => p.isSso).length;
  return (
    <Frame {...stepLabel('preflight')} pinned={pinnedSummary(state)} hints={ready ? [['enter', 'continue'], BACK, QUIT] : [BACK, QUIT]}>
      {line(nodeCheck(process.version))}
      {t.codex.status === 'pending' ? <StatusLine status="pending" text="Codex CLI" /> : line(codexCheck(codex))}
      {t.aws.status === 'pending' ? <StatusLine status="pending" text="aws CLI on PATH" /> : awsChecks(clis).map(line)}
      {t.profiles.status === 'pending' ? (
        <StatusLine status="pending" text="AWS profiles" />
      ) : t.profiles.status === 'error' ? (
        <StatusLine status="warn" text="AWS config could not be read" detail={(t.profiles.error as Error)?.message?.split('\n')[0]} />
      ) : (
        <StatusLine status="pass" text={`${profiles.profiles.length} AWS profile(s), ${sso} IAM Identity Center`} />
      )}
      {t.codexConfig.status === 'pending' ? (
        <StatusLine status="pending" text="Codex config" />
      ) : t.codexConfig.status === 'error' ? (
        <StatusLine status="warn" text="Codex config could not be read" detail={(t.codexConfig.error as Error)?.message?.split('\n')[0]} />
      ) : (
        line(codexConfigCheck(t.codexConfig.value, codex?.version ?? null))
      )}
      {envChecks(env).map(line)}
    </Frame>
  );
}
