import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LatencyPanel } from '../../src/ui/components/LatencyPanel.js';
import { UiProvider } from '../../src/ui/context.js';

const view = { connectMs: null, headersMs: 30, ttftMs: 50, tokensPerSecond: 100, totalMs: 90, gaps: [24, 25, 26, 25] };

describe('the latency panel', () => {
  it('a connection reused from an earlier request says "reused"; a sub-millisecond one "<1 ms", never "0 ms"', () => {
    const r = render(<UiProvider value={{ color: false }}><LatencyPanel view={view} /></UiProvider>);
    expect(r.lastFrame()).toContain('connect+TLS reused');
    const local = render(<UiProvider value={{ color: false }}><LatencyPanel view={{ ...view, connectMs: 0.3 }} /></UiProvider>);
    expect(local.lastFrame()).toContain('connect+TLS <1 ms');
    const waiting = render(<UiProvider value={{ color: false }}><LatencyPanel view={{ ...view, connectMs: null, totalMs: null }} /></UiProvider>);
    expect(waiting.lastFrame()).toContain('connect+TLS …');
  });
  it('gaps of 24 to 26 ms are shown with their p50 and p95, so full-height bars do not read as jitter', () => {
    const r = render(<UiProvider value={{ color: false }}><LatencyPanel view={view} /></UiProvider>);
    expect(r.lastFrame()).toContain('gaps p50 25 · p95 26 ms');
  });
});
