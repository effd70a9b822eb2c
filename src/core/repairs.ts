// doctor --fix: the findings whose fix is a config edit we can make, each as a small pure planner.
// Text in, text out through tomlEdit, so every line a repair does not touch stays byte for byte.
import { AWS_TABLE, BEDROCK_PROVIDER, KNOWN_AWS_KEYS, RUNTIME_AWS_TABLE, RUNTIME_PROVIDER, migrateLegacyLayout, type CodexFiles } from './codexConfig.js';
import { getTable, parseToml, removeKey, removeTable, setKey, type TomlData } from './tomlEdit.js';
import { editDistance, isRuntimeModelId, mantleModelId } from './validate.js';

export interface RepairInput {
  /** Check ids and diagnosis ids doctor reported as failing or warning: a repair runs only for what was found. */
  found: ReadonlySet<string>;
  /** The region to write when none is set (the AWS profile's, else the one doctor's fix names). */
  region?: string;
  /** The Codex profile doctor checked: its provider decides which table a missing region goes into. */
  codexProfile?: string | null;
  /** The profiles in ~/.aws/config and ~/.aws/credentials, to point a missing aws.profile at one that exists. */
  awsProfiles?: string[];
}

export interface RepairOutcome {
  files: CodexFiles;
  /** One line per change made, for the person reading the diff. */
  done: string[];
  /** The check ids these changes answer. */
  fixed: string[];
  /** What a repair left as it was, and why (a legacy value not moved, say). */
  warnings: string[];
}

interface Repair {
  /** Check or diagnosis ids this repair answers. */
  answers: string[];
  /** Runs whatever doctor found: the text alone shows the fault exactly, and no check names it. */
  always?: boolean;
  plan(files: CodexFiles, input: RepairInput): { files: CodexFiles; done: string[]; warnings?: string[] };
}

type FileEdit = (doc: string, file: string, data: TomlData) => { doc: string; done: string[] };

/** Applies one edit to config.toml and every profile file. */
function eachFile(files: CodexFiles, edit: FileEdit): { files: CodexFiles; done: string[] } {
  const done: string[] = [];
  const run = (doc: string | null, file: string) => {
    if (doc === null) return null;
    const r = edit(doc, file, parseToml(doc, { fileName: file }));
    done.push(...r.done);
    return r.doc;
  };
  const configToml = run(files.configToml, 'config.toml');
  const profileFiles = Object.fromEntries(Object.entries(files.profileFiles).map(([n, t]) => [n, run(t, `${n}.config.toml`)]));
  return { files: { configToml, profileFiles }, done };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function tableAt(data: TomlData, path: string[]): TomlData | undefined {
  let cur: unknown = data;
  for (const p of path) cur = typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as TomlData)[p] : undefined;
  return typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as TomlData) : undefined;
}

/** Removes the .aws table, then the provider and model_providers tables, each once emptied by a repair. */
function pruneEmpty(doc: string, file: string, awsTable: string[]): string {
  for (const path of [awsTable, awsTable.slice(0, -1), ['model_providers']]) {
    const t = getTable(doc, path, { fileName: file });
    if (t && Object.keys(t).length === 0) doc = removeTable(doc, path, { fileName: file });
  }
  return doc;
}

/** a. Mantle lists bare ids: `us.openai.gpt-oss-120b-1:0` is a Bedrock Runtime id (the runtime provider keeps it). */
export const modelIdRepair: Repair = {
  answers: ['codex-runtime-model-id', 'runtime-model-id'],
  plan: (files) => {
    const sharedProvider = files.configToml === null ? undefined : str(parseToml(files.configToml, { fileName: 'config.toml' }).model_provider);
    return eachFile(files, (doc, file, data) => {
      const model = str(data.model);
      const provider = str(data.model_provider) ?? sharedProvider;
      if (!model || !isRuntimeModelId(model) || model.startsWith('arn:') || provider === RUNTIME_PROVIDER) return { doc, done: [] };
      const id = mantleModelId(model);
      return { doc: setKey(doc, [], 'model', id, { fileName: file }), done: [`${file}: model "${model}" → "${id}" (the Bedrock Mantle id)`] };
    });
  },
};

