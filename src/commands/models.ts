import { mergeAvailability, rankingSource } from '../core/models.js';
import { CODEX_UPDATE_COMMAND } from '../core/codexVersions.js';
import { REGIONS } from '../core/regions.js';
import type { RegionModels } from '../types.js';
import { diagnosisOf, mark, resolveAuth, resolveRegion } from './common.js';
import type { ModelsOptions } from '../cli/flags.js';
import { printJson, type CommandContext } from './context.js';

/** Availability per region, every region queried concurrently. */
export async function runModels(ctx: CommandContext<ModelsOptions>): Promise<number> {
  const { options, services, io } = ctx;
  const resolved = resolveAuth(options, services.env);
  const regions = options.allRegions ? REGIONS.filter((r) => r.validated).map((r) => r.id) : [resolveRegion(options, services.env)];
  const codexModelsP = services.tools.codexModels();
  const results = await Promise.all(regions.map((region) => regionModels(ctx, resolved.auth, region, codexModelsP)));
  const ok = results.some((r) => r.reachable);
  const codexKnown = await codexModelsP;
  const ranking = rankingSource(codexKnown);
  if (options.json) {
    printJson(io, { ok, ranking, regions: results });
  } else {
    for (const r of results) {
      if (!r.reachable) {
        io.say(`${mark(io, false)} ${r.region}: ${r.error}`);
        continue;
      }
      io.say(`${mark(io, r.models.length ? true : 'warn')} ${r.region}: ${r.models.length ? `${r.models.length} model${r.models.length === 1 ? '' : 's'}` : 'no model Codex can use'}`);
      for (const m of r.models) {
        const notes = m.surface === '/v1'
          ? ['open-weight: not for the built-in amazon-bedrock provider, which posts to /openai/v1']
          : [m.knownToCodex === false ? 'Codex lacks metadata (runs with fallback)' : ''].filter(Boolean);
        io.say(`    ${m.id.padEnd(28)} ${m.surface.padEnd(11)} ${notes.join('; ')}`.trimEnd());
      }
    }
    if (ranking.source === 'fallback')
      io.say(`${mark(io, 'warn')} Codex CLI not found: ranked by a fallback catalogue (Codex ${ranking.codexVersion}'s), not by the Codex you will run. Install Codex first: ${CODEX_UPDATE_COMMAND}`);
  }
  return ok ? 0 : 1;
}

async function regionModels(
  ctx: CommandContext<ModelsOptions>,
  auth: Parameters<CommandContext['services']['aws']['listMantleModels']>[0],
  region: string,
  codexModelsP: Promise<string[] | null>,
): Promise<RegionModels> {
  const { aws } = ctx.services;
  // The control plane is optional (api keys cannot call it; some policies deny it).
  const [mantle, control] = await Promise.all([
    aws.listMantleModels(auth, region).catch((e: unknown) => e as Error),
    auth.kind === 'api-key' ? Promise.resolve(null) : aws.listFoundationModels(auth, region).catch(() => null),
  ]);
  if (mantle instanceof Error) {
    const d = diagnosisOf(mantle, { region });
    return { region, reachable: false, error: `${d.title}. ${d.fix}`, diagnosis: d.id, models: [] } as RegionModels;
  }
  return { region, reachable: true, models: mergeAvailability(mantle, control, await codexModelsP) };
}

