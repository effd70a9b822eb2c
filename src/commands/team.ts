// `team managed` and `team check`: the administrator's side of a rollout.
import { join } from 'node:path';
import { managedFiles, MANAGED_DIR_UNIX } from '../core/managedSettings.js';
import { writeFileAtomic } from '../services/files.js';
import { mark } from './common.js';
import { printJson, type CommandContext } from './context.js';
import { loadTeam } from './teamLoad.js';

export async function runTeam(ctx: CommandContext): Promise<number> {
  const { options } = ctx;
  if (options.teamCommand === 'check') return (await import('./teamCheck.js')).runTeamCheck(ctx);
  return runTeamManaged(ctx, options.out!);
}

async function runTeamManaged(ctx: CommandContext, out: string): Promise<number> {
  const { options, services, io } = ctx;
  const { template, where } = await loadTeam(services, options.teamConfig!);
  const files = managedFiles(template);
  const written: string[] = [];
  for (const name of ['requirements.toml', 'managed_config.toml'] as const) {
    const path = join(out, name);
    // Rewriting our own earlier output is the point; a hand-edited file is still kept as a backup.
    const res = await writeFileAtomic(path, files[name], { mode: 0o644 });
    written.push(res.path);
    io.say(`${mark(io, true)} Wrote ${res.path}${res.backupPath ? ` (backup: ${res.backupPath})` : ''}`);
  }
  for (const n of files.notEnforced) io.say(`${mark(io, 'warn')} Not enforceable by Codex: ${n}.`);
  io.say(`\nFrom ${where}. Deliver both files to ${MANAGED_DIR_UNIX}/ on each machine (Linux and macOS; root-owned, mode 0644).`);
  io.say('Codex reads them on every start; a user cannot override them. Check one machine with: codex doctor');
  if (options.json) printJson(io, { ok: true, files: written, deliverTo: MANAGED_DIR_UNIX, notEnforced: files.notEnforced });
  return 0;
}
