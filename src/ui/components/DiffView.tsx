import { Box, Text } from 'ink';
import type { FileChange } from '../../types.js';
import { useTint } from '../context.js';

function lineColor(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return undefined;
  if (line.startsWith('+')) return 'green';
  if (line.startsWith('-')) return 'red';
  if (line.startsWith('@@')) return 'cyan';
  return undefined;
}

/** A unified diff with +/- kept in the text, so it reads the same without colour. */
export function DiffView({ change, maxLines = 12 }: { change: FileChange; maxLines?: number }) {
  const tint = useTint();
  const lines = change.diff.split('\n').filter((l) => l && !l.startsWith('+++') && !l.startsWith('---'));
  const shown = lines.slice(0, maxLines);
  return (
    <Box flexDirection="column">
      <Text bold>
        {change.before === null ? 'new file ' : 'changed '}
        {change.path}
      </Text>
      {shown.map((l, i) => {
        const c = lineColor(l);
        return (
          <Text key={i} color={c ? tint(c) : undefined} wrap="truncate-end">
            {l}
          </Text>
        );
      })}
      {lines.length > shown.length ? <Text>… {lines.length - shown.length} more lines</Text> : null}
    </Box>
  );
}
