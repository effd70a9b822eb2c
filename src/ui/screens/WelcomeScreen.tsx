import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { QUIT } from '../components/KeyHints.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function WelcomeScreen({ state, dispatch }: ScreenProps) {
  const home = state.facts?.codexHome ?? state.paths?.codexHome ?? '~/.codex';
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
        <Text>  {state.facts?.awsConfigPath ?? state.paths?.awsConfigPath ?? '~/.aws/config'} (only for a new IAM Identity Center profile)</Text>
      </Box>
      <Text>API keys stay in memory and are never written to config files.</Text>
    </Frame>
  );
}
