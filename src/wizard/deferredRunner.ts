// The wizard's first frame is drawn before its effects and the real services have loaded: this runner stands in
// for the real one until then, remembers the latest state, and hands it over once the real one exists.
import { toFailure } from '../flows/failure.js';
import type { EffectRunner } from './effects.js';

// Loading starts at the first sync, which the app makes once its first frame is on the terminal.
export function deferredRunner(load: () => Promise<EffectRunner>): EffectRunner {
  let runner: EffectRunner | undefined;
  let started = false;
  let stopped = false;
  let latest: Parameters<EffectRunner['sync']> | undefined;
  const start = () =>
    load().then(
      (r) => {
        if (stopped) return r.stop();
        runner = r;
        if (latest) r.sync(...latest);
      },
      (e: unknown) => {
        if (!stopped && latest) latest[1]({ type: 'FAIL', failure: toFailure(e) });
      },
    );
  return {
    sync(state, dispatch) {
      latest = [state, dispatch];
      if (runner) runner.sync(state, dispatch);
      else if (!started) {
        started = true;
        void start();
      }
    },
    stop() {
      stopped = true;
      runner?.stop();
    },
  };
}
