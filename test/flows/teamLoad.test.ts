// The wizard's team planning reads config.toml beside the config service's own read: it must be as safe.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTeamPlanning } from '../../src/flows/teamLoad.js';
import { parseTeamTemplateText } from '../../src/core/teamTemplate.js';
import { fakeServices } from '../helpers/services.js';

const TEAM = parseTeamTemplateText('[otel]\nexporter = "otlp-http"\nendpoint = "https://otel.example.com"\n');
const CHOICES = { region: 'us-east-1', auth: { method: 'profile', profile: 'dev' }, profiles: [{ name: 'bedrock-prod', model: 'openai.gpt-5.5' }] } as never;

async function servicesIn(dir: string) {
  const services = fakeServices();
  // A plan that leaves config.toml alone, so the template's [otel] must start from the file on disk.
  const config = { ...services.config, codexHome: dir, planCodexConfig: async () => ({ changes: [], notes: [] }) as never };
  return withTeamPlanning({ ...services, config }, TEAM);
}

describe('withTeamPlanning', () => {
  it("adds [otel] to config.toml's current text, keeping what was there", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-team-'));
    await writeFile(join(dir, 'config.toml'), '# mine\nmodel = "x"\n');
    const plan = await (await servicesIn(dir)).config.planCodexConfig(CHOICES);
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]!.after.startsWith('# mine\nmodel = "x"\n')).toBe(true);
    expect(plan.changes[0]!.after).toContain('[otel]');
    expect(await readFile(join(dir, 'config.toml'), 'utf8')).toBe('# mine\nmodel = "x"\n');
  });

  it('refuses a config.toml that is a named pipe at once instead of waiting on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-team-'));
    execFileSync('mkfifo', [join(dir, 'config.toml')]);
    await expect((await servicesIn(dir)).config.planCodexConfig(CHOICES)).rejects.toThrow(/named pipe \(FIFO\), not a file/);
  });
});
