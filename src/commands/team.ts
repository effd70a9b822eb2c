// `team managed` and `team check`: the administrator's side of a rollout.
import { join } from 'node:path';
import { managedFiles, MANAGED_DIR_UNIX, MDM_DOMAIN, REQUIREMENTS_WINDOWS, type ManagedFiles } from '../core/managedSettings.js';
import { writeFileAtomic } from '../services/files.js';
import { mark } from './common.js';
import type { TeamOptions } from '../cli/flags.js';
import { printJson, type CommandContext } from './context.js';

type TeamContext = CommandContext<TeamOptions>;
import { loadTeam } from '../flows/teamLoad.js';
import { UsageError } from '../args.js';
import { parseTeamTemplateText, renderTeamTemplate, sha256Hex, TeamTemplateError } from '../core/teamTemplate.js';
import { codexSince, compareVersions } from '../core/codexVersions.js';

const CODEX_PROFILE_FILES_SINCE = codexSince('profile-files');

export async function runTeam(ctx: TeamContext): Promise<number> {
  const { options } = ctx;
  if (options.teamCommand === 'check') return (await import('./teamCheck.js')).runTeamCheck(ctx);
  if (options.teamCommand === 'init') return runTeamInit(ctx, options.out!);
  return runTeamManaged(ctx, options.out!);
}

/** No questions: every answer is a flag, so the template can be regenerated in CI from the same line. */
async function runTeamInit(ctx: TeamContext, out: string): Promise<number> {
  const { options, services, io } = ctx;
  const codex = await services.tools.findCodex();
  // The installed Codex is the one the administrator tests with; never below what Bedrock needs.
  const installed = codex?.version?.match(/\d+\.\d+\.\d+/)?.[0];
  const min = installed && compareVersions(installed, CODEX_PROFILE_FILES_SINCE) > 0 ? installed : CODEX_PROFILE_FILES_SINCE;
  const text = renderTeamTemplate({
    startUrl: options.ssoStartUrl,
    ssoRegion: options.ssoRegion,
    accountId: options.accountId,
    roleName: options.ssoRole,
    awsProfile: options.awsProfile,
    region: options.region,
    models: options.models,
    codexProfile: options.codexProfile,
    codexMinVersion: min,
  });
  try {
    parseTeamTemplateText(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const res = await writeFileAtomic(out, text, { mode: 0o644 });
  const hash = sha256Hex(new TextEncoder().encode(text));
  io.say(`${mark(io, true)} Wrote ${res.path}${res.backupPath ? ` (backup: ${res.backupPath})` : ''}`);
  io.say(`Check it: npx codex-bedrock-setup team check --team-config ${res.path}`);
  io.say(`Publish it over HTTPS${options.url ? ` at ${options.url}` : ''}, then each developer runs:`);
  const line = `npx codex-bedrock-setup --team-config ${options.url ?? 'https://<where you publish it>'}#sha256=${hash}`;
  io.say(`  ${line}`);
  if (options.json) printJson(io, { ok: true, file: res.path, sha256: hash, developerCommand: line });
  return 0;
}

async function runTeamManaged(ctx: TeamContext, out: string): Promise<number> {
  const { options, services, io } = ctx;
  const { template, where } = await loadTeam(services, options.teamConfig!);
  let files: ManagedFiles;
  try {
    files = managedFiles(template);
  } catch (e) {
    if (e instanceof TeamTemplateError) throw new UsageError(`cannot write managed files for ${where}: ${e.message}`);
    throw e;
  }
  const written: string[] = [];
  for (const name of ['requirements.toml', 'managed_config.toml', 'codex-managed.mobileconfig'] as const) {
    const path = join(out, name);
    // Rewriting our own earlier output is the point; a hand-edited file is still kept as a backup.
    const res = await writeFileAtomic(path, files[name], { mode: 0o644 });
    written.push(res.path);
    io.say(`${mark(io, true)} Wrote ${res.path}${res.backupPath ? ` (backup: ${res.backupPath})` : ''}`);
  }
  for (const n of files.notEnforced) io.say(`${mark(io, 'warn')} Not enforceable by Codex: ${n}.`);
  io.say(`\nFrom ${where}, for Codex ${files.codexFrom} and newer (the template's codex_min_version).`);
  io.say(`Linux and macOS: deliver requirements.toml and managed_config.toml to ${MANAGED_DIR_UNIX}/ (root-owned, mode 0644).`);
  io.say(`macOS with MDM: or install codex-managed.mobileconfig (preferences ${MDM_DOMAIN}; not tested on a Mac by us).`);
  io.say(`Windows: requirements.toml goes to ${REQUIREMENTS_WINDOWS}; current Codex reads no managed_config.toml there.`);
  io.say('Codex reads them on every start; a user cannot override them. Check one machine with: codex doctor');
  if (options.json) printJson(io, { ok: true, files: written, codexFrom: files.codexFrom, deliverTo: MANAGED_DIR_UNIX, notEnforced: files.notEnforced });
  return 0;
}
