import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/args.js';
import { COMMANDS, RUNNABLE, specOf, TEAM } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';

describe('parseCli', () => {
  it('opens the wizard with no arguments and turns --yes into setup', () => {
    expect(parseCli([]).command).toBe('wizard');
    expect(parseCli(['--yes', '--region', 'us-west-2']).command).toBe('setup');
    expect(parseCli(['--yes', '--region', 'us-west-2']).region).toBe('us-west-2');
  });

  it('reads commands and repeatable --model', () => {
    const o = parseCli(['policy', '--model', 'openai.gpt-6-luna', '--model', 'openai.gpt-5.5', '--account-id', '123456789012']);
    expect(o.command).toBe('policy');
    expect(o.models).toEqual(['openai.gpt-6-luna', 'openai.gpt-5.5']);
  });

  it('policy keeps every --region and takes the provider and API-key flags', () => {
    const o = parseCli(['policy', '--region', 'us-east-1', '--region', 'US-GOV-WEST-1', '--provider', 'runtime', '--model', 'global.openai.gpt-5.5', '--auth', 'api-key', '--api-key-type', 'long-term']);
    expect(o).toMatchObject({ regions: ['us-east-1', 'us-gov-west-1'], region: 'us-east-1', provider: 'runtime', models: ['global.openai.gpt-5.5'], apiKeyType: 'long-term' });
    expect(() => parseCli(['models', '--region', 'us-east-1', '--region', 'us-west-2'])).toThrow(/--region is given 2 times; only policy and regions take several/);
    expect(() => parseCli(['policy', '--model', 'global.openai.gpt-5.5'])).toThrow(/Bedrock Runtime id/);
    expect(() => parseCli(['policy', '--api-key-type', 'forever'])).toThrow(/--api-key-type must be one of short-term, long-term/);
  });

  it('rejects unknown commands, options and auth methods with usage errors', () => {
    expect(() => parseCli(['deploy'])).toThrow(/Unknown command "deploy"/);
    expect(() => parseCli(['--frobnicate'])).toThrow(/Unknown flag --frobnicate for the wizard/);
    expect(() => parseCli(['--auth', 'magic'])).toThrow(/--auth must be one of sso, profile, api-key, env/);
    expect(() => parseCli(['models', 'extra'])).toThrow(UsageError);
  });

  it('rejects empty, oversized and control-character values', () => {
    expect(() => parseCli(['--region', ''])).toThrow(/--region is empty/);
    expect(() => parseCli(['--aws-profile', 'x'.repeat(10_000)])).toThrow(/too long/);
    expect(() => parseCli(['--aws-profile', 'a\nb'])).toThrow(/control characters/);
    expect(() => parseCli(['--region'])).toThrow(/--region needs a value/);
  });

  it('respects NO_COLOR and --no-color', () => {
    expect(parseCli([], {}).color).toBe(true);
    expect(parseCli([], { NO_COLOR: '1' }).color).toBe(false);
    expect(parseCli(['--no-color'], {}).color).toBe(false);
  });

  it('has help for every command', () => {
    expect(parseCli(['doctor', '--help'])).toMatchObject({ command: 'doctor', help: true });
    expect(parseCli(['help', 'smoke'])).toMatchObject({ command: 'smoke', help: true });
    expect(parseCli(['help', 'team', 'check'])).toMatchObject({ command: 'team', teamCommand: 'check', help: true });
    for (const spec of [...RUNNABLE, TEAM]) expect(helpText(spec).length).toBeGreaterThan(100);
    expect(helpText(specOf(parseCli(['help', 'regions'])))).toBe(helpText(COMMANDS.regions));
  });
});
