import { Box, Text } from 'ink';
import type { ModelRow } from '../../wizard/models.js';
import { Spinner } from './Spinner.js';
import { useTint } from '../context.js';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n - 1) + '…' : s + ' '.repeat(n - s.length));

/** Fits 80 columns: id, here, other validated regions, Mantle surface, Codex metadata. */
export function ModelTable({ rows, region, otherRegions, maxRows = 8 }: { rows: ModelRow[]; region: string; otherRegions: number; maxRows?: number }) {
  const tint = useTint();
  const shown = rows.slice(0, maxRows);
  return (
    <Box flexDirection="column">
      <Text bold>
        {pad('model', 26)}
        {pad(region, 12)}
        {pad(`other (${otherRegions})`, 12)}
        {pad('surface', 12)}codex
      </Text>
      {shown.map((r) => (
        <Box key={r.id}>
          <Text>{pad(r.id, 26)}</Text>
          <Box width={12}>
            {r.here === undefined ? <Spinner /> : r.here ? <Text color={tint('green')}>✓ served</Text> : <Text color={tint('red')}>✗ absent</Text>}
          </Box>
          <Text>{pad(r.elsewhere.length ? `${r.elsewhere.length} region${r.elsewhere.length > 1 ? 's' : ''}` : '-', 12)}</Text>
          {/* Open-weight models live on /v1, which Codex's built-in provider never calls. */}
          <Text color={r.surface === '/v1' ? tint('yellow') : undefined}>{pad(r.surface, 12)}</Text>
          <Text color={r.fallbackMetadata ? tint('yellow') : undefined}>
            {r.surface === '/v1' ? '✗ open-weight' : r.knownToCodex === null ? '?' : r.knownToCodex ? '✓ known' : r.fallbackMetadata ? '! no metadata' : '✗ unknown'}
          </Text>
        </Box>
      ))}
      {rows.length > shown.length ? <Text>… {rows.length - shown.length} more</Text> : null}
    </Box>
  );
}
