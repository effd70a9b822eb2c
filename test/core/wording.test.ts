import { describe, expect, it } from 'vitest';
import { CATALOGUE, explain } from '../../src/core/diagnosis.js';
import { diagnosisFor, wordFor } from '../../src/core/wording.js';

const params = { profile: 'corp', region: 'us-east-1', model: 'openai.gpt-5.5', codexProfile: 'bedrock-prod' };

describe('fixes worded for where they are read', () => {
  it('inside the wizard, no fix tells the person to start the wizard they are in; subcommands stay', () => {
    for (const e of CATALOGUE) {
      const d = diagnosisFor(explain(e.id, params), 'wizard');
      expect(d.fix, e.id).not.toMatch(/npx codex-bedrock-setup(?! (setup|models|smoke|policy|doctor|regions|team|restore|uninstall)\b)/);
    }
    expect(wordFor('Run npx codex-bedrock-setup --region us-west-2 (writes aws.region), or export AWS_REGION', 'wizard')).toBe(
      'Go back in this wizard (Esc) (writes aws.region), or export AWS_REGION',
    );
    // A command in backticks is replaced with its backticks: no words in code quotes.
    expect(wordFor('unset AWS_PROFILE, or run `npx codex-bedrock-setup` to point Codex at an existing one', 'wizard')).toBe(
      'unset AWS_PROFILE, or go back in this wizard (Esc) to point Codex at an existing one',
    );
    expect(wordFor('npx codex-bedrock-setup models --all-regions shows where', 'wizard')).toBe('npx codex-bedrock-setup models --all-regions shows where');
  });

  it('in a command, no fix says to choose Retry, which only the wizard has', () => {
    for (const e of CATALOGUE) expect(diagnosisFor(explain(e.id, params), 'command').fix, e.id).not.toMatch(/choose Retry/);
    expect(wordFor('Check the start URL, then choose Retry; or run it yourself', 'command')).toBe('Check the start URL, then run the same command again; or run it yourself');
  });
});
