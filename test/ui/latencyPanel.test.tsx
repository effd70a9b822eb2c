import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LatencyPanel } from '../../src/ui/components/LatencyPanel.js';
import { UiProvider } from '../../src/ui/context.js';

const view = { connectMs: 0, headersMs: 30, ttftMs: 50, tokensPerSecond: 100, totalMs: 90, gaps: [24, 25, 26, 25] };

describe('the latency panel', () => {
  it('a connection reused from an earlier request says "reused", not "0 ms"', () => {
    const r = render(<UiProvider value={{ color: false }}><LatencyPanel view={view} /></UiProvider>);
    expect(r.lastFrame()).toContain('connect+TLS reused');
    expect(r.lastFrame()).not.toContain('connect+TLS 0 ms');
  });
  it('gaps of 24 to 26 ms are shown with their p50 and p95, so full-height bars do not read as jitter', () => {
    const r = render(<UiProvider value={{ color: false }}><LatencyPanel view={view} /></UiProvider>);
    expect(r.lastFrame()).toContain('gaps p50 25 · p95 26 ms');
  });
});
