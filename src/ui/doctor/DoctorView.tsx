import { Box, Text } from 'ink';
import { PHASE_LABEL, summaryLine, type DoctorCheck, type DoctorPhase } from '../../core/doctorReport.js';
import { redact } from '../../core/redact.js';
import { sanitize } from '../../core/sanitize.js';
import { StatusLine } from '../components/StatusLine.js';
import { useTint } from '../context.js';

// Doctor's text quotes servers, config files and Codex's own output.
const shown = (s: string) => sanitize(redact(s), { keepNewlines: true });
// A skipped row's summary already names what it waits for and the command.
const problem = (c: DoctorCheck) => c.status === 'warn' || c.status === 'fail';

export interface DoctorViewProps {
  checks: DoctorCheck[];
  pending: DoctorPhase[];
  done: boolean;
}

/** Checks in the order they landed; under each failure or warning, why and the fix to copy. */
export function DoctorView({ checks, pending, done }: DoctorViewProps) {
  const tint = useTint();
  const fails = checks.some((c) => c.status === 'fail');
  return (
    <Box flexDirection="column">
      <Text bold>codex-bedrock-setup doctor</Text>
      {checks.map((c, i) => (
        <Box key={`${c.id}-${i}`} flexDirection="column">
          <StatusLine status={c.status} text={c.summary} />
          {problem(c) && c.why ? <Text>    Why: {shown(c.why)}</Text> : null}
          {problem(c) && c.fix ? (
            <Text>
              {'    Fix: '}
              <Text color={tint('cyan')}>{shown(c.fix)}</Text>
            </Text>
          ) : null}
          {c.output ? <Text dimColor>{shown(c.output).replace(/^/gm, '      ')}</Text> : null}
        </Box>
      ))}
      {pending.map((p) => (
        <StatusLine key={p} status="pending" text={`${PHASE_LABEL[p]}…`} />
      ))}
      {done ? (
        <Box marginTop={1}>
          <Text bold color={tint(fails ? 'red' : 'green')}>
            {summaryLine(checks)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
