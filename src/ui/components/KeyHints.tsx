import { Box, Text } from 'ink';
import { useUi } from '../context.js';

export const MOVE: [string, string] = ['↑↓', 'move'];
export const SELECT: [string, string] = ['enter', 'select'];
export const BACK: [string, string] = ['esc', 'back'];
export const QUIT: [string, string] = ['ctrl-c', 'quit'];

/** The hints as lines no wider than `width`, broken between hints, never inside one. */
export function hintLines(hints: [string, string][], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [k, what] of hints) {
    const item = `${k} ${what}`;
    if (line && line.length + 3 + item.length > width) {
      lines.push(line);
      line = item;
    } else line = line ? `${line} · ${item}` : item;
  }
  if (line) lines.push(line);
  return lines;
}

export function KeyHints({ hints, width = 80 }: { hints: [string, string][]; width?: number }) {
  const { color } = useUi();
  return (
    <Box flexDirection="column">
      {hintLines(hints, width).map((l) => (
        <Text key={l} dimColor={color} wrap="truncate-end">
          {l}
        </Text>
      ))}
    </Box>
  );
}
