import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';

/** Secret input: the key is kept in a ref and never rendered, not even its last characters. */
export function MaskedInput(props: { label: string; onSubmit: (secret: string) => void }) {
  const secret = useRef('');
  const [length, setLength] = useState(0);
  useInput((input, key) => {
    if (key.return) {
      if (secret.current.trim()) props.onSubmit(secret.current.trim());
      return;
    }
    if (key.backspace || key.delete) {
      secret.current = secret.current.slice(0, -1);
    } else if (!key.escape && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.tab) {
      secret.current += input.replace(/[\r\n\x00-\x1f\x7f]/g, '');
    }
    setLength(secret.current.length);
  });
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{props.label} </Text>
        <Text>{length > 0 ? '••••••••' : ''}</Text>
        <Text>▏</Text>
      </Box>
      <Text>{length > 0 ? 'Key received (hidden). Press enter to use it.' : 'Paste the key; it stays in memory and is never written to config.toml.'}</Text>
    </Box>
  );
}
