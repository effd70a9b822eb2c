import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { TEAM, WIZARD } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';

describe('team subcommands', () => {
  it('parses team managed and team check with their flags', () => {
    expect(parseCli(['team', 'managed', '--team-config', 't.toml', '--out', 'dist/mdm'])).toMatchObject({ command: 'team', teamCommand: 'managed', teamConfig: 't.toml', out: 'dist/mdm' });
    expect(parseCli(['team', 'check', '--team-config', 't.toml', '--json'])).toMatchObject({ command: 'team', teamCommand: 'check', json: true });
  });

  it('refuses a missing subcommand, template or output directory, and still checks other flags', () => {
    expect(() => parseCli(['team'])).toThrow(/team needs a subcommand: init, managed, check/);
    expect(() => parseCli(['team', 'deploy'])).toThrow(/Unknown team subcommand "deploy". Subcommands: init, managed, check/);
    expect(() => parseCli(['team', 'check'])).toThrow(/needs --team-config/);
    expect(() => parseCli(['team', 'managed', '--team-config', 't.toml'])).toThrow(/needs --out DIR/);
    expect(() => parseCli(['team', 'init'])).toThrow(/team init needs --out FILE/);
    expect(() => parseCli(['team', 'init', '--out', 't.toml', '--url', 'http://x/t.toml'])).toThrow(/--url must be the https/);
    expect(() => parseCli(['team', 'init', '--out', 't.toml', '--region', 'us east'])).toThrow(/--region: .*not a well-formed AWS region id/);
    expect(() => parseCli(['team', 'check', '--team-config', 't.toml', '--region', 'us-east-1'])).toThrow(/team check does not take --region/);
  });

  it('says in --help why a URL needs its pin', () => {
    expect(helpText(WIZARD)).toMatch(/A URL without #sha256= is\s+refused/);
    expect(helpText(TEAM)).toMatch(/team managed --team-config SRC --out DIR/);
  });
});
