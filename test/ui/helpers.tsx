import { render } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import type { Services } from '../../src/services/types.js';
import type { WizardState } from '../../src/wizard/machine.js';
import { createEffectRunner, type PolicyRequest } from '../../src/wizard/effects.js';
import { loadScreens } from '../../src/ui/screenModules.js';

// The app draws its first frame before the other screens load: tests start with them loaded.
await loadScreens();

export const ENTER = '\r';
export const ESC = '\u001B';
export const DOWN = '\u001B[B';
export const UP = '\u001B[A';
export const CTRL_C = '\u0003';

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

export function renderApp(
  services: Services,
  initial: WizardState,
  extra: { writePolicy?: (r: PolicyRequest) => Promise<string>; color?: boolean; columns?: number; rows?: number; demo?: boolean } = {},
) {
  const exits: number[] = [];
  // No terminal to hand over here: the runner runs the aws CLI hand-off itself and reports HANDOFF_DONE.
  const runner = createEffectRunner({ services, writePolicy: extra.writePolicy, flushMs: 5, demo: extra.demo });
  const r = render(<App runner={runner} color={extra.color ?? false} initial={initial} onExit={(c) => exits.push(c)} />);
  // A terminal of the given size (80×24 unless told): the app reads it and follows resizes.
  Object.defineProperty(r.stdout, 'columns', { value: extra.columns ?? 80, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: extra.rows ?? 24, configurable: true });
  r.stdout.emit('resize');
  const frame = () => r.lastFrame() ?? '';
  /** Polls until the frame satisfies `pred` (generous deadline: a loaded 2-core machine is slow, not wrong). */
  const waitFor = async (pred: (f: string) => boolean, what = 'frame'): Promise<string> => {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      if (pred(frame())) return frame();
      await tick(10);
    }
    throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
  };
  const waitText = (text: string) => waitFor((f) => f.includes(text), JSON.stringify(text));
  /**
   * Waits until no new frame has been drawn for a while. Input handlers (the menu's among them)
   * re-subscribe in effects after each render, so a key sent before that would reach a stale handler.
   */
  const settle = async () => {
    await tick(40);
    const deadline = Date.now() + 3000;
    let count = r.frames.length;
    let since = Date.now();
    while (Date.now() < deadline) {
      await tick(10);
      if (r.frames.length !== count) {
        count = r.frames.length;
        since = Date.now();
      } else if (Date.now() - since >= 80) return;
    }
  };
  /** Writes keys one at a time, as a person would, each after the screen has settled. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      await settle();
      r.stdin.write(k);
    }
    await settle();
  };
  return { ...r, frame, waitFor, waitText, press, exits };
}
