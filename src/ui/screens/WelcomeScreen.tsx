import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { Wrapped } from '../components/Wrapped.js';
import { QUIT } from '../components/KeyHints.js';
import { useLayout } from '../components/terminalSize.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function WelcomeScreen({ state, dispatch }: ScreenProps) {
  const home = state.facts?.codexHome ?? state.paths?.codexHome ?? '~/.codex';
  const awsConfig = state.facts?.awsConfigPath ?? state.paths?.awsConfigPath ?? '~/.aws/config';
  const { columns } = useLayout();
  useInput((_i, key) => key.return && dispatch({ type: 'NEXT' }));
  const names = ['config.toml', ...state.profiles.map((p) => `${p.name}.config.toml`)];
  // A path is never split: when the full paths do not fit (a long CODEX_HOME, the demo's temporary home, a
  // narrow terminal), the folder is named once and the file names wrap between names.
  const fits = names.every((n) => 2 + home.length + 1 + n.length <= columns);
  return (
    <Frame {...stepLabel('welcome')} pinned={pinnedSummary(state)} hints={[['enter', 'start'], QUIT]}>
      <Wrapped>This sets up the Codex CLI to run OpenAI models on Amazon Bedrock:</Wrapped>
      <Box paddingLeft={2}>
        <Wrapped>checks your tools → region → sign-in → models → config → a live test.</Wrapped>
      </Box>
      <Box marginTop={1} flexDirection="column">
        <Text>It writes (after showing you the diff, with backups):</Text>
        {fits ? (
          names.map((n) => <Text key={n}>  {home}/{n}</Text>)
        ) : (
          <Box paddingLeft={2} flexDirection="column">
            <Wrapped>in {home}/:</Wrapped>
            <Box paddingLeft={2}>
              <Wrapped>{names.join(', ')}</Wrapped>
            </Box>
          </Box>
        )}
        {/* A hanging indent: a wrapped "(only for …)" lines up under the path, never one column in front of it. */}
        <Box paddingLeft={2}>
          <Wrapped>{awsConfig} (only for a new IAM Identity Center profile)</Wrapped>
        </Box>
      </Box>
      <Wrapped>API keys stay in memory and are never written to config files.</Wrapped>
    </Frame>
  );
}
