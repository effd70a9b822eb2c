// `uninstall`: every file codex-bedrock-setup wrote, back to how it was before its first write.
import type { UninstallOptions } from '../cli/flags.js';
import { planUninstall } from '../core/uninstallPlan.js';
import { currentFiles, readManifest } from '../services/manifest.js';
import type { CommandContext } from './context.js';
import { carryOut } from './restore.js';

export async function runUninstall(ctx: CommandContext<UninstallOptions>): Promise<number> {
  const codexHome = ctx.services.config.codexHome;
  const manifest = await readManifest(codexHome);
  const now = await currentFiles(codexHome, manifest);
  if (!manifest.runs.length) ctx.io.say('codex-bedrock-setup has not written anything with this Codex home (no runs in its manifest).');
  return carryOut(ctx, planUninstall(manifest, now), now, { command: 'uninstall', again: 'codex-bedrock-setup uninstall', forceHint: false });
}
