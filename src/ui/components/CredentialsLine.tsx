import { Box, Text } from 'ink';
import { Wrapped } from './Wrapped.js';
import { SESSION_WARN_MS, type CredentialsSummary } from '../../core/sessionLifetime.js';
import { useTint } from '../context.js';

/** Under an hour left (or none): the same threshold at which doctor warns. */
function endsSoon(s: CredentialsSummary): boolean {
  const left = s.signIn?.minutesLeft;
  return !!s.signIn && (left === null || left === undefined || left * 60_000 < SESSION_WARN_MS);
}

/** What Codex signs with; the renewing command on a line of its own, so it copies whole at any width. */
export function CredentialsLine({ summary }: { summary: CredentialsSummary | undefined }) {
  const tint = useTint();
  if (!summary) return null;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Wrapped>
        Credentials: <Text color={endsSoon(summary) ? tint('yellow') : undefined}>{summary.text}</Text>
      </Wrapped>
      {summary.then ? <Text>  then: {summary.then}</Text> : null}
    </Box>
  );
}
