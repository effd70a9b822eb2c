// The order the profile list offers AWS profiles in: the screen draws it, and the identity check of the first one
// (where the cursor starts) is asked ahead while the list is read.
import type { AwsProfile } from '../types.js';
import type { WizardState } from './machine.js';

/** IAM Identity Center profiles first: they are the ones an organisation manages. */
export function offeredProfiles(state: Pick<WizardState, 'preflight'>): AwsProfile[] {
  return [...(state.preflight?.awsProfiles ?? [])].sort((a, b) => Number(b.isSso) - Number(a.isSso));
}
