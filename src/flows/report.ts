// doctor --report: gathers what core/supportReport words (every check, versions, Codex files, env names).
import { readdir } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { UsageError, type CliOptions } from '../args.js';
import { supportReport } from '../core/supportReport.js';
import type { DoctorReport } from '../core/doctorReport.js';
import type { Services } from '../services/types.js';
import { VERSION } from '../version.js';
import { runChecks, type CheckOptions } from './checks.js';
import { loadTeam } from './teamLoad.js';
import { readTextFile } from '../services/files.js';

export interface SupportReport {
  text: string;
  report: DoctorReport;
}

/** --report is its own format, and --team-config on doctor only names the help URL in it. */
export function checkReportFlags(o: Pick<CliOptions, 'report' | 'json' | 'teamConfig'>): void {
  if (o.report && o.json) throw new UsageError('doctor --report prints one Markdown document; --json prints one JSON document. Choose one.');
  if (!o.report && o.teamConfig) throw new UsageError('doctor takes --team-config only with --report (the report names the team\'s help URL): doctor --report --team-config SRC');
}

export async function gatherSupportReport(services: Services, opts: CheckOptions & { teamConfig?: string }): Promise<SupportReport> {
  // The template is loaded first: a bad --team-config is a usage error before any check runs.
  const helpUrl = opts.teamConfig ? (await loadTeam(services, opts.teamConfig)).template.helpUrl : undefined;
  const [report, codex, awsClis, configFiles] = await Promise.all([
    runChecks(services, opts),
    services.tools.findCodex().catch(() => null),
    services.tools.findAwsClis().catch(() => []),
    codexFiles(services.config.codexHome),
  ]);
  const text = supportReport({
    toolVersion: VERSION,
    node: process.versions.node,
    os: `${platform()} ${release()}`,
    arch: arch(),
    codex,
    awsClis,
    report,
    configFiles,
    env: services.env,
    home: services.env.HOME,
    ...(helpUrl ? { helpUrl } : {}),
  });
  return { text, report };
}

/**
 * config.toml, then every `<profile>.config.toml` beside it, in name order. Read like every config read: a pipe, a
 * device or a huge file is refused and named, never waited on.
 */
async function codexFiles(codexHome: string): Promise<{ name: string; text: string | null; unread?: string }[]> {
  const names = await readdir(codexHome).catch(() => [] as string[]);
  const profiles = names.filter((n) => n.endsWith('.config.toml')).sort();
  return Promise.all(
    ['config.toml', ...profiles].map(async (name) => {
      try {
        const snap = await readTextFile(join(codexHome, name));
        return { name, text: snap.exists ? snap.text : null };
      } catch (e) {
        return { name, text: null, unread: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}
