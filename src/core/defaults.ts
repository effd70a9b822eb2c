// The defaults every path shares, used only where nothing is given and nothing is configured yet.
export const DEFAULT_REGION = 'us-east-1';
/** The smoke test's prompt: one short answer, so its latency figures are about Bedrock, not the length of a reply. */
export const SMOKE_PROMPT = 'Reply with one short sentence confirming you are running on Amazon Bedrock.';
/** Codex profiles the wizard writes: the first gets the strongest model, the others the fastest. */
export const DEFAULT_CODEX_PROFILES = ['bedrock-prod', 'bedrock-staging'] as const;
export const DEFAULT_CODEX_PROFILE = DEFAULT_CODEX_PROFILES[0];
/** The AWS profile a new IAM Identity Center sign-in creates. */
export const DEFAULT_SSO_PROFILE = 'codex-bedrock';
