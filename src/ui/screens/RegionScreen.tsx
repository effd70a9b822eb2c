import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { RegionPrompt } from '../components/RegionPrompt.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { codexRegionNote, isCodexSupportedRegion, MANTLE_REGIONS, regionName } from '../../core/regions.js';
import { providerFor } from '../../wizard/machine.js';
import type { RegionRow } from '../../core/regionReport.js';
import { StatusLine } from '../components/StatusLine.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

const CUSTOM = '__custom__';


function rtt(row: RegionRow | undefined): string {
  if (!row) return '…';
  if (!row.reachable) return '✗ unreachable';
  return row.rttMs === null ? '✓' : `${Math.round(row.rttMs)} ms${row.fastest ? ' ← fastest' : ''}`;
}

export function RegionScreen({ state, dispatch }: ScreenProps) {
  const regions = state.probeRegions;
  const report = state.regionReport;
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
      return { label: `${id.padEnd(15)} ${name.slice(0, 38).padEnd(38)} ${rtt(rows.get(id))}`, value: id };
    }),
    ...(state.allowed.regions ? [] : [{ label: 'custom region…', value: CUSTOM }]),
  ];
  const initial = Math.max(0, state.region ? regions.indexOf(state.region) : 0);
  return (
    <Frame {...stepLabel('region')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <Text>Where should Codex send requests? Round-trip times to Bedrock{report ? '' : ' (measuring…)'}:</Text>
      <Menu
        items={items}
        initialIndex={initial}
        limit={16}
        onSelect={(v) => dispatch(v === CUSTOM ? { type: 'CUSTOM_REGION' } : { type: 'SELECT_REGION', region: v })}
      />
      {report?.hint ? <StatusLine status="warn" text="No region answered from this network." detail={report.hint} /> : null}
      {notes.map(([id, note]) => (
        <Text key={id} wrap="wrap">
          {id}: {note}.
        </Text>
      ))}
      {report ? <Text>RTT: median of warm requests, connection set-up excluded (details: npx codex-bedrock-setup regions).</Text> : null}
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
