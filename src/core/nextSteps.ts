// The commands a person types after setup: the wizard's last screen and `setup --yes` print the same lines. Pure.
import type { AuthMethod } from '../types.js';

export interface NextStepsInput {
  method: AuthMethod;
  /** The AWS profile Codex signs with, when it is one. */
  awsProfile?: string;
  /** That profile is an IAM Identity Center one (sign-ins expire). */
  awsProfileIsSso: boolean;
  region: string;
  codexProfiles: string[];
  /** The sign-in command as this machine needs it typed (core/ssoArgs ssoLoginCommand); else the plain one. */
  ssoLogin?: string;
}

export const DOCTOR_COMMAND = 'npx codex-bedrock-setup doctor';
export const SETUP_COMMAND = 'npx codex-bedrock-setup';

/** Exact commands, one a line, each runnable as printed; a trailing `# …` says when. */
export function nextSteps(input: NextStepsInput): string[] {
  const cmds: string[] = [];
  if (input.awsProfile && (input.method === 'sso' || input.awsProfileIsSso)) {
    cmds.push(`${input.ssoLogin ?? `aws sso login --profile ${input.awsProfile}`}   # when the sign-in expires`);
  }
  if (input.method === 'api-key') {
    cmds.push('export AWS_BEARER_TOKEN_BEDROCK=<your key>');
    cmds.push(`export AWS_REGION=${input.region}`);
  }
  for (const p of input.codexProfiles) cmds.push(`codex --profile ${p}`);
  return cmds;
}
