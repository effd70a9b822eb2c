import { Box, Text } from 'ink';
import { percentileNearestRank, sparkline, type LatencyView } from '../../core/latency.js';

export type { LatencyView };

const ms = (v: number | null) => (v === null ? '…' : `${Math.round(v)} ms`);

/** A connection kept open from an earlier request has no set-up to time (the stream ends without one); a local one takes under a millisecond. */
function connectText(view: LatencyView): string {
  if (view.connectMs === null) return view.totalMs === null ? '…' : 'reused';
  return view.connectMs < 1 ? '<1 ms' : ms(view.connectMs);
}

export function LatencyPanel({ view, width = 30 }: { view: LatencyView; width?: number }) {
  const p50 = percentileNearestRank(view.gaps, 50);
  const p95 = percentileNearestRank(view.gaps, 95);
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={width}>
      <Text>connect+TLS {connectText(view)}</Text>
      <Text>headers     {ms(view.headersMs)}</Text>
      <Text>first token {ms(view.ttftMs)}</Text>
      <Text>tokens/s    {view.tokensPerSecond === null ? '…' : view.tokensPerSecond.toFixed(1)}</Text>
      <Text>total       {ms(view.totalMs)}</Text>
      {/* The bars span the smallest to the largest gap shown; the figures give the scale. */}
      <Text>{view.gaps.length > 1 ? sparkline(view.gaps, width - 4) : ' '}</Text>
      <Text>{p50 === null ? ' ' : `gaps p50 ${Math.round(p50)} · p95 ${Math.round(p95!)} ms`}</Text>
    </Box>
  );
}
