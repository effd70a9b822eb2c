// Team template (`--team-config FILE`) and command-line flags → wizard pre-fill. Pure: the caller reads the file.
import { parseTeamTemplateText, type TeamTemplate } from '../core/teamTemplate.js';
import type { WizardOptions } from './machine.js';

export { wizardOptions, type WizardFlags } from './prefill.js';

/**
 * The wizard's pre-fill from a template (see src/core/teamTemplate.ts for every key). Allowed regions are the only
 * ones offered, and a single allowed region is pinned.
 * Throws an Error with a one-line message when the file is not valid.
 */
export function parseTeamTemplate(text: string): WizardOptions {
  return templateToWizard(parseTeamTemplateText(text));
}

export function templateToWizard(t: TeamTemplate): WizardOptions {
  const only = t.allowedRegions;
  return {
    region: t.region ?? (only?.length === 1 ? only[0] : undefined),
    regions: only ?? t.regions,
    ...(only ? { allowedRegions: only } : {}),
    ...(t.allowedModels ? { allowedModels: t.allowedModels } : {}),
    ...(t.helpUrl ? { helpUrl: t.helpUrl } : {}),
    auth: t.auth,
    awsProfile: t.awsProfile,
    sso: t.sso,
    profiles: t.profiles,
    prompt: t.prompt,
    ...(t.provider ? { provider: t.provider } : {}),
  };
}

