// A region's note (GovCloud's, which depends on the installed Codex) stands under the list only while that
// region's row is on screen: a note about a row scrolled out of view only takes rows and confuses.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { initialState } from '../../src/wizard/machine.js';
import { fakeServices } from './fakes.js';
import { DOWN, renderApp, UP } from './helpers.js';
import { INFO, run } from './states.js';

afterEach(() => cleanup());

const atRegionWith = (codexVersion: string) => run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, codexVersion } }, { type: 'NEXT' });
const rowsOf = (f: string) => f.split('\n').filter((l) => /^[❯ ] [a-z]{2}(-gov)?-[a-z]+-\d /.test(l)).map((l) => l.slice(2).split(' ')[0]);
const noteOf = (f: string, id: string) => f.split('\n').some((l) => l.startsWith(`${id}: `));

describe('region notes follow their rows', () => {
  for (const [columns, rows] of [[60, 24], [80, 24], [100, 24]] as const) {
    it(`at ${columns}×${rows}: a GovCloud note shows with its row and goes when the row scrolls away`, async () => {
      const ui = renderApp(fakeServices(), atRegionWith('0.171.0'), { columns, rows });
      await ui.press(); // settle at the size given
      let f = ui.frame();
      const total = initialState().probeRegions.length + 1;
      const seen: string[] = [];
      // Down through the whole list and back: at every position a note is there exactly when its row is.
      for (let i = 0; i < total; i++) {
        f = ui.frame();
        seen.push(f);
        expect(f.split('\n').length).toBeLessThan(rows);
        const inView = rowsOf(f);
        for (const id of ['us-gov-east-1', 'us-gov-west-1']) expect(noteOf(f, id), `${id} in view ${inView.includes(id)}:\n${f}`).toBe(inView.includes(id));
        await ui.press(DOWN);
      }
      // The walk saw the notes both ways: with their rows in view, and gone with them.
      expect(seen.some((x) => noteOf(x, 'us-gov-west-1'))).toBe(true);
      expect(seen.some((x) => !rowsOf(x).includes('us-gov-west-1') && !noteOf(x, 'us-gov-west-1'))).toBe(true);
      // Up from the top wraps to the bottom of the list, which stays in order.
      await ui.press(UP);
      const order = rowsOf(ui.frame());
      const all = initialState().probeRegions;
      expect(order).toEqual(all.slice(all.indexOf(order[0]), all.indexOf(order[0]) + order.length));
      ui.unmount();
    });
  }

  it('at 100×30 the whole list fits: both notes stay', async () => {
    const ui = renderApp(fakeServices(), atRegionWith('0.171.0'), { columns: 100, rows: 30 });
    await ui.press();
    const f = ui.frame();
    expect(f).not.toContain('more (↑↓ scrolls)');
    expect(noteOf(f, 'us-gov-east-1') && noteOf(f, 'us-gov-west-1')).toBe(true);
    expect(f.split('\n').length).toBeLessThan(30);
  });
});

describe('the menu window', () => {
  it('starts with the initial row in view, scrolls to follow the pointer, and wraps the pointer at the ends', async () => {
    const { initialWindow, moveWindow } = await import('../../src/ui/components/Menu.js');
    expect(initialWindow(10, 4, 0)).toEqual({ index: 0, top: 0 });
    expect(initialWindow(10, 4, 6)).toEqual({ index: 6, top: 3 });
    expect(initialWindow(10, 4, 99)).toEqual({ index: 9, top: 6 });
    let w = initialWindow(10, 4, 0);
    for (let i = 0; i < 4; i++) w = moveWindow(w, 10, 4, 1);
    expect(w).toEqual({ index: 4, top: 1 });
    expect(moveWindow({ index: 0, top: 0 }, 10, 4, -1)).toEqual({ index: 9, top: 6 });
    expect(moveWindow({ index: 9, top: 6 }, 10, 4, 1)).toEqual({ index: 0, top: 0 });
    expect(moveWindow({ index: 2, top: 0 }, 3, 3, 1)).toEqual({ index: 0, top: 0 });
  });
});
