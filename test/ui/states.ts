// Machine states to start a screen test from, built with the real reducer.
import { initialState, reduce, type PreflightInfo, type WizardEvent, type WizardOptions, type WizardState } from '../../src/wizard/machine.js';
import { IDENTITY, PLAN } from './fakes.js';

export const INFO: PreflightInfo = {
  codexVersion: '0.169.0',
  awsV2Path: '/usr/bin/aws',
  awsProfiles: [
    { name: 'dev', region: 'us-east-1', isSso: false, hasStaticKeys: true },
    { name: 'corp-sso', region: 'us-east-1', isSso: true, hasStaticKeys: false },
  ],
  ssoSessions: [],
  bearerInEnv: false,
  managedBedrockAuth: null,
};

export const run = (s: WizardState, ...e: WizardEvent[]) => e.reduce(reduce, s);

export const atRegion = (opts: WizardOptions = {}) => run(initialState(opts), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: INFO }, { type: 'NEXT' });
export const atAuth = () => run(atRegion(), { type: 'SELECT_REGION', region: 'us-east-1' });
export const atIdentity = (profile = 'dev') => run(atAuth(), { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile });
export const atModels = () => run(atIdentity(), { type: 'IDENTITY', identity: IDENTITY }, { type: 'NEXT' });
export const atConfig = () => run(atModels(), { type: 'SELECT_MODEL', model: 'openai.gpt-6.1-sol' }, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
export const atWritten = () => run(atConfig(), { type: 'PLAN_READY', plan: PLAN }, { type: 'WRITTEN', written: PLAN.changes.map((c) => c.path), backups: ['/home/dev/.codex/config.toml.bak-1'] });
export const atSmoke = () => run(atWritten(), { type: 'NEXT' });
