// `team managed` and `team check`: the administrator's side of a rollout.
import { join } from 'node:path';
import { managedFiles, MANAGED_DIR_UNIX, MDM_DOMAIN, REQUIREMENTS_WINDOWS, type ManagedFiles } from '../core/managedSettings.js';
import { mark } from './common.js';
import type { TeamOptions } from '../cli/flags.js';
import { printJson, type CommandContext, type Io } from './context.js';
import { createInterface } from 'node:readline/promises';
import { readTextFile, writeFileAtomic } from '../services/files.js';
import { unifiedDiff } from '../core/diff.js';
import { parseRegion } from '../core/regions.js';
import { validateAccountId, validateAwsProfileName, validateCodexProfileName, validateModelId, validateSsoRoleName, validateSsoStartUrl } from '../core/validate.js';

type TeamContext = CommandContext<TeamOptions>;
import { loadTeam } from '../flows/teamLoad.js';
import { UsageError } from '../args.js';
import { parseTeamTemplateText, renderTeamTemplate, sha256Hex, TeamTemplateError, type TeamTemplateDraft } from '../core/teamTemplate.js';
import { codexSince, compareVersions } from '../core/codexVersions.js';

const CODEX_PROFILE_FILES_SINCE = codexSince('profile-files');

/** One question on the terminal; resolves to the answer as typed (the default is the caller's business). */
export type Ask = (question: string) => Promise<string>;

export async function runTeam(ctx: TeamContext, ask: Ask | null = terminalAsk()): Promise<number> {
  const { options } = ctx;
  if (options.teamCommand === 'check') return (await import('./teamCheck.js')).runTeamCheck(ctx);
  if (options.teamCommand === 'init') return runTeamInit(ctx, options.out!, ask);
  return runTeamManaged(ctx, options.out!);
}

/** The answer flags of team init: with any of them (or off a terminal, or --json) no question is asked. */
const INIT_ANSWERS = ['url', 'ssoStartUrl', 'ssoRegion', 'accountId', 'ssoRole', 'awsProfile', 'region', 'codexProfile'] as const;

/** Flags alone (so CI can regenerate the template from the same line), or, on a terminal with none, questions. */
async function runTeamInit(ctx: TeamContext, out: string, ask: Ask | null): Promise<number> {
  const { options, services, io } = ctx;
  const codex = await services.tools.findCodex();
  // The installed Codex is the one the administrator tests with; never below what Bedrock needs.
  const installed = codex?.version?.match(/\d+\.\d+\.\d+/)?.[0];
  const min = installed && compareVersions(installed, CODEX_PROFILE_FILES_SINCE) > 0 ? installed : CODEX_PROFILE_FILES_SINCE;
  const interactive = ask && !options.json && INIT_ANSWERS.every((k) => options[k] === undefined) && (options.models ?? []).length === 0;
  const answers: InitAnswers = interactive
    ? await askInit(ask, io)
    : {
        startUrl: options.ssoStartUrl,
        ssoRegion: options.ssoRegion,
        accountId: options.accountId,
        roleName: options.ssoRole,
        awsProfile: options.awsProfile,
        region: options.region,
        models: options.models ?? [],
        codexProfile: options.codexProfile,
        url: options.url,
      };
  const text = renderTeamTemplate({ ...answers, codexMinVersion: min });
  try {
    parseTeamTemplateText(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (interactive) {
    const before = await readTextFile(out);
    const diff = unifiedDiff(out, before.exists ? before.text : null, text);
    if (!diff) io.say(`${out} already says exactly this.`);
    else io.say(diff.trimEnd());
    if (diff && !/^(|y|yes)$/i.test((await ask(`Write ${out}? [Y/n] `)).trim())) {
      io.say('Nothing written.');
      return 1;
    }
  }
  const res = await writeFileAtomic(out, text, { mode: 0o644 });
  const hash = sha256Hex(new TextEncoder().encode(text));
  io.say(`${mark(io, true)} Wrote ${res.path}${res.backupPath ? ` (backup: ${res.backupPath})` : ''}`);
  io.say(`Check it: npx codex-bedrock-setup team check --team-config ${res.path}`);
  io.say(`Publish it over HTTPS${answers.url ? ` at ${answers.url}` : ''}, then each developer runs:`);
  const line = `npx codex-bedrock-setup --team-config ${answers.url ?? 'https://<where you publish it>'}#sha256=${hash}`;
  io.say(`  ${line}`);
  if (options.json) printJson(io, { ok: true, file: res.path, sha256: hash, developerCommand: line });
  return 0;
}

type InitAnswers = Omit<TeamTemplateDraft, 'codexMinVersion'> & { url?: string };

/** The few questions, each checked by the validator setup uses for the same value; Enter takes the default. */
async function askInit(ask: Ask, io: Io): Promise<InitAnswers> {
  const q = async <T>(question: string, def: string | undefined, check: (s: string) => { ok: true; value: T } | { ok: false; message: string }): Promise<T | undefined> => {
    for (let tries = 0; tries < 5; tries++) {
      const raw = (await ask(`${question}${def ? ` [${def}]` : ''}: `)).trim() || def || '';
      if (raw === '') return undefined;
      const r = check(raw);
      if (r.ok) return r.value;
      io.say(`  ${r.message}`);
    }
    throw new UsageError(`no valid answer to "${question}" after 5 tries`);
  };
  const list = <T>(check: (s: string) => { ok: true; value: T } | { ok: false; message: string }) => (s: string) => {
    const items = s.split(/[\s,]+/).filter(Boolean).map(check);
    const bad = items.find((r) => !r.ok);
    return bad && !bad.ok ? bad : { ok: true as const, value: items.map((r) => (r as { value: T }).value) };
  };
  const region = (s: string) => {
    const r = parseRegion(s);
    return r.ok ? { ok: true as const, value: r.region } : r;
  };
  io.say('A team template pins sign-in, regions and models for every developer. Enter keeps the [default]; an empty answer leaves a value out.');
  const startUrl = await q("Your IAM Identity Center start URL (empty: developers bring their own AWS profile)", undefined, validateSsoStartUrl);
  const sso = startUrl
    ? {
        ssoRegion: await q('Identity Center region', 'us-east-1', region),
        accountId: await q('AWS account id developers sign in to', undefined, validateAccountId),
        roleName: await q('Permission set (role) name', undefined, validateSsoRoleName),
      }
    : {};
  const regions = (await q('Bedrock regions developers may use (comma-separated; the first is the default)', 'us-east-1', list(region))) ?? [];
  const models = (await q('Models developers may use (comma-separated; the first is the default)', 'openai.gpt-5.5', list(validateModelId))) ?? [];
  const awsProfile = await q('AWS profile name developers get', 'codex-bedrock', validateAwsProfileName);
  const codexProfile = await q('Codex profile name developers get', 'bedrock-prod', validateCodexProfileName);
  const url = await q('Where you will publish it (https:// URL)', undefined, (s) =>
    /^https:\/\/[^\s"'<>#]+$/.test(s) ? { ok: true as const, value: s } : { ok: false as const, message: 'Give the https:// address the file will be served from, e.g. https://example.com/codex-team.toml.' },
  );
  return { startUrl, ...sso, awsProfile, region: regions[0], allowedRegions: regions.length ? regions : undefined, models, codexProfile, url };
}

/** Plain readline on a real terminal; null elsewhere (pipes and CI keep the flags-only behaviour). */
function terminalAsk(): Ask | null {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
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
