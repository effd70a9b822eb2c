// team init on a terminal with no answer flags: the questions, checked by the validators, a diff, then the file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runTeam, type Ask } from '../../src/commands/team.js';
import { parseTeamTemplateText, sha256Hex } from '../../src/core/teamTemplate.js';
import { captureIo } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

const root = mkdtempSync(join(tmpdir(), 'cbs-team-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Answers in order; records each question asked. */
function answering(answers: string[]): { ask: Ask; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask: async (q) => {
      asked.push(q);
      if (answers.length === 0) throw new Error(`unexpected question: ${q}`);
      return answers.shift()!;
    },
  };
}

function init(argv: string[]) {
  const env = { AWS_PROFILE: 'admin' };
  const io = captureIo();
  return { ctx: { options: parseCli(['team', 'init', ...argv], env), services: fakeServices(env), io }, io };
}

const URL = 'https://team-config.example.com/codex-team.toml';
const GOOD = ['https://my-org.awsapps.com/start', '', '123456789012', 'CodexDeveloper', 'us-east-1, eu-west-1', '', '', 'mine', URL, 'y'];

describe('team init, interactive', () => {
  it('asks, shows the file as a diff, writes it and prints the pinned line', async () => {
    const out = join(root, 'a.toml');
    const { ctx, io } = init(['--out', out]);
    const { ask, asked } = answering([...GOOD]);
    expect(await runTeam(ctx, ask)).toBe(0);
    expect(asked).toHaveLength(GOOD.length);
    expect(asked[1]).toBe('Identity Center region [us-east-1]: ');
    const text = readFileSync(out, 'utf8');
    expect(parseTeamTemplateText(text)).toMatchObject({
      sso: { startUrl: 'https://my-org.awsapps.com/start', region: 'us-east-1', accountId: '123456789012', roleName: 'CodexDeveloper' },
      region: 'us-east-1',
      allowedRegions: ['us-east-1', 'eu-west-1'],
      allowedModels: ['openai.gpt-5.5'],
      awsProfile: 'codex-bedrock',
      profiles: [{ name: 'mine', model: 'openai.gpt-5.5' }],
    });
    expect(io.lines).toContainEqual(expect.stringMatching(/^\+allowed_regions = \["us-east-1", "eu-west-1"\]$/m));
    expect(io.lines).toContain(`  npx codex-bedrock-setup --team-config ${URL}#sha256=${sha256Hex(new TextEncoder().encode(text))}`);
  });

  it('asks again, with the validator\'s words, when an answer is not valid', async () => {
    const out = join(root, 'b.toml');
    const { ctx, io } = init(['--out', out]);
    const answers = [...GOOD];
    answers.splice(2, 1, '12345', '123456789012');
    answers.splice(5, 1, 'us east', 'us-east-1, eu-west-1');
    const { ask, asked } = answering(answers);
    expect(await runTeam(ctx, ask)).toBe(0);
    expect(asked.filter((q) => q.startsWith('AWS account id'))).toHaveLength(2);
    expect(io.lines.some((l) => /12-digit|12 digits/.test(l))).toBe(true);
    expect(asked.filter((q) => q.startsWith('Bedrock regions'))).toHaveLength(2);
  });

  it('declined: nothing written, the earlier file intact; accepted over it: a backup', async () => {
    const out = join(root, 'c.toml');
    writeFileSync(out, '# mine\n');
    const { ctx, io } = init(['--out', out]);
    expect(await runTeam(ctx, answering([...GOOD.slice(0, -1), 'n']).ask)).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('# mine\n');
    expect(io.lines).toContain('Nothing written.');
    expect(io.lines).toContainEqual(expect.stringMatching(/^-# mine$/m));
    const again = init(['--out', out]);
    expect(await runTeam(again.ctx, answering([...GOOD]).ask)).toBe(0);
    expect(readdirSync(root).filter((f) => f.startsWith('c.toml') && f !== 'c.toml').length).toBeGreaterThan(0);
  });

  it('with any answer flag, or with no terminal, asks nothing', async () => {
    const out = join(root, 'd.toml');
    const { ctx } = init(['--out', out, '--region', 'us-west-2']);
    expect(await runTeam(ctx, answering([]).ask)).toBe(0);
    expect(parseTeamTemplateText(readFileSync(out, 'utf8')).region).toBe('us-west-2');
    const bare = init(['--out', join(root, 'e.toml')]);
    expect(await runTeam(bare.ctx, null)).toBe(0);
  });
});
