// The aws CLI arguments for IAM Identity Center sign-in: the browser flow (default since 2.22) or the device code.
import { compareVersions } from './codexVersions.js';
import { awsAsTyped } from './awsCli.js';
import type { AwsCliInfo } from '../types.js';

/**
 * `--use-device-code` came with the browser (PKCE) flow in aws CLI 2.22.0 (aws/aws-cli#8947; its CHANGELOG). Older v2
 * always use the device code and refuse the flag: 2.9.19 prints "Unknown options: --use-device-code" and exits 252.
 * 2.36.17 takes it for `sso login` and `configure sso` alike (observed). 2.22.0 alone accepts it for `configure sso`
 * and still opens the browser (fixed in 2.22.1, CHANGELOG: "Fixed aws configure sso to honor --use-device-code").
 */
export const DEVICE_CODE_FLAG_SINCE = '2.22.0';

/** --device-code / --browser; undefined: the device code when headless, else the aws CLI's default. */
export type SignInChoice = 'device-code' | 'browser';

export interface SignInMode {
  headless: boolean;
  choice?: SignInChoice;
  /** Of the aws CLI that runs the sign-in; null when unknown (then no flag: an unknown flag fails the command). */
  awsVersion: string | null;
}

export function hasDeviceCodeFlag(awsVersion: string | null): boolean {
  return awsVersion !== null && compareVersions(awsVersion, DEVICE_CODE_FLAG_SINCE) >= 0;
}

/** Whether to pass --use-device-code: asked for (or headless, unless --browser) and understood. */
export function useDeviceCodeFlag({ headless, choice, awsVersion }: SignInMode): boolean {
  const wanted = choice === 'device-code' || (choice === undefined && headless);
  return wanted && hasDeviceCodeFlag(awsVersion);
}

/** Whether the aws CLI will print a URL and a code (rather than wait for a browser on this machine). */
export function signsInWithCode(mode: SignInMode): boolean {
  return !hasDeviceCodeFlag(mode.awsVersion) || useDeviceCodeFlag(mode);
}

const deviceCode = (mode: SignInMode) => (useDeviceCodeFlag(mode) ? ['--use-device-code'] : []);

export function ssoLoginArgs(profile: string, mode: SignInMode): string[] {
  return ['sso', 'login', '--profile', profile, ...deviceCode(mode)];
}

export function configureSsoArgs(profile: string, mode: SignInMode): string[] {
  return ['configure', 'sso', '--profile', profile, ...deviceCode(mode)];
}

/** The sign-in again, as printed for a person: the same flags the hand-off passes, run with the aws they should type. */
export function ssoLoginCommand(profile: string, mode: SignInMode, aws = 'aws'): string {
  return [aws, ...ssoLoginArgs(profile, mode)].join(' ');
}

/** The sign-in again for any profile as this machine needs it typed: one rule for the wizard, setup and doctor. */
export function ssoLoginAsTyped(mode: SignInMode, clis: readonly AwsCliInfo[]): (profile: string) => string {
  const aws = awsAsTyped(clis);
  return (profile) => ssoLoginCommand(profile, mode, aws);
}
