import { useEffect, useReducer } from 'react';
import { Text, useInput } from 'ink';
import { UiProvider, type UiEnv } from './context.js';
import { EXIT_INTERRUPTED, reduce, type WizardState } from '../wizard/machine.js';
import type { EffectRunner } from '../wizard/effects.js';
import { PreflightScreen, WelcomeScreen } from './screens/WelcomeScreen.js';
import { CustomRegionScreen, RegionScreen } from './screens/RegionScreen.js';
import { ApiKeyScreen, AuthScreen, ProfilePickScreen } from './screens/AuthScreen.js';
import { SsoHandoffScreen, SsoRegionScreen, SsoStartUrlScreen, SsoVerifyScreen } from './screens/SsoScreens.js';
import { IdentityScreen } from './screens/IdentityScreen.js';
import { ModelsScreen, RuntimeModelScreen } from './screens/ModelsScreen.js';
import { ConfigScreen, ConfigWrittenScreen } from './screens/ConfigScreen.js';
import { SmokeScreen } from './screens/SmokeScreen.js';
import { SmokeFixScreen } from './screens/SmokeFixScreen.js';
import { DoneScreen, DoneSummary } from './screens/DoneScreen.js';
import { FailureScreen } from './screens/FailureScreen.js';
import type { ScreenProps } from './screens/props.js';
import { pinnedSummary } from './screens/steps.js';
import { LayoutProvider, screenLayout, useTerminalSize } from './components/terminalSize.js';

export interface AppProps extends UiEnv {
  initial: WizardState;
  /** Runs the work each state asks for (see src/wizard/effects.ts); the app only renders and dispatches. */
  runner: EffectRunner;
  /** Called once when the flow ends (done, cancel, quit, Ctrl-C) with the exit code. */
  onExit?: (code: number, state: WizardState) => void;
}

function Screen(props: ScreenProps) {
  switch (props.state.step) {
    case 'welcome':
      return <WelcomeScreen {...props} />;
    case 'preflight':
      return <PreflightScreen {...props} />;
    case 'region':
      return <RegionScreen {...props} />;
    case 'region-custom':
      return <CustomRegionScreen {...props} />;
    case 'auth':
      return <AuthScreen {...props} />;
    case 'profile-pick':
      return <ProfilePickScreen {...props} />;
    case 'api-key':
      return <ApiKeyScreen {...props} />;
    case 'sso-start-url':
      return <SsoStartUrlScreen {...props} />;
    case 'sso-region':
      return <SsoRegionScreen {...props} />;
    case 'sso-handoff':
      return <SsoHandoffScreen {...props} />;
    case 'sso-verify':
      return <SsoVerifyScreen {...props} />;
    case 'identity':
      return <IdentityScreen {...props} />;
    case 'models':
      return props.state.provider === 'runtime' ? <RuntimeModelScreen {...props} /> : <ModelsScreen {...props} />;
    case 'config':
      return <ConfigScreen {...props} />;
    case 'config-written':
      return <ConfigWrittenScreen {...props} />;
    case 'smoke':
      return <SmokeScreen {...props} />;
    case 'smoke-fix':
      return <SmokeFixScreen {...props} />;
    case 'done':
      return <DoneScreen {...props} />;
    case 'failure':
      return <FailureScreen {...props} />;
    case 'exit':
      if (props.state.completed) return <DoneSummary state={props.state} />;
      return <Text>{props.state.exitCode === 0 ? '' : 'Stopped. Nothing more was written.'}</Text>;
  }
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

  const step = state.step;
  useEffect(() => {
    if (step === 'exit') onExit?.(state.exitCode ?? 0, state);
  }, [step]); // once per arrival at exit, with the state of that moment

  const size = useTerminalSize();
  return (
    <UiProvider value={env}>
      <LayoutProvider value={screenLayout(size, !!pinnedSummary(state))}>
        <Screen key={`${state.step}:${state.attempt}`} state={state} dispatch={dispatch} />
      </LayoutProvider>
    </UiProvider>
  );
}
