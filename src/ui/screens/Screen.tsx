// Every screen of the wizard, by step: loaded just after the first frame, so that the welcome screen draws first.
import { Text } from 'ink';
import { WelcomeScreen } from './WelcomeScreen.js';
import { PreflightScreen } from './PreflightScreen.js';
import { CustomRegionScreen, RegionScreen } from './RegionScreen.js';
import { ApiKeyScreen, AuthScreen, ProfilePickScreen } from './AuthScreen.js';
import { SsoHandoffScreen, SsoRegionScreen, SsoStartUrlScreen, SsoVerifyScreen } from './SsoScreens.js';
import { IdentityScreen } from './IdentityScreen.js';
import { ModelsScreen, RuntimeModelScreen } from './ModelsScreen.js';
import { ConfigScreen, ConfigWrittenScreen } from './ConfigScreen.js';
import { SmokeScreen } from './SmokeScreen.js';
import { SmokeFixScreen } from './SmokeFixScreen.js';
import { DoneScreen, DoneSummary } from './DoneScreen.js';
import { FailureScreen } from './FailureScreen.js';
import type { ScreenProps } from './props.js';

export function Screen(props: ScreenProps) {
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
