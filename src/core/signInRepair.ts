// doctor --fix's "sign in again": for the IAM Identity Center sign-in of the profile Codex signs with, when doctor
// found it expired, missing or ending within the hour. Pure: the flow reads the profiles and the aws CLIs.
import { firstUsableAws } from './awsCli.js';
import { credentialSourceOf } from './credentialSource.js';
import type { DoctorCheck, DoctorReport } from './doctorReport.js';
import { signInProfileOf } from './sessionLifetime.js';
import { ssoLoginArgs, type SignInMode } from './ssoArgs.js';
import type { AwsCliInfo, AwsProfile } from '../types.js';

export interface SignInFacts {
  report: DoctorReport;
  profiles: AwsProfile[];
  awsClis: AwsCliInfo[];
  mode: Omit<SignInMode, 'awsVersion'>;
  /** stdin and stdout are a terminal: the sign-in needs a person at it (a browser page or a code to type). */
  terminal: boolean;
}

export type SignInRepair =
  | { run: true; profile: string; awsPath: string; args: string[]; command: string; mode: SignInMode; answers: DoctorCheck[] }
  | { run: false; profile: string; command: string; why: string; answers: DoctorCheck[] };

/** The checks a new sign-in answers: the session row (expired, none, under an hour) and a refusal diagnosed as an ended sign-in. */
export function endedSignIn(c: DoctorCheck): boolean {
  return c.status !== 'pass' && (c.id === 'sso-session-lifetime' || c.diagnosis === 'sso-token-expired');
}

/** null: nothing to sign in again, or a profile that is not Identity Center (never `aws sso login` for those). */
export function planSignIn(f: SignInFacts): SignInRepair | null {
  const answers = f.report.checks.filter(endedSignIn);
  const cred = f.report.credential;
  if (!answers.length || !cred?.profile || (cred.kind !== 'aws-profile' && cred.kind !== 'sdk-chain')) return null;
  const profile = signInProfileOf(cred.profile, credentialSourceOf(cred.profile, f.profiles));
  if (!profile) return null;
  const aws = firstUsableAws(f.awsClis);
  const mode = { ...f.mode, awsVersion: aws?.version ?? null };
  const args = ssoLoginArgs(profile, mode);
  const command = `aws ${args.join(' ')}`;
  if (!aws) return { run: false, profile, command, why: 'The sign-in needs the aws CLI v2, and none is on PATH.', answers };
  if (!f.terminal) return { run: false, profile, command, why: 'No terminal here: the sign-in needs you at one (a browser page, or a URL and a code), so doctor does not start it.', answers };
  return { run: true, profile, awsPath: aws.path, args, command, mode, answers };
}
