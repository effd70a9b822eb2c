import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { LatencyPanel } from '../components/LatencyPanel.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { describeSmokeRequest } from '../../flows/smoke.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';
import { chosenRegion } from '../../wizard/machine.js';

const WAITING = { connectMs: null, headersMs: null, ttftMs: null, tokensPerSecond: null, totalMs: null, gaps: [] };

/** Keeps the streamed answer within its column so the screen stays 24 rows. */
function tail(text: string, maxChars: number): string {
  return text.length > maxChars ? '…' + text.slice(-maxChars) : text;
}

export function SmokeScreen({ state, dispatch }: ScreenProps) {
  const profile = state.profiles[0];
  const region = chosenRegion(state);
  const smoke = state.smokeLive ?? { text: '', latency: WAITING };
  useInput((_i, key) => key.return && state.smoke?.ok && dispatch({ type: 'NEXT' }));
  const passed = state.smoke?.ok;
  return (
    <Frame {...stepLabel('smoke')} pinned={pinnedSummary(state)} hints={passed ? [['enter', 'finish'], BACK, QUIT] : [BACK, QUIT]}>
      <Text>
        {profile.name}: {profile.model} in {region}
      </Text>
      <Text>prompt: {state.prompt}</Text>
      <Text>request: {state.smoke ? describeSmokeRequest(state.smoke) : 'asking the installed Codex which request it sends…'}</Text>
      <Box marginTop={1}>
        <Box width={48} flexDirection="column" marginRight={1}>
          <Text wrap="wrap">{tail(smoke.text, 400) || ' '}</Text>
        </Box>
        <LatencyPanel view={smoke.latency} />
      </Box>
      {passed ? (
        <StatusLine status="pass" text={`Codex's request works: ${state.smoke?.endpoint || 'Bedrock Mantle'} answered.`} />
      ) : (
        <StatusLine status="pending" text="Streaming…" />
      )}
    </Frame>
  );
}