/** b. aws.credential_export next to aws.profile (Codex refuses both): the profile is what setup writes, so the export goes. */
export const credentialExportRepair: Repair = {
  answers: ['codex-credential-export-with-profile'],
  plan: (files) => {
    const shared = files.configToml === null ? undefined : tableAt(parseToml(files.configToml, { fileName: 'config.toml' }), AWS_TABLE);
    return eachFile(files, (doc, file, data) => {
      const aws = tableAt(data, AWS_TABLE);
      const profile = str(aws?.profile) ?? str(shared?.profile);
      if (aws?.credential_export === undefined || !profile) return { doc, done: [] };
      const edited = pruneEmpty(removeKey(doc, AWS_TABLE, 'credential_export', { fileName: file }), file, AWS_TABLE);
      return { doc: edited, done: [`${file}: removed aws.credential_export (Codex refuses it next to aws.profile = "${profile}")`] };
    });
  },
};

/** b. A key under .aws that Codex ignores: a near-miss (`regoin`) is renamed when the right key is free, anything else goes. */
export const unknownAwsKeyRepair: Repair = {
  answers: ['codex-unknown-aws-key'],
  plan: (files) =>
    eachFile(files, (doc, file, data) => {
      const aws = tableAt(data, AWS_TABLE);
      if (!aws) return { doc, done: [] };
      const done: string[] = [];
      const opts = { fileName: file };
      for (const key of Object.keys(aws).filter((k) => !KNOWN_AWS_KEYS.includes(k))) {
        const value = aws[key];
        const to = nearMiss(key);
        doc = removeKey(doc, AWS_TABLE, key, opts);
        if (to && aws[to] === undefined && typeof value === 'string') {
          doc = setKey(doc, AWS_TABLE, to, value, opts);
          done.push(`${file}: renamed aws.${key} to aws.${to} (Codex ignores ${key})`);
        } else done.push(`${file}: removed aws.${key} (Codex ignores it)`);
      }
      return { doc: done.length ? pruneEmpty(doc, file, AWS_TABLE) : doc, done };
    }),
};

/** b. Codex runs only the bare `aws` to sign in again: a path to aws becomes `aws`, another program is removed. */
export const authRefreshCommandRepair: Repair = {
  answers: ['auth-refresh-command'],
  // Codex refuses it at start, and its own doctor says only "config could not be loaded (invalid data)".
  always: true,
  plan: (files) =>
    eachFile(files, (doc, file, data) => {
      const refresh = tableAt(data, [...AWS_TABLE, 'auth_refresh']);
      const command = refresh?.command;
      if (command === undefined || command === 'aws') return { doc, done: [] };
      const opts = { fileName: file };
      if (typeof command === 'string' && /(^|[/\\])aws(\.exe)?$/.test(command)) {
        return { doc: setKey(doc, [...AWS_TABLE, 'auth_refresh'], 'command', 'aws', opts), done: [`${file}: aws.auth_refresh.command "${command}" → "aws" (Codex runs only the bare aws)`] };
      }
      return { doc: pruneEmpty(removeKey(doc, AWS_TABLE, 'auth_refresh', opts), file, AWS_TABLE), done: [`${file}: removed aws.auth_refresh (command "${String(command)}" is not aws, which Codex refuses)`] };
    }),
};

/** c. No region anywhere: Codex fails with "AWS SDK config did not resolve a region"; the shared table of the provider doctor checked gets one. */
export const regionRepair: Repair = {
  answers: ['region-missing'],
  plan: (files, input) => {
    if (!input.region || files.configToml === null) return { files, done: [] };
    const data = parseToml(files.configToml, { fileName: 'config.toml' });
    const own = input.codexProfile ? files.profileFiles[input.codexProfile] : null;
    const provider = (own ? str(parseToml(own, { fileName: `${input.codexProfile}.config.toml` }).model_provider) : undefined) ?? str(data.model_provider);
    const table = provider === RUNTIME_PROVIDER ? RUNTIME_AWS_TABLE : AWS_TABLE;
    if (tableAt(data, table)?.region !== undefined) return { files, done: [] };
    const configToml = setKey(files.configToml, table, 'region', input.region, { fileName: 'config.toml' });
    return { files: { ...files, configToml }, done: [`config.toml: added aws.region = "${input.region}" under [${table.join('.')}]`] };
  },
};

