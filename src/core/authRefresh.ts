// What Codex runs by itself to sign in again when an IAM Identity Center session expires. Pure.
import { codexSupports } from './codexVersions.js';
import type { SetupChoices } from '../types.js';

export const AUTH_REFRESH_TIMEOUT_MS = 120_000;

export interface AuthRefreshInput {
  awsProfile: string | undefined;
  awsProfileIsSso: boolean;
  codexVersion: string | null;
  /** The first `aws` on PATH, and the usable v2 found. Codex runs `aws` from PATH and accepts no other name. */
  firstAwsOnPath: string | null;
  usableAws: string | null;
  /** Sign in with the device code (headless, or --device-code) where that aws CLI takes the flag (core/ssoArgs.ts). */
  deviceCode?: boolean;
}

export type AuthRefreshDecision =
  | { write: SetupChoices['authRefresh'] }
  | { write: undefined; why?: string };

export function authRefreshFor(input: AuthRefreshInput): AuthRefreshDecision {
  const { awsProfile } = input;
  if (!awsProfile || !input.awsProfileIsSso || !input.usableAws) return { write: undefined };
  if (input.firstAwsOnPath !== input.usableAws) {
    return {
      write: undefined,
      // The narrowest fix: only the v2 goes ahead; putting its whole folder first would also shadow pyenv, nvm or Homebrew.
      why: `${input.firstAwsOnPath ?? 'aws'} comes first on PATH and is not the aws CLI v2, so Codex (which runs \`aws\`) cannot sign in again by itself. Link only the v2 ahead of it: mkdir -p ~/bin && ln -s ${input.usableAws} ~/bin/aws, with ~/bin first on PATH; or run ${input.usableAws} sso login --profile ${awsProfile} when the session expires.`,
    };
  }
  if (!codexSupports(input.codexVersion, 'auth-refresh')) return { write: undefined };
  return { write: { command: 'aws', args: ['sso', 'login', '--profile', awsProfile, ...(input.deviceCode ? ['--use-device-code'] : [])], timeoutMs: AUTH_REFRESH_TIMEOUT_MS } };
}
