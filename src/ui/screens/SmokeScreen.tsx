import { Box, Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { LatencyPanel } from '../components/LatencyPanel.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { useLayout } from '../components/terminalSize.js';
import { Wrapped } from '../components/Wrapped.js';
import { describeSmokeRequest } from '../../flows/smoke.js';
import { ProfileVerdict, verdictRows } from '../components/ProfileVerdict.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';
import { chosenRegion, smokeAllPassed, smokeIndex, smokeProfile, type WizardState } from '../../wizard/machine.js';

const WAITING = { connectMs: null, headersMs: null, ttftMs: null, tokensPerSecond: null, totalMs: null, gaps: [] };
const PANEL_WIDTH = 30;
/** Rows of text beside the latency panel (its seven lines): a longer answer shows its end. */
const TEXT_ROWS = 7;
/** The panel's seven lines and its border. */
const PANEL_ROWS = 9;

/** Keeps the streamed answer within its column so the screen stays shorter than the terminal. */
function tail(text: string, maxChars: number): string {
  return text.length > maxChars ? '…' + text.slice(-(maxChars - 1)) : text;
}

/** "Smoke test 2 of 2: bedrock-staging (openai.gpt-5.5)": which profile is (or was last) under test. */
export function smokeTitle(state: WizardState): string {
  const p = smokeProfile(state);
  return `Smoke test ${smokeIndex(state) + 1} of ${state.profiles.length}: ${p?.name ?? ''} (${p?.model ?? ''})`;
}

/** Rows a text takes wrapped at `width` (word wrap can add one; the tests check 60 and 100 columns). */
function rowsOf(text: string, width: number): number {
  return Math.max(1, Math.ceil(text.length / Math.max(1, width)));
}

function profilesWord(n: number): string {
  return n === 1 ? '' : n === 2 ? ' for both profiles' : ` for all ${n} profiles`;
}

/** The host alone: a whole URL is wider than a 60-column line and would be split. */
function hostOf(endpoint: string | undefined): string {
  try {
    return endpoint ? new URL(endpoint).host : 'Bedrock Mantle';
  } catch {
    return endpoint || 'Bedrock Mantle';
  }
}

export function SmokeScreen({ state, dispatch }: ScreenProps) {
  const { columns, bodyRows } = useLayout();
  const region = chosenRegion(state);
  const smoke = state.smokeLive ?? { text: '', latency: WAITING };
  const passed = smokeAllPassed(state);
  useInput((_i, key) => key.return && passed && dispatch({ type: 'NEXT' }));
  // The answer takes what the panel leaves, up to a readable line.
  const textWidth = Math.max(20, Math.min(100, columns - PANEL_WIDTH - 1));
  const heading = `${smokeTitle(state)} in ${region}`;
  const prompt = `prompt: ${state.prompt}`;
  const request = `request: ${state.smoke ? describeSmokeRequest(state.smoke) : 'asking the installed Codex which request it sends…'}`;
  // A passed profile takes one row, or two where its figures do not fit beside its name (ProfileVerdict).
  const doneRows = state.smokePassed.reduce((n, r, i) => n + verdictRows(state.profiles[i]?.name ?? '', r, columns), 0);
  const verdict = passed ? `Codex's request works${profilesWord(state.profiles.length)}: ${hostOf(state.smoke?.endpoint)} answered.` : 'Streaming…';
  // The verdict line must stay on screen: the gap above the answer, then the prompt, give way when rows are short.
  const fixed = rowsOf(heading, columns) + rowsOf(request, columns) + doneRows + PANEL_ROWS + rowsOf(verdict, columns - 2);
  const showPrompt = fixed + 1 <= bodyRows;
  const gap = fixed + (showPrompt ? 1 : 0) + 1 <= bodyRows;
  return (
    <Frame {...stepLabel('smoke')} pinned={pinnedSummary(state)} hints={passed ? [['enter', 'finish'], BACK, QUIT] : [BACK, QUIT]}>
      <Wrapped>{heading}</Wrapped>
      {showPrompt ? <Text wrap="truncate-end">{prompt}</Text> : null}
      <Wrapped>{request}</Wrapped>
      {state.smokePassed.map((r, i) => (
        <ProfileVerdict key={i} name={state.profiles[i]?.name ?? ''} result={r} />
      ))}
      <Box marginTop={gap ? 1 : 0}>
        <Box width={textWidth} flexShrink={0} flexDirection="column" marginRight={1}>
          <Wrapped>{tail(smoke.text, textWidth * TEXT_ROWS) || ' '}</Wrapped>
        </Box>
        <LatencyPanel view={smoke.latency} width={PANEL_WIDTH} />
      </Box>
      <StatusLine status={passed ? 'pass' : 'pending'} text={verdict} />
    </Frame>
  );
}
