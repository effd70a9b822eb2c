// setup --dry-run writes nothing, so it must not hand out "Next: codex --profile …" as if it had: it says what a
// real run would do and the command that does it.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runSetup } from '../../src/commands/setup.js';
import { captureIo } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

function setup(argv: string[], env: NodeJS.ProcessEnv = { AWS_PROFILE: 'dev' }) {
  const services = fakeServices(env);
  const io = captureIo();
  return { ctx: { options: parseCli(argv, env), services, io }, services, io };
}

describe('setup --dry-run', () => {
  it('says what a real run would write and the command to apply it, and no "Next: codex"', async () => {
    const { ctx, io, services } = setup(['setup', '--dry-run', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'dev', '--prompt', 'say hi']);
    expect(await runSetup(ctx)).toBe(0);
    const text = io.lines.join('\n');
    expect(services.calls.applyPlan).toEqual([]);
    expect(text).toContain('Dry run: nothing written.');
    expect(text).not.toMatch(/Next:/);
    expect(text).not.toMatch(/codex --profile/);
    expect(text).toMatch(/A real run would write .*config\.toml.*then run the smoke test/);
    expect(text).toContain("To apply: npx codex-bedrock-setup setup --yes --region us-east-1 --auth profile --aws-profile dev --prompt 'say hi'");
  });

  it('keeps --demo and --skip-smoke-test in the command to apply, and --json names it', async () => {
    const { ctx, io } = setup(['--demo', 'setup', '--dry-run', '--skip-smoke-test', '--json']);
    expect(await runSetup(ctx)).toBe(0);
    const doc = io.json<{ next: string[]; apply: string }>();
    expect(doc.next).toEqual([]);
    expect(doc.apply).toBe('npx codex-bedrock-setup --demo setup --yes --skip-smoke-test');
    expect(io.lines.join('\n')).not.toMatch(/smoke test/);
  });
});
