// models through the seam: which regions are asked, what --json says, and the exit code for each outcome.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runModels } from '../../src/commands/models.js';
import { runInContext } from '../../src/commands/run.js';
import { REGIONS } from '../../src/core/regions.js';
import { ServiceError } from '../../src/services/errors.js';
import { captureIo, captureStderr } from '../helpers/io.js';
import { fakeServices, MANTLE_HERE } from '../helpers/services.js';

type ModelsDoc = { ok: boolean; ranking: { source: string }; regions: { region: string; reachable: boolean; diagnosis?: string; models: { id: string }[] }[] };

function models(argv: string[], env: NodeJS.ProcessEnv = { AWS_REGION: 'us-east-1' }) {
  const services = fakeServices(env);
  const io = captureIo();
  return { ctx: { options: parseCli(['models', ...argv], env), services, io }, services, io };
}

describe('runModels', () => {
  it('--json lists the region --region names, every model Mantle serves there, ranked by the installed Codex', async () => {
    const { ctx, io, services } = models(['--json', '--region', 'us-east-1']);
    expect(await runModels(ctx)).toBe(0);
    const doc = io.json<ModelsDoc>();
    expect(doc.ok).toBe(true);
    expect(doc.ranking.source).toBe('codex');
    expect(doc.regions.map((r) => r.region)).toEqual(['us-east-1']);
    expect(doc.regions[0]!.models.map((m) => m.id).sort()).toEqual([...MANTLE_HERE].sort());
    expect(services.calls.listMantleModels).toEqual(['us-east-1']);
    expect(io.lines).toEqual([]);
  });

  it('--all-regions asks every region Codex accepts, at once', async () => {
    const { ctx, io, services } = models(['--all-regions', '--json']);
    expect(await runModels(ctx)).toBe(0);
    const validated = REGIONS.filter((r) => r.validated).map((r) => r.id);
    expect(validated.length).toBeGreaterThan(1);
    expect([...services.calls.listMantleModels].sort()).toEqual([...validated].sort());
    expect(io.json<ModelsDoc>().regions.map((r) => r.region)).toEqual(validated);
  });

  it('an API key skips the control plane, which it cannot call', async () => {
    const { ctx, services } = models(['--auth', 'api-key', '--json'], { AWS_REGION: 'us-west-2', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-x' });
    expect(await runModels(ctx)).toBe(0);
    expect(services.calls.listMantleModels).toEqual(['us-west-2']);
    expect(services.calls.listFoundationModels).toEqual([]);
  });

  it('exits 1 when no region answers, with the diagnosis in the document', async () => {
    const { ctx, io, services } = models(['--json']);
    services.aws.listMantleModels = async (_a, region) => {
      throw new ServiceError({ kind: 'http', status: 403, errorType: 'AccessDeniedException', message: 'not authorized to perform bedrock-mantle:ListModels', service: 'bedrock-mantle', region });
    };
    expect(await runModels(ctx)).toBe(1);
    const doc = io.json<ModelsDoc>();
    expect(doc.ok).toBe(false);
    expect(doc.regions[0]).toMatchObject({ region: 'us-east-1', reachable: false, models: [] });
    expect(doc.regions[0]!.diagnosis).toEqual(expect.any(String));
  });

  it('without Codex, says the ranking is a fallback and how to install Codex', async () => {
    const { ctx, io, services } = models([]);
    services.tools.codexModels = async () => null;
    expect(await runModels(ctx)).toBe(0);
    expect(io.lines.at(-1)).toMatch(/Codex CLI not found: ranked by a fallback catalogue/);
  });

  it('--auth api-key without a key is bad usage: exit 2, the usage document on stdout', async () => {
    const { ctx, io, services } = models(['--auth', 'api-key', '--json']);
    const stderr = captureStderr();
    expect(await runInContext(ctx, stderr)).toBe(2);
    expect(io.json()).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringMatching(/AWS_BEARER_TOKEN_BEDROCK, which is not set/) } });
    expect(services.calls.listMantleModels).toEqual([]);
  });
});
