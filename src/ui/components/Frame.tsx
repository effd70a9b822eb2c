import type { ReactNode } from 'react';
import { Wrapped } from './Wrapped.js';
import { Box, Text } from 'ink';
import { hintLines, KeyHints } from './KeyHints.js';
import { useTint } from '../context.js';
import { CHROME_ROWS, COMPACT_BELOW, frameWidth, LayoutProvider, MIN_COLUMNS, useTerminalSize, type Layout } from './terminalSize.js';


/**
 * Title, optional pinned values, body and key hints: every screen has the same frame, as wide as the terminal
 * (up to 200 columns) and always shorter than it, so Ink never clears the screen and what came before stays.
 */
export function Frame(props: { step: string; title: string; pinned?: string; hints: [string, string][]; children: ReactNode }) {
  const tint = useTint();
  const { columns, rows } = useTerminalSize();
  if (columns < MIN_COLUMNS) return <TooNarrow columns={columns} />;
  const width = frameWidth(columns);
  const hintRows = hintLines(props.hints, width).length;
  const bodyRows = Math.max(4, rows - CHROME_ROWS - hintRows - (props.pinned ? 1 : 0));
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text bold color={tint('cyan')}>
          codex-bedrock-setup
        </Text>
        <Text> · {props.step} · </Text>
        <Text bold wrap="truncate-end">
          {props.title}
        </Text>
      </Box>
      {props.pinned ? <Text wrap="truncate-end">pinned: {props.pinned}</Text> : null}
      <Box flexDirection="column" marginY={1} height={bodyRows} overflowY="hidden">
        {/* Not shrunk to fit: what does not fit is cut off at the bottom, never drawn over other lines. */}
        <Box flexDirection="column" flexShrink={0}>
          <LayoutProvider value={{ columns: width, rows, compact: width < COMPACT_BELOW, bodyRows }}>{props.children}</LayoutProvider>
        </Box>
      </Box>
      <KeyHints hints={props.hints} width={width} />
    </Box>
  );
}

function TooNarrow({ columns }: { columns: number }) {
  return (
    <Box flexDirection="column" width={columns}>
      <Wrapped>
        This terminal is {columns} columns wide; the wizard needs {MIN_COLUMNS}. Widen it, or set up without the wizard: npx codex-bedrock-setup setup --help
      </Wrapped>
      <Wrapped>ctrl-c quits.</Wrapped>
    </Box>
  );
}

/**
 * The body rows a Frame with these hints will have. The layout a screen reads is known before its frame is
 * drawn and counts one hint row (two below 80 columns); longer hints that wrap take their rows from the body.
 */
export function bodyRowsWith(layout: Layout, hints: [string, string][]): number {
  const assumed = layout.columns < COMPACT_BELOW ? 2 : 1;
  return Math.max(4, layout.bodyRows - Math.max(0, hintLines(hints, layout.columns).length - assumed));
}
