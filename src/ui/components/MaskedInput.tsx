import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTint } from '../context.js';
import { applyKey, type Line } from './lineEdit.js';
import { MULTILINE_NOTICE } from './TextPrompt.js';
import { EditKeysHint } from './EditKeysHint.js';

/**
 * Secret input: the key is kept in a ref and never rendered, not even its last characters or its
 * length. The editing keys work as in TextPrompt; the cursor is shown as a position among dots
 * of a fixed count, so the screen tells nothing about the key.
 */
export function MaskedInput(props: { label: string; onSubmit: (secret: string) => void }) {
  const tint = useTint();
  const secret = useRef<Line>({ text: '', cursor: 0 });
  const [view, setView] = useState<{ has: boolean; atEnd: boolean; atStart: boolean }>({ has: false, atEnd: true, atStart: true });
  const [notice, setNotice] = useState<string | null>(null);
  useInput((input, key) => {
    const r = applyKey(secret.current, input, key);
    if (r.kind === 'ignore') return;
    secret.current = r.line;
    const l = r.line;
    setView({ has: l.text.length > 0, atEnd: l.cursor === l.text.length, atStart: l.cursor === 0 });
    if (r.kind === 'edit') {
      setNotice(null);
      return;
    }
    if (r.rest) {
      setNotice(MULTILINE_NOTICE);
      return;
    }
    setNotice(null);
    if (l.text.trim()) props.onSubmit(l.text.trim());
  });
  // Three fixed states only (start / middle / end), whatever the key's length.
  const dots = !view.has ? '' : view.atEnd ? '••••••••' : view.atStart ? '' : '••••';
  const tail = !view.has || view.atEnd ? '' : '••••••••'.slice(0, view.atStart ? 8 : 4);
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{props.label} </Text>
        <Text>
          {dots}
          <Text>▏</Text>
          {tail}
        </Text>
      </Box>
      <EditKeysHint />
      {notice ? <Text color={tint('yellow')}>! {notice}</Text> : null}
      <Text>{view.has ? 'Key received (hidden). Press enter to use it.' : 'Paste the key; it stays in memory and is never written to config.toml.'}</Text>
    </Box>
  );
}
