// Ctrl-C on the first frame, before the other screens have loaded (this file never loads them first, unlike
// helpers.tsx): the run ends only once the exit screen's words are drawn, so they stay in the terminal.
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { createEffectRunner } from '../../src/wizard/effects.js';
import { initialState } from '../../src/wizard/machine.js';
import { loadedScreens } from '../../src/ui/screenModules.js';
import { fakeServices } from '../helpers/services.js';

it('a Ctrl-C before the screens load still leaves "Stopped." as the last frame', async () => {
  expect(loadedScreens()).toBeUndefined();
  const runner = createEffectRunner({ services: fakeServices(), flushMs: 5 });
  let exited: { code: number; frame: string } | undefined;
  const r = render(<App runner={runner} color={false} initial={initialState({})} onExit={(code) => (exited = { code, frame: r.lastFrame() ?? '' })} />);
  r.stdin.write('\u0003');
  const deadline = Date.now() + 5000;
  while (!exited && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
  expect(exited?.code).toBe(130);
  // What was on the terminal when the run ended (the wizard unmounts then).
  expect(exited?.frame).toContain('Stopped. Nothing more was written.');
  r.unmount();
});
