import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runModels } from '../../src/commands/models.js';
import { FALLBACK_CATALOGUE } from '../../src/core/codexCatalogue.fallback.js';
import { fakeServices } from '../helpers/services.js';

async function models(argv: string[], codex: string[] | null) {
  const services = fakeServices({ AWS_REGION: 'us-east-1' });
  services.tools.codexModels = async () => codex;
  services.aws.listMantleModels = async () => ['openai.gpt-oss-120b', 'openai.gpt-5.5', 'openai.gpt-6.2-sol', 'openai.gpt-6-luna'];
  let out = '';
  const lines: string[] = [];
  const code = await runModels({ options: parseCli(['models', ...argv]), services, io: { say: (l) => lines.push(l), out: (t) => (out += t), color: false } });
  return { code, lines, out };
}

describe('models', () => {
  it('without Codex: ranks by the fallback catalogue, says so, and recommends installing Codex first', async () => {
    const { code, lines } = await models([], null);
    expect(code).toBe(0);
    const ids = lines.filter((l) => l.startsWith('    ')).map((l) => l.trim().split(/\s+/)[0]);
    // Codex 0.171's order (the fallback at the time of writing): gpt-6.2-sol > gpt-6-luna > gpt-5.5; open-weight last.
    expect(ids).toEqual(['openai.gpt-6.2-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5', 'openai.gpt-oss-120b']);
    expect(lines.at(-1)).toContain(`Codex CLI not found: ranked by a fallback catalogue (Codex ${FALLBACK_CATALOGUE.codexVersion}'s)`);
    expect(lines.at(-1)).toMatch(/Install Codex first: npm i -g @openai\/codex@latest/);
  });

  it('shows which surface serves each model; open-weight ones are marked unusable for the built-in provider', async () => {
    const { lines } = await models([], ['openai.gpt-5.5', 'openai.gpt-6-luna']);
    expect(lines.find((l) => l.includes('openai.gpt-5.5'))).toMatch(/openai\.gpt-5\.5\s+\/openai\/v1$/);
    expect(lines.find((l) => l.includes('openai.gpt-6.2-sol'))).toMatch(/\/openai\/v1\s+Codex lacks metadata/);
    expect(lines.find((l) => l.includes('gpt-oss'))).toMatch(/openai\.gpt-oss-120b\s+\/v1\s+open-weight: not for the built-in amazon-bedrock provider, which posts to \/openai\/v1/);
    expect(lines.join('\n')).not.toContain('fallback catalogue');
  });

  it('--json carries the surface per model and where the ranking came from', async () => {
    const doc = JSON.parse((await models(['--json'], null)).out) as { ranking: unknown; regions: { models: { id: string; surface: string; available: boolean }[] }[] };
    expect(doc.ranking).toEqual({ source: 'fallback', codexVersion: FALLBACK_CATALOGUE.codexVersion });
    expect(doc.regions[0]!.models.find((m) => m.id === 'openai.gpt-oss-120b')).toMatchObject({ surface: '/v1', available: false });
    expect(doc.regions[0]!.models[0]).toMatchObject({ id: 'openai.gpt-6.2-sol', surface: '/openai/v1', available: true });
  });
});
