// Codex's names of its two Bedrock providers: constants with no dependencies, so the wizard's first frame can use
// them without loading the config editor.
export const BEDROCK_PROVIDER = 'amazon-bedrock';
/** Codex's Bedrock Runtime provider (0.148+): bedrock-runtime.<region>.amazonaws.com, `global.`/`us.` model ids. */
export const RUNTIME_PROVIDER = 'amazon-bedrock-runtime';
