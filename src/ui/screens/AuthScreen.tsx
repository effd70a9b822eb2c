import { useState } from 'react';
import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { MaskedInput } from '../components/MaskedInput.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import type { AuthMethod } from '../../types.js';
import { demoApiKey } from '../../core/demoApiKey.js';
import { chosenRegion } from '../../wizard/machine.js';
import { offeredProfiles } from '../../wizard/profileOrder.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function AuthScreen({ state, dispatch }: ScreenProps) {
  const profiles = state.preflight?.awsProfiles ?? [];
  const bearer = state.preflight?.bearerInEnv;
  const items: { label: string; value: AuthMethod }[] = [
    {
      label: `IAM Identity Center (SSO), recommended${state.preflight?.awsV2Path ? '' : ' (needs aws CLI v2)'}${state.facts?.demo ? ' (the emulator signs you in)' : ''}`,
      value: 'sso',
    },
    ...(profiles.length ? [{ label: `Existing AWS profile (${profiles.length} found)`, value: 'profile' as const }] : []),
    { label: `Bedrock API key${bearer ? ' (AWS_BEARER_TOKEN_BEDROCK is set)' : ''}`, value: 'api-key' },
    { label: 'Environment credentials (AWS_ACCESS_KEY_ID… or the default chain)', value: 'env' },
  ];
  return (
    <Frame {...stepLabel('auth')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <Text>How should Codex sign its requests to Bedrock in {state.region}?</Text>
      <Menu items={items} onSelect={(method) => dispatch({ type: 'CHOOSE_AUTH', method })} />
    </Frame>
  );
}

export function ProfilePickScreen({ state, dispatch }: ScreenProps) {
  const profiles = offeredProfiles(state);
  const items = profiles.map((p) => ({
    label: `${p.name.padEnd(24)} ${p.isSso ? '[SSO]' : p.loginSession ? '[aws login]' : p.hasStaticKeys ? '[keys]' : '[other]'} ${p.region ?? ''}`,
    value: p.name,
  }));
  return (
    <Frame {...stepLabel('profile-pick')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <Text>Which AWS profile should Codex use?</Text>
      {items.length ? (
        <Menu items={items} limit={12} onSelect={(profile) => dispatch({ type: 'SELECT_PROFILE', profile })} />
      ) : (
        <Text>No profiles in the AWS config. Press esc to choose another way to sign in.</Text>
      )}
    </Frame>
  );
}

export function ApiKeyScreen({ state, dispatch }: ScreenProps) {
  // A key works only in the region it was issued for: the demo has one per region and offers the chosen one's.
  const region = chosenRegion(state);
  const demoKey = state.facts?.demo ? demoApiKey(region) : undefined;
  const fromEnv = demoKey ?? state.facts?.envApiKey;
  const [chosePaste, setPaste] = useState(false);
  const paste = chosePaste || !fromEnv;
  return (
    <Frame {...stepLabel('api-key')} pinned={pinnedSummary(state)} hints={paste ? [['enter', 'use key'], BACK, QUIT] : [MOVE, SELECT, BACK, QUIT]}>
      <Text>Codex reads the key from AWS_BEARER_TOKEN_BEDROCK at run time; it is never written to config.toml.</Text>
      {demoKey ? <Text dimColor>The demo issues a key for each region, valid there only, as AWS does: this one is for {region}.</Text> : null}
      {paste ? (
        <MaskedInput label="Bedrock API key:" onSubmit={(apiKey) => dispatch({ type: 'SUBMIT_API_KEY', apiKey })} />
      ) : (
        <Menu
          items={[
            { label: demoKey ? `Use the demo's key for ${region}` : 'Use AWS_BEARER_TOKEN_BEDROCK from the environment', value: 'env' },
            { label: 'Paste a different key', value: 'paste' },
          ]}
          onSelect={(v) => (v === 'env' && fromEnv ? dispatch({ type: 'SUBMIT_API_KEY', apiKey: fromEnv }) : setPaste(true))}
        />
      )}
    </Frame>
  );
}
