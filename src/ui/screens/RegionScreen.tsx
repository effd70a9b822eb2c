import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { RegionPrompt } from '../components/RegionPrompt.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { codexRegionNote, isCodexSupportedRegion, MANTLE_REGIONS, regionName } from '../../core/regions.js';
import { providerFor, type Probe } from '../../wizard/machine.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

const CUSTOM = '__custom__';


function rtt(p: Probe | undefined): string {
  if (!p || p.state === 'pending') return '…';
  if (p.state === 'down') return '✗ unreachable';
  return p.rttMs === null ? '✓' : `${Math.round(p.rttMs)} ms`;
}

export function RegionScreen({ state, dispatch }: ScreenProps) {
  const regions = state.probeRegions;
  const probes = state.probes;
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
      return { label: `${id.padEnd(15)} ${name.slice(0, 38).padEnd(38)} ${rtt(probes[id])}`, value: id };
    }),
    ...(state.allowed.regions ? [] : [{ label: 'custom region…', value: CUSTOM }]),
  ];
  const initial = Math.max(0, state.region ? regions.indexOf(state.region) : 0);
  return (
    <Frame {...stepLabel('region')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <Text>Where should Codex send requests? Round-trip times to Bedrock Mantle:</Text>
      <Menu
        items={items}
        initialIndex={initial}
        limit={16}
        onSelect={(v) => dispatch(v === CUSTOM ? { type: 'CUSTOM_REGION' } : { type: 'SELECT_REGION', region: v })}
      />
      {notes.map(([id, note]) => (
        <Text key={id} wrap="wrap">
          {id}: {note}.
        </Text>
      ))}
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
