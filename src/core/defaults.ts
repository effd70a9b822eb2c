// The defaults every path shares, used only where nothing is given and nothing is configured yet.
export const DEFAULT_REGION = 'us-east-1';
/** Codex profiles the wizard writes: the first gets the strongest model, the others the fastest. */
export const DEFAULT_CODEX_PROFILES = ['bedrock-prod', 'bedrock-staging'] as const;
export const DEFAULT_CODEX_PROFILE = DEFAULT_CODEX_PROFILES[0];
/** The AWS profile a new IAM Identity Center sign-in creates. */
export const DEFAULT_SSO_PROFILE = 'codex-bedrock';
