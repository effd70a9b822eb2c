import { Box, Text } from 'ink';
import { sparkline, type LatencyView } from '../../core/latency.js';

export type { LatencyView };

const ms = (v: number | null) => (v === null ? '…' : `${Math.round(v)} ms`);

export function LatencyPanel({ view }: { view: LatencyView }) {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={30}>
      <Text>connect+TLS {ms(view.connectMs)}</Text>
      <Text>headers     {ms(view.headersMs)}</Text>
      <Text>first token {ms(view.ttftMs)}</Text>
      <Text>tokens/s    {view.tokensPerSecond === null ? '…' : view.tokensPerSecond.toFixed(1)}</Text>
      <Text>total       {ms(view.totalMs)}</Text>
      <Text>{view.gaps.length > 1 ? sparkline(view.gaps, 24) : ' '}</Text>
    </Box>
  );
}
