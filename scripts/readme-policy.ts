// Rewrites README.md's IAM policy example from the generator, so the README shows exactly what `policy` prints.
// Run: npx tsx scripts/readme-policy.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { iamPolicy, policyReasons, type PolicyInput } from '../src/core/policy.js';

export const START = '<!-- policy-example:start -->';
export const END = '<!-- policy-example:end -->';

export const EXAMPLE_ARGS = ['--region', 'us-east-1', '--region', 'eu-west-1', '--model', 'openai.gpt-5.5', '--auth', 'api-key', '--account-id', '123456789012'];
export const EXAMPLE_INPUT: PolicyInput = { regions: ['us-east-1', 'eu-west-1'], models: ['openai.gpt-5.5'], bearer: true, account: '123456789012' };

/** The example: the command, the policy it prints, and one line per statement saying why. */
export function policyExample(input = EXAMPLE_INPUT, args = EXAMPLE_ARGS): string {
  const rows = policyReasons(input).map((r) => `| \`${r.sid}\` | ${r.why.replace(/\|/g, '\\|')} |`);
  return ['```', `$ npx codex-bedrock-setup policy ${args.join(' ')}`, iamPolicy(input).trimEnd(), '```', '', '| Statement | Why |', '|---|---|', ...rows].join('\n');
}

/** The README with the section between the markers replaced; throws when the markers are missing. */
export function withPolicyExample(readme: string, example = policyExample()): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}, in that order.`);
  return `${readme.slice(0, start + START.length)}\n${example}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  const before = readFileSync(path, 'utf8');
  const after = withPolicyExample(before);
  if (after !== before) writeFileSync(path, after);
  process.stdout.write(after !== before ? 'README.md policy example updated.\n' : 'README.md policy example already up to date.\n');
}
