import { Box, Text } from 'ink';
import { Wrapped } from './Wrapped.js';
import type { ModelRow } from '../../wizard/models.js';
import type { Listing } from '../../flows/setup.js';
import { Spinner } from './Spinner.js';
import { useTint } from '../context.js';
import { useLayout } from './terminalSize.js';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n - 1) + '…' : s + ' '.repeat(n - s.length));

/** What the other validated regions answered: how many listed, how many could not be asked, how many are still out. */
export function elsewhereCounts(elsewhere: Record<string, Listing>, otherRegions: number) {
  const answers = Object.values(elsewhere);
  const checked = answers.filter((l) => Array.isArray(l)).length;
  const failed = answers.filter((l) => l === null).length;
  return { checked, failed, pending: Math.max(0, otherRegions - checked - failed) };
}

/** The "other regions" cell: a count, "none" (all asked, none serve it), "?" (no region could be asked), "…" (still asking). */
function otherCell(r: ModelRow, c: ReturnType<typeof elsewhereCounts>): string {
  if (r.elsewhere.length) return `${r.elsewhere.length}${c.failed || c.pending ? '+' : ''} region${r.elsewhere.length > 1 ? 's' : ''}`;
  if (c.checked === 0) return c.pending ? '…' : '?';
  return c.failed || c.pending ? 'none yet' : 'none';
}

function codexCell(r: ModelRow): string {
  return r.surface === '/v1' ? '✗ open-weight' : r.knownToCodex === null ? '? no catalogue' : r.knownToCodex ? '✓ known' : r.fallbackMetadata ? '! no metadata' : '✗ unknown';
}

const LEGEND: Record<string, string> = {
  none: 'none = no other region serves it',
  'none yet': 'none yet = not in the regions that answered',
  '?': '? = other regions could not be asked',
  '+': 'N+ = some regions did not answer',
  '! no metadata': '! no metadata = served, but Codex has no entry for it (fallback settings)',
  '? no catalogue': '? no catalogue = Codex not installed, cannot tell',
  '✗ open-weight': 'open-weight = on /v1, which Codex does not call',
  '✗ unknown': '✗ unknown = Codex does not know this id',
};

/**
 * Fits 60 columns and up: id, here, other validated regions, Mantle surface, Codex metadata.
 * Shows `maxRows` rows from `offset`; a legend explains every mark on screen.
 */
export function ModelTable({
  rows,
  region,
  otherRegions,
  elsewhere = {},
  maxRows = 8,
  offset = 0,
}: {
  rows: ModelRow[];
  region: string;
  otherRegions: number;
  elsewhere?: Record<string, Listing>;
  maxRows?: number;
  offset?: number;
}) {
  const tint = useTint();
  // Below 80 columns the surface column goes: the codex column already says "open-weight" for /v1.
  const { compact } = useLayout();
  const idW = compact ? 24 : 26;
  const cellW = compact ? 10 : 12;
  const start = Math.min(offset, Math.max(0, rows.length - maxRows));
  const shown = rows.slice(start, start + maxRows);
  const counts = elsewhereCounts(elsewhere, otherRegions);
  const cells = shown.map((r) => ({ other: otherCell(r, counts), codex: codexCell(r) }));
  const used = new Set<string>();
  for (const c of cells) {
    if (c.other.includes('+')) used.add('+');
    if (LEGEND[c.other]) used.add(c.other);
    if (LEGEND[c.codex]) used.add(c.codex);
  }
  const hidden = rows.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold>
        {pad('model', idW)}
        {pad(region, cellW)}
        {pad(`other (${otherRegions})`, cellW + 1)}
        {compact ? '' : pad('surface', 12)}codex
      </Text>
      {shown.map((r, i) => (
        <Box key={r.id}>
          <Text>{pad(r.id, idW)}</Text>
          <Box width={cellW} flexShrink={0}>
            {r.here === undefined ? <Spinner /> : r.here ? <Text color={tint('green')}>✓ served</Text> : <Text color={tint('red')}>✗ absent</Text>}
          </Box>
          <Text>{pad(cells[i].other, cellW + 1)}</Text>
          {/* Open-weight models live on /v1, which Codex's built-in provider never calls. */}
          {compact ? null : <Text color={r.surface === '/v1' ? tint('yellow') : undefined}>{pad(r.surface, 12)}</Text>}
          <Text color={r.fallbackMetadata ? tint('yellow') : undefined} wrap="truncate-end">
            {cells[i].codex}
          </Text>
        </Box>
      ))}
      {hidden > 0 ? (
        <Text>
          rows {start + 1}–{start + shown.length} of {rows.length} · m: more rows
        </Text>
      ) : null}
      {used.size ? (
        <Wrapped color={tint('gray')}>
          {[...used].map((k) => LEGEND[k]).join(' · ')}
        </Wrapped>
      ) : null}
    </Box>
  );
}
