import { useEffect, useReducer, useState } from 'react';
import { useInput } from 'ink';
import { UiProvider, type UiEnv } from './context.js';
import { EXIT_INTERRUPTED, reduce, type WizardState } from '../wizard/machine.js';
import type { EffectRunner } from '../wizard/effects.js';
import { WelcomeScreen } from './screens/WelcomeScreen.js';
import { pinnedSummary } from './screens/steps.js';
import { LayoutProvider, screenLayout, useTerminalSize } from './components/terminalSize.js';
import { loadedScreens, loadScreens } from './screenModules.js';

export interface AppProps extends UiEnv {
  initial: WizardState;
  /** Runs the work each state asks for (see src/wizard/effects.ts); the app only renders and dispatches. */
  runner: EffectRunner;
  /** Called once when the flow ends (done, cancel, quit, Ctrl-C) with the exit code. */
  onExit?: (code: number, state: WizardState) => void;
}

export function App({ initial, onExit, runner, ...env }: AppProps) {
  const [state, dispatch] = useReducer(reduce, initial);

  // Esc and Ctrl-C mean the same on every screen; Ink's own Ctrl-C exit is off so the exit code is ours.
  useInput((input, key) => {
    if (key.ctrl && input === 'c') dispatch({ type: 'QUIT', code: EXIT_INTERRUPTED });
    else if (key.escape) dispatch({ type: 'BACK' });
  });

  useEffect(() => runner.sync(state, dispatch), [runner, state]);
  useEffect(() => () => runner.stop(), [runner]);

  // The other screens load once the welcome screen is drawn (a key pressed before then waits for them).
  const [screens, setScreens] = useState(loadedScreens);
  useEffect(() => {
    if (!screens) void loadScreens().then(setScreens);
  }, []);

  // Once per arrival at exit, with the state of that moment; a Ctrl-C before the screens have loaded waits for
  // them, so the exit screen's words are the last frame and stay in the terminal.
  const step = state.step;
  useEffect(() => {
    if (step === 'exit' && screens) onExit?.(state.exitCode ?? 0, state);
  }, [step, !!screens]);

  const size = useTerminalSize();
  return (
    <UiProvider value={env}>
      <LayoutProvider value={screenLayout(size, !!pinnedSummary(state))}>
        {screens ? (
          <screens.Screen key={`${state.step}:${state.attempt}`} state={state} dispatch={dispatch} />
        ) : state.step === 'welcome' ? (
          <WelcomeScreen key={`${state.step}:${state.attempt}`} state={state} dispatch={dispatch} />
        ) : null}
      </LayoutProvider>
    </UiProvider>
  );
}
