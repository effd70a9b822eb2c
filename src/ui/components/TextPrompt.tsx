import { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTint, useUi } from '../context.js';
import { applyKey, splitAtCursor, type Line } from './lineEdit.js';
import { EditKeysHint } from './EditKeysHint.js';

/** Shown when a paste held more than one line: nothing after the break is used or submitted. */
export const MULTILINE_NOTICE = 'Pasted text had a line break: only the first line was kept. Check it, then press enter.';

export const CURSOR = '▏';


/**
 * One-line input; Enter submits when `validate` returns null, otherwise its message is shown.
 * A paste that ends in a line break submits its text; one with more after the break is kept to its
 * first line, not submitted, and flagged, so nothing the user did not see is used.
 */
export function TextPrompt(props: {
  label: string;
  initial?: string;
  placeholder?: string;
  validate?: (value: string) => string | null;
  onSubmit: (value: string) => void;
}) {
  const tint = useTint();
  const { color } = useUi();
  const start = props.initial ?? '';
  // Keys can arrive faster than React re-renders; the ref always holds what was typed.
  const line = useRef<Line>({ text: start, cursor: start.length });
  const [shown, setShown] = useState<Line>(line.current);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useInput((input, key) => {
    const r = applyKey(line.current, input, key);
    if (r.kind === 'ignore') return;
    line.current = r.line;
    setShown(r.line);
    if (r.kind === 'edit') {
      setError(null);
      setNotice(null);
      return;
    }
    if (r.rest) {
      setNotice(MULTILINE_NOTICE);
      setError(null);
      return;
    }
    const v = r.line.text.trim();
    const msg = props.validate ? props.validate(v) : v ? null : 'A value is required.';
    setError(msg);
    setNotice(null);
    if (!msg) props.onSubmit(v);
  });
  const { before, at, after } = splitAtCursor(shown);
  return (
    <Box flexDirection="column">
      <Box>
        <Text>{props.label} </Text>
        {/* A bar before the cursor's cell: visible with or without colour and inverse video. */}
        <Text>
          {before}
          <Text>{CURSOR}</Text>
          {at === ' ' && !after ? '' : at}
          {after}
        </Text>
        {!shown.text && props.placeholder ? (
          // Words, not only grey: under NO_COLOR an example must still not look typed.
          <Text color={tint('gray')} dimColor={color} italic={color}>
            {' '}(e.g. {props.placeholder.replace(/^e\.g\.\s*/, '')})
          </Text>
        ) : null}
      </Box>
      <EditKeysHint />
      {notice ? <Text color={tint('yellow')}>! {notice}</Text> : null}
      {error ? <Text color={tint('red')}>✗ {error}</Text> : null}
    </Box>
  );
}
