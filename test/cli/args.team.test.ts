import { describe, expect, it } from 'vitest';
import { HELP, parseCli } from '../../src/args.js';

describe('team subcommands', () => {
  it('parses team managed and team check with their flags', () => {
    expect(parseCli(['team', 'managed', '--team-config', 't.toml', '--out', 'dist/mdm'])).toMatchObject({ command: 'team', teamCommand: 'managed', teamConfig: 't.toml', out: 'dist/mdm' });
    expect(parseCli(['team', 'check', '--team-config', 't.toml', '--json'])).toMatchObject({ command: 'team', teamCommand: 'check', json: true });
  });

  it('refuses a missing subcommand, template or output directory, and still checks other flags', () => {
    expect(() => parseCli(['team'])).toThrow(/team needs a subcommand: init, managed, check/);
    expect(() => parseCli(['team', 'deploy'])).toThrow(/team needs a subcommand/);
    expect(() => parseCli(['team', 'check'])).toThrow(/needs --team-config/);
    expect(() => parseCli(['team', 'managed', '--team-config', 't.toml'])).toThrow(/needs --out DIR/);
    expect(() => parseCli(['team', 'init'])).toThrow(/team init needs --out FILE/);
    expect(() => parseCli(['team', 'init', '--out', 't.toml', '--url', 'http://x/t.toml'])).toThrow(/--url must be the https/);
    expect(() => parseCli(['team', 'check', '--team-config', 't.toml', '--region', 'us east'])).toThrow(/--region/);
  });

  it('says in --help why a URL needs its pin', () => {
    expect(HELP.wizard).toMatch(/A URL without #sha256= is\s+refused/);
    expect(HELP.team).toMatch(/team managed --out DIR/);
  });
});
