// A fix is worded for where the person reads it: inside the wizard "run npx codex-bedrock-setup" is the program
// already running, and a command without menus has no "Retry" to choose. Pure.
import type { Diagnosis } from '../types.js';

export type Where = 'wizard' | 'command';

const SUBCOMMANDS = 'setup|models|smoke|policy|doctor|regions|team|restore|uninstall';
// The wizard itself, with the flags that pre-fill it, as a fix names it ("run npx codex-bedrock-setup --region X").
// Backticks around it go too: the words that replace it are not a command to copy.
const THE_WIZARD = new RegExp(`(?:(?:re-?run|run) )?\`?npx codex-bedrock-setup(?! (?:${SUBCOMMANDS})\\b)(?: --[a-z-]+(?: (?!\\(|or\\b|and\\b)[^\\s,;()\`]+)?)*\`?`, 'gi');

export function wordFor(text: string, where: Where): string {
  if (where === 'wizard') return text.replace(THE_WIZARD, (m) => (/^[A-Z]/.test(m) ? 'Go back in this wizard (Esc)' : 'go back in this wizard (Esc)'));
  return text.replace(/\bthen choose Retry\b/g, 'then run the same command again').replace(/\bchoose Retry\b/g, 'run the same command again');
}

export function diagnosisFor(d: Diagnosis, where: Where): Diagnosis {
  return { ...d, fix: wordFor(d.fix, where), why: wordFor(d.why, where) };
}