/** d. The legacy layout Codex >= 0.134 refuses, moved exactly as setup moves it (codexConfig's migration). */
export const legacyLayoutRepair: Repair = {
  answers: ['codex-legacy-profile-selector', 'codex-legacy-profile-table', 'legacy-profile-layout'],
  plan: (files) => {
    if (files.configToml === null) return { files, done: [] };
    const warnings: string[] = [];
    const m = migrateLegacyLayout({ configToml: files.configToml, profileFiles: files.profileFiles }, warnings);
    const done = m.migratedLegacy.map((what) => `config.toml: migrated the legacy ${what}`);
    return { files: { configToml: m.configToml, profileFiles: { ...files.profileFiles, ...m.profileFiles } }, done, warnings };
  },
};

/** e. Codex sends its hosted web_search tool unless a profile disables it; where it was refused (or is unsettled), setup's default. */
export const webSearchRepair: Repair = {
  answers: ['codex-web-search-enabled', 'hosted-tool-rejected'],
  plan: (files) => {
    const sharedProvider = files.configToml === null ? undefined : str(parseToml(files.configToml, { fileName: 'config.toml' }).model_provider);
    const done: string[] = [];
    const profileFiles = Object.fromEntries(
      Object.entries(files.profileFiles).map(([name, doc]) => {
        if (doc === null) return [name, doc];
        const file = `${name}.config.toml`;
        const data = parseToml(doc, { fileName: file });
        if ((str(data.model_provider) ?? sharedProvider) !== BEDROCK_PROVIDER || data.web_search === 'disabled') return [name, doc];
        done.push(`${file}: web_search = "disabled" (Codex would send its hosted web_search tool${data.web_search === undefined ? '' : `; it was "${String(data.web_search)}"`})`);
        return [name, setKey(doc, [], 'web_search', 'disabled', { fileName: file })];
      }),
    );
    return { files: { ...files, profileFiles }, done };
  },
};

/**
 * f. aws.profile names a profile that does not exist: pointed at the one it is a near-miss of (`codex-bedrok`),
 * or at the only profile there is. With several candidates the choice is the user's (setup asks).
 */
export const awsProfileRepair: Repair = {
  answers: ['codex-aws-profile-missing', 'codex-aws-profile-unknown'],
  plan: (files, input) => {
    const known = input.awsProfiles ?? [];
    if (!known.length) return { files, done: [] };
    return eachFile(files, (doc, file, data) => {
      for (const table of [AWS_TABLE, RUNTIME_AWS_TABLE]) {
        const profile = str(tableAt(data, table)?.profile);
        if (profile === undefined || known.includes(profile)) continue;
        const to = existingProfileFor(profile, known);
        if (!to) continue;
        doc = setKey(doc, table, 'profile', to, { fileName: file });
        return { doc, done: [`${file}: aws.profile "${profile}" → "${to}" (${profile} is not in your AWS config${known.length === 1 ? '; it is the only profile there' : ''})`] };
      }
      return { doc, done: [] };
    });
  },
};

function existingProfileFor(missing: string, known: string[]): string | undefined {
  // Two edits in a long name is a typo; in a four-letter one it is another word (gone/home).
  const limit = Math.min(2, Math.floor(missing.length / 4));
  const near = known.filter((k) => k.toLowerCase() === missing.toLowerCase() || editDistance(k, missing) <= limit);
  if (near.length === 1) return near[0];
  return near.length === 0 && known.length === 1 ? known[0] : undefined;
}

/** In the order they run: the migration first, so the others see the profile files Codex will read. */
export const REPAIRS: Repair[] = [legacyLayoutRepair, modelIdRepair, credentialExportRepair, unknownAwsKeyRepair, authRefreshCommandRepair, awsProfileRepair, regionRepair, webSearchRepair];

/** Every repair whose finding doctor reported, chained over the same files. */
export function planRepairs(files: CodexFiles, input: RepairInput, repairs: Repair[] = REPAIRS): RepairOutcome {
  let current = files;
  const done: string[] = [];
  const warnings: string[] = [];
  const fixed = new Set<string>();
  for (const r of repairs) {
    if (!r.always && !r.answers.some((id) => input.found.has(id))) continue;
    const out = r.plan(current, input);
    current = out.files;
    done.push(...out.done);
    warnings.push(...(out.warnings ?? []));
    if (out.done.length) for (const id of r.answers) if (input.found.has(id)) fixed.add(id);
  }
  return { files: current, done, fixed: [...fixed], warnings };
}

/** The known key one or two edits away (`regoin` → region), as the lint suggests it. */
function nearMiss(key: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of KNOWN_AWS_KEYS) {
    const d = editDistance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}
