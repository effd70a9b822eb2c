import { useState } from 'react';
import { Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { initialWindow, Menu } from '../components/Menu.js';
import { RegionPrompt } from '../components/RegionPrompt.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { codexRegionNote, isCodexSupportedRegion, MANTLE_REGIONS, regionName } from '../../core/regions.js';
import { providerFor } from '../../wizard/machine.js';
import type { RegionRow } from '../../core/regionReport.js';
import { StatusLine } from '../components/StatusLine.js';
import { useLayout } from '../components/terminalSize.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

const CUSTOM = '__custom__';


function fit(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

function rtt(row: RegionRow | undefined): string {
  if (!row) return '…';
  if (!row.reachable) return '✗ unreachable';
  return row.rttMs === null ? '✓' : `${Math.round(row.rttMs)} ms${row.fastest ? ' ← fastest' : ''}`;
}

export function RegionScreen({ state, dispatch }: ScreenProps) {
  useInput((input) => input === 'r' && state.regionReport && dispatch({ type: 'REMEASURE' }));
  const regions = state.probeRegions;
  const report = state.regionReport;
  const { bodyRows, columns } = useLayout();
  const rows = new Map((report?.rows ?? []).map((r) => [r.region, r]));
  const codexVersion = state.preflight?.codexVersion ?? null;
  // GovCloud depends on the installed Codex: some versions reject it, newer ones ask for an acknowledgement.
  const notes = regions.map((id) => [id, codexRegionNote(id, codexVersion)] as const).filter(([, n]) => n !== undefined);
  const items = [
    ...regions.map((id) => {
      const known = MANTLE_REGIONS.some((r) => r.id === id);
      const provider = providerFor(id, codexVersion);
      const mark =
        provider === 'runtime' ? ' (Bedrock Runtime)' : known && !isCodexSupportedRegion(id, codexVersion) ? ' (Codex rejects)' : codexRegionNote(id, codexVersion) ? ' (see below)' : '';
      const name = (regionName(id) ?? '') + mark;
      // Pointer, id, name, round trip: the name gives way on narrow terminals.
      const nameWidth = Math.max(10, Math.min(38, columns - 2 - 16 - 20));
      return { label: `${id.padEnd(15)} ${fit(name, nameWidth)} ${rtt(rows.get(id))}`, value: id };
    }),
    ...(state.allowed.regions ? [] : [{ label: 'custom region…', value: CUSTOM }]),
  ];
  const initial = Math.max(0, state.region ? regions.indexOf(state.region) : 0);
  // The list scrolls within the frame: what is below it (notes, the no-network hint) must fit as well.
  const linesOf = (text: string, indent = 0) => Math.ceil((text.length + indent) / (columns - indent || 1));
  const rttLine = 'RTT: median of warm requests, connection set-up excluded (details: npx codex-bedrock-setup regions).';
  const below =
    (report?.hint ? 1 + linesOf(report.hint, 2) : 0) + notes.reduce((n, [id, note]) => n + linesOf(`${id}: ${note}.`), 0) + (report ? linesOf(rttLine) : 0);
  // Rows stay reserved for every note, so the list keeps its height as it scrolls.
  const limit = Math.max(3, Math.min(items.length, bodyRows - 2 - below));
  // A note is about its row: shown only while that row is in view (the menu says which are, after each move).
  const [inView, setInView] = useState<string[] | null>(null);
  const first = initialWindow(items.length, limit, initial);
  const visible = new Set(inView ?? items.slice(first.top, first.top + limit).map((i) => i.value));
  return (
    <Frame {...stepLabel('region')} pinned={pinnedSummary(state)} hints={report ? [MOVE, SELECT, ['r', 'measure again'], BACK, QUIT] : [MOVE, SELECT, BACK, QUIT]}>
      <Text>Where should Codex send requests? Round-trip times to Bedrock{report ? '' : ' (measuring…)'}:</Text>
      <Menu
        items={items}
        initialIndex={initial}
        limit={limit}
        onVisible={setInView}
        onSelect={(v) => dispatch(v === CUSTOM ? { type: 'CUSTOM_REGION' } : { type: 'SELECT_REGION', region: v })}
      />
      {report?.hint ? <StatusLine status="warn" text="No region answered from this network." detail={report.hint} /> : null}
      {notes.filter(([id]) => visible.has(id)).map(([id, note]) => (
        <Text key={id} wrap="wrap">
          {id}: {note}.
        </Text>
      ))}
      {report ? <Text>{rttLine}</Text> : null}
    </Frame>
  );
}

export function CustomRegionScreen({ state, dispatch }: ScreenProps) {
  return (
    <Frame {...stepLabel('region-custom')} pinned={pinnedSummary(state)} hints={[['enter', 'confirm'], BACK, QUIT]}>
      <RegionPrompt label="AWS region:" placeholder="e.g. eu-west-3" onRegion={(region) => dispatch({ type: 'SELECT_REGION', region })} />
    </Frame>
  );
}
