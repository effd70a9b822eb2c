import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/args.js';
import { COMMANDS } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';

describe('doctor --fix on the command line', () => {
  it('takes --fix and --yes, and only on doctor does --fix mean anything', () => {
    expect(parseCli(['doctor', '--fix', '--yes'])).toMatchObject({ command: 'doctor', fix: true, yes: true });
    expect(parseCli(['doctor'])).toMatchObject({ fix: false, yes: false });
    expect(() => parseCli(['models', '--fix'])).toThrow(UsageError);
  });

  it('says in --help what --fix edits and what happens without a terminal', () => {
    const help = helpText(COMMANDS.doctor, 120).replace(/\s+/g, ' ');
    expect(help).toContain('codex-bedrock-setup doctor --fix [--yes]');
    expect(help).toMatch(/--fix .*diff first, then a question, a backup, an atomic write/);
    expect(help).toMatch(/Without a terminal and without --yes it shows the diff, changes nothing and exits 2/);
  });
});

describe('doctor --fix: how to sign in again', () => {
  it('takes --device-code or --browser, not both', () => {
    expect(parseCli(['doctor', '--fix', '--device-code'])).toMatchObject({ deviceCode: true });
    expect(parseCli(['doctor', '--fix', '--browser'])).toMatchObject({ browser: true });
    expect(() => parseCli(['doctor', '--fix', '--browser', '--device-code'])).toThrow(UsageError);
  });
});
