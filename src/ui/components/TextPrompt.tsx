import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTint } from '../context.js';

/** One-line input; Enter submits when `validate` returns null, otherwise its message is shown. */
export function TextPrompt(props: {
  label: string;
  initial?: string;
  placeholder?: string;
  validate?: (value: string) => string | null;
  onSubmit: (value: string) => void;
}) {
  const tint = useTint();
  const [value, setValueState] = useState(props.initial ?? '');
  // Keys can arrive faster than React re-renders; the ref always holds what was typed.
  const typed = useRef(props.initial ?? '');
  const setValue = (f: (s: string) => string) => {
    typed.current = f(typed.current);
    setValueState(typed.current);
  };
  const [error, setError] = useState<string | null>(null);
  useInput((input, key) => {
    if (key.return) {
      const v = typed.current.trim();
      const msg = props.validate ? props.validate(v) : v ? null : 'A value is required.';
      setError(msg);
      if (!msg) props.onSubmit(v);
      return;
    }
    if (key.backspace || key.delete) {
      setValue((s) => s.slice(0, -1));
      return;
    }
    if (key.escape || key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab) return;
    // Pasted text arrives as one chunk; keep printable characters only.
    const clean = input.replace(/[\r\n\x00-\x1f\x7f]/g, '');
    if (clean) {
      setValue((s) => s + clean);
      setError(null);
    }
  });
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{props.label} </Text>
        {value ? <Text>{value}</Text> : <Text color={tint('gray')}>{props.placeholder ?? ''}</Text>}
        <Text>▏</Text>
      </Box>
      {error ? <Text color={tint('red')}>✗ {error}</Text> : null}
    </Box>
  );
}
