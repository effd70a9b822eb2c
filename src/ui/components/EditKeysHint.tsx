import { Text } from 'ink';
import { useUi } from '../context.js';
import { useLayout } from './terminalSize.js';

/** The editing keys of lineEdit, most useful first: a narrow terminal drops from the end, never wraps. */
const EDIT_KEYS = ['←/→ move', 'ctrl-u clear', 'ctrl-w delete word', 'ctrl-a/e start/end', 'ctrl-k clear to end'];

/** As many of the editing keys as fit on one line of `width` columns. */
export function editKeysLine(width: number): string {
  let line = '';
  for (const k of EDIT_KEYS) {
    const next = line ? `${line} · ${k}` : k;
    if ([...next].length > width) break;
    line = next;
  }
  return line;
}

/** One dim line under a text prompt: the keys the frame's hints (enter, esc, ctrl-c) leave out. */
export function EditKeysHint() {
  const { color } = useUi();
  const { columns } = useLayout();
  return (
    <Text dimColor={color} wrap="truncate-end">
      {editKeysLine(columns)}
    </Text>
  );
}
