// The command line's public face: commands and the wizard import the options type and UsageError from here.
export { defaultOptions, printable, UsageError, type CliOptions, type CommandName, type TeamCommand } from './cli/options.js';
export { parseCli } from './cli/parse.js';

/** Said by the CLI and by runWizard alike when there is no terminal to draw on. */
export const NOT_A_TTY_MESSAGE = [
  'codex-bedrock-setup: the wizard needs an interactive terminal, and this is not one (piped or CI).',
  'Run it non-interactively instead, for example:',
  '  npx codex-bedrock-setup --yes --region us-east-1 --auth profile --aws-profile my-profile',
  'See all flags: npx codex-bedrock-setup setup --help',
  '',
].join('\n');
