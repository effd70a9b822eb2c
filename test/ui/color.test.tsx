import { afterEach, describe, expect, it } from 'vitest';

// Ink's colour support is decided when chalk loads, from the stream it writes to; the fake stream is not a TTY.
process.env.FORCE_COLOR = '1';
const { cleanup } = await import('ink-testing-library');
const { fakeServices } = await import('./fakes.js');
const { renderApp } = await import('./helpers.js');
const { atConfig } = await import('./states.js');

afterEach(() => cleanup());

describe('colour', () => {
  it('colours diff lines when colour is on', async () => {
    const ui = renderApp(fakeServices(), atConfig(), { color: true });
    const f = await ui.waitText('Write these files');
    expect(f).toContain('\u001B[32m+region');
    expect(f).toContain('\u001B[31m-model');
  });

  it('NO_COLOR: no colour codes at all, the +/- and ✓/✗/! symbols carry the meaning', async () => {
    const ui = renderApp(fakeServices(), atConfig(), { color: false });
    const f = await ui.waitText('Write these files');
    expect(f).not.toMatch(/\u001B\[(3\d|9\d)m/);
    expect(f).toContain('+region');
    expect(f).toContain('-model');
  });
});
