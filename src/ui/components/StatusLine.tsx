import { Box, Text } from 'ink';
import { redact } from '../../core/redact.js';
import { sanitize } from '../../core/sanitize.js';
import { Spinner } from './Spinner.js';
import { Wrapped } from './Wrapped.js';
import { useTint } from '../context.js';

export type LineStatus = 'pass' | 'warn' | 'fail' | 'skipped' | 'pending';

const SYMBOL = { pass: '✓', warn: '!', fail: '✗', skipped: '–' } as const;
const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', skipped: 'gray' } as const;

// Status lines carry server and file text (identities, errors, model ids): masked and made visible here.
const shown = (s: string) => sanitize(redact(s), { keepNewlines: true });

/** Status is carried by the symbol as well as the colour, so NO_COLOR loses nothing; wrapped lines hang under the text. */
export function StatusLine({ status, text, detail, oneLine }: { status: LineStatus; text: string; detail?: string; oneLine?: boolean }) {
  const tint = useTint();
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        {status === 'pending' ? <Spinner /> : <Text color={tint(COLOR[status])}>{SYMBOL[status]}</Text>}
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1}>
        {oneLine ? <Text wrap="truncate-end">{shown(text)}</Text> : <Wrapped dimColor={status === 'skipped'}>{shown(text)}</Wrapped>}
        {detail ? <Wrapped>{shown(detail)}</Wrapped> : null}
      </Box>
    </Box>
  );
}
