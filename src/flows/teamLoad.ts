// --team-config for setup and the wizard: load (pinned), check the installed Codex, apply the template's limits.
import { join } from 'node:path';
import { UsageError, type CliOptions } from '../args.js';
import { codexOtelTable, codexTooOld, outsideTemplate, TeamTemplateError, type TeamTemplate } from '../core/teamTemplate.js';
import { setKey, type TomlValue } from '../core/tomlEdit.js';
import { unifiedDiff } from '../core/diff.js';
import { CODEX_UPDATE_COMMAND } from '../core/codexVersions.js';
import { isServiceError } from '../services/errors.js';
import { hashText, readTextFile } from '../services/files.js';
import { createTeamTemplateSource, type LoadedTemplate } from '../services/teamTemplateSource.js';
import type { Services } from '../services/types.js';
import type { ConfigPlan } from '../types.js';
import { diagnosisOf } from './diagnosisOf.js';

/** Loads the template named by --team-config; a bad file, pin or URL becomes a UsageError (exit 2). */
export async function loadTeam(services: Services, arg: string): Promise<LoadedTemplate> {
  const source =
    services.teamTemplates ??
    createTeamTemplateSource({
      http: {
        requestStream: () => Promise.reject(new TeamTemplateError('this run has no network client; use a local template file')),
      },
    });
  try {
    return await source.load(arg);
  } catch (e) {
    if (e instanceof TeamTemplateError) throw new UsageError(`cannot use --team-config ${arg}: ${e.message}`);
    if (isServiceError(e)) {
      const d = diagnosisOf(e);
      throw new UsageError(`cannot download the team template: ${d.title}. ${d.fix}`);
    }
    throw e;
  }
}

/** The wizard's variant: never throws; an installed Codex older than the team's minimum stops it here. */
export async function loadTeamForWizard(services: Services, arg: string): Promise<{ template: TeamTemplate } | { error: string }> {
  try {
    const { template } = await loadTeam(services, arg);
    const codex = await services.tools.findCodex();
    const old = codexTooOld(template, codex?.version ?? null, CODEX_UPDATE_COMMAND);
    if (old) return { error: `codex-bedrock-setup: ${old}${helpLine(template)}\n` };
    return { template };
  } catch (e) {
    if (e instanceof UsageError) return { error: `codex-bedrock-setup: ${e.message}\n` };
    throw e;
  }
}

/**
 * Fills setup's options from the template (flags win), then enforces its allowed regions and models:
 * a choice outside them is bad input, whether it came from a flag or the environment.
 */
export function applyTeamToOptions(options: CliOptions, t: TeamTemplate, env: NodeJS.ProcessEnv): CliOptions {
  const first = t.profiles?.[0];
  const merged: CliOptions = {
    ...options,
    region: options.region ?? t.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION ? undefined : t.allowedRegions?.[0]),
    auth: options.auth ?? t.auth,
    awsProfile: options.awsProfile ?? t.awsProfile,
    codexProfile: options.codexProfile ?? first?.name,
    models: options.models.length ? options.models : first?.model ? [first.model] : [],
    ssoStartUrl: options.ssoStartUrl ?? t.sso.startUrl,
    ssoRegion: options.ssoRegion ?? t.sso.region,
    accountId: options.accountId ?? t.sso.accountId,
    ssoRole: options.ssoRole ?? t.sso.roleName,
    ssoSession: options.ssoSession ?? t.sso.session,
    prompt: options.prompt ?? t.prompt,
    provider: options.provider ?? t.provider,
  };
  const region = merged.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const problems = outsideTemplate(t, { region, models: merged.models });
  if (problems.length) throw new UsageError(`${problems[0]}. Choose one of those (--region / --model), or ask your administrator.${helpLine(t)}`);
  return merged;
}

/** A model setup picked itself (strongest available) must still be one the team allows. */
export function allowedDefault(t: TeamTemplate, listed: string[]): string | undefined {
  return t.allowedModels?.find((m) => listed.includes(m));
}

/**
 * The template's web_search and [otel] on top of the planned files: web_search in each profile file written,
 * [otel] in config.toml. `readConfig` gives config.toml's current text when the plan does not change it.
 */
export function withTeamSettings(plan: ConfigPlan, t: TeamTemplate, configPath: string, currentConfig: string | null): ConfigPlan {
  let changes = plan.changes.map((c) => {
    if (!t.webSearch || c.path === configPath) return c;
    return redo(c, setKey(c.after, [], 'web_search', t.webSearch, { fileName: c.path }));
  });
  if (t.otel) {
    const otel = codexOtelTable(t.otel);
    const existing = changes.find((c) => c.path === configPath);
    let after = existing ? existing.after : (currentConfig ?? '');
    for (const [k, v] of Object.entries(otel)) after = setKey(after, ['otel'], k, v as TomlValue, { fileName: 'config.toml' });
    const before = existing ? existing.before : currentConfig;
    if (after !== (before ?? '')) {
      const change = redo(existing ?? { path: configPath, before, expectedHash: before === null ? null : hashText(before) }, after);
      changes = existing ? changes.map((c) => (c === existing ? change : c)) : [change, ...changes];
    }
  }
  return { ...plan, changes: changes.filter((c) => c.after !== c.before) };
}

/** The same services, whose config plans carry the template's web_search and [otel] (the wizard's path). */
export function withTeamPlanning(services: Services, t: TeamTemplate): Services {
  const config = services.config;
  const configPath = join(config.codexHome, 'config.toml');
  return {
    ...services,
    config: {
      ...config,
      planCodexConfig: async (choices) => withTeamSettings(await config.planCodexConfig(choices), t, configPath, await readIfExists(configPath)),
    },
  };
}

/** config.toml as the config service reads it: a pipe, a device or a huge file is an error, never waited on. */
async function readIfExists(path: string): Promise<string | null> {
  const file = await readTextFile(path);
  return file.exists ? file.text : null;
}

/** Keeps the planned change's other fields (the hash applyPlan checks before writing). */
function redo<C extends { path: string; before: string | null }>(c: C, after: string): C & { after: string; diff: string } {
  return { ...c, after, diff: unifiedDiff(c.path, c.before, after) };
}

export function helpLine(t: TeamTemplate): string {
  return t.helpUrl ? `\nHelp from your team: ${t.helpUrl}` : '';
}
