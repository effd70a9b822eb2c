// `restore`: list the recorded runs, or put back the files one run wrote. Shares the diff → confirm →
// backup → atomic path with `uninstall` (carryOut).
import { existsSync } from 'node:fs';
import { confirm } from './confirm.js';
import { UsageError } from '../args.js';
import type { RestoreOptions, UninstallOptions } from '../cli/flags.js';
import { unifiedDiff } from '../core/diff.js';
import type { Manifest, ManifestFile } from '../core/manifest.js';
import { chooseRun, describeKeep, planRestore, type FilesNow, type Step } from '../core/uninstallPlan.js';
import { applySteps, currentFiles, manifestPaths, readManifest, readStored } from '../services/manifest.js';
import { colourDiff, mark } from './common.js';
import { printJson, type CommandContext } from './context.js';

export async function runRestore(ctx: CommandContext<RestoreOptions>): Promise<number> {
  const { options, services, io } = ctx;
  const codexHome = services.config.codexHome;
  const manifest = await readManifest(codexHome);
  if (options.list) return listRuns(ctx, manifest);
  const run = chooseRun(manifest, options.runId);
  if ('error' in run) throw new UsageError(run.error);
  io.say(`Run ${run.id} (${run.command}, ${run.time}): putting back ${run.files.length === 1 ? '1 file as it was' : `${run.files.length} files as they were`} before it.`);
  const now = await currentFiles(codexHome, manifest);
  const steps = planRestore(manifest, run, now, options.force);
  const again = `codex-bedrock-setup restore --run ${run.id}${options.force ? ' --force' : ''}`;
  return carryOut(ctx, steps, now, { command: 'restore', again, run: run.id, forceHint: !options.force });
}

function fileAction(f: ManifestFile): 'created' | 'changed' | 'deleted' {
  return f.hashBefore === null ? 'created' : f.hashAfter === null ? 'deleted' : 'changed';
}

async function listRuns(ctx: CommandContext<RestoreOptions>, manifest: Manifest): Promise<number> {
  const { options, services, io } = ctx;
  const codexHome = services.config.codexHome;
  const runs = [];
  for (const run of manifest.runs) {
    const files = [];
    for (const f of run.files) {
      const backupExists = f.backupPath !== null && existsSync(f.backupPath);
      const stored = f.hashBefore !== null && (await readStored(codexHome, f.hashBefore)) !== null;
      files.push({ ...f, action: fileAction(f), backupExists, earlierContentsKept: f.hashBefore === null || stored });
    }
    runs.push({ id: run.id, time: run.time, command: run.command, toolVersion: run.toolVersion, files });
  }
  if (!runs.length) io.say(`No run has written anything with this Codex home yet (${manifestPaths(codexHome).manifest}).`);
  for (const run of runs) {
    io.say(`${run.id}  ${run.time}  ${run.command} (codex-bedrock-setup ${run.toolVersion})`);
    for (const f of run.files) {
      const backup = f.backupPath ? (f.backupExists ? `  backup: ${f.backupPath}` : '  backup pruned; its contents are kept in the store') : '';
      io.say(`  ${f.action.padEnd(7)} ${f.path}${backup}`);
    }
  }
  if (runs.length) io.say(`\nUndo one run: codex-bedrock-setup restore --run ${runs.at(-1)!.id}    Undo everything: codex-bedrock-setup uninstall`);
  if (options.json) printJson(io, { ok: true, manifestPath: manifestPaths(codexHome).manifest, runs });
  return 0;
}

interface CarryOut {
  command: 'restore' | 'uninstall';
  /** The command line to run again (with --yes added when asked). */
  again: string;
  run?: string;
  /** Say that --force would overwrite files edited since. */
  forceHint: boolean;
}

/** Shows each step's diff, asks (or --yes), applies, and reports; exit 1 when a file could not be put back. */
export async function carryOut(ctx: CommandContext<RestoreOptions | UninstallOptions>, steps: Step[], now: FilesNow, how: CarryOut): Promise<number> {
  const { options, services, io } = ctx;
  const codexHome = services.config.codexHome;
  const left = steps.filter((s): s is Extract<Step, { action: 'keep' }> => s.action === 'keep' && s.reason !== 'already');
  const todo = steps.filter((s) => s.action !== 'keep');
  for (const step of steps) {
    if (step.action === 'keep') io.say(`${mark(io, step.reason === 'already' ? true : 'warn')} ${step.path}: ${describeKeep(step.reason)}`);
    else if (step.action === 'delete') io.say(colourDiff(io, unifiedDiff(step.path, now.textOf(step.path), '')) + `\n  (${step.path} is removed: codex-bedrock-setup created it)`);
    else if (step.action === 'edit') {
      io.say(colourDiff(io, unifiedDiff(step.path, now.textOf(step.path), step.text)));
      const what = step.path.endsWith('.toml') ? `its keys ${step.removed.join(', ')} get their earlier values back` : `${step.removed.map((n) => `[${n}]`).join(', ')} are taken out`;
      io.say(`  (${step.path} was edited since codex-bedrock-setup wrote it: only ${what}${step.kept?.length ? `; ${step.kept.join(', ')} changed since, left as they are` : ''})`);
    } else io.say(colourDiff(io, unifiedDiff(step.path, now.textOf(step.path), (await readStored(codexHome, step.targetHash)) ?? '')));
  }
  const doc = {
    ok: left.length === 0,
    command: how.command,
    ...(how.run ? { run: how.run } : {}),
    steps: steps.map((s) => (s.action === 'keep' ? { path: s.path, action: s.action, reason: s.reason } : s.action === 'edit' ? { path: s.path, action: s.action, removed: s.removed, kept: s.kept ?? [] } : { path: s.path, action: s.action })),
    applied: [] as { path: string; action: string; backupPath: string | null }[],
    warnings: [] as string[],
    /** The command that undoes this one. */
    undo: null as string | null,
  };
  const finish = (code: number) => {
    if (left.some((s) => s.reason === 'edited') && how.forceHint && how.command === 'restore') io.say(`To overwrite the edited files too (their current state is backed up first): ${how.again} --force`);
    if (options.json) printJson(io, doc);
    return code;
  };
  if (!todo.length) {
    io.say(left.length ? `${mark(io, false)} Nothing could be put back.` : `${mark(io, true)} Nothing to change: every file is already as it was.`);
    return finish(left.length ? 1 : 0);
  }
  if (!options.yes) {
    if (!(process.stdin.isTTY && process.stdout.isTTY)) {
      throw new UsageError(`No terminal to ask for confirmation; nothing was changed. To go ahead after reading the diff above: ${how.again} --yes`);
    }
    if (!(await confirm(`${how.command === 'restore' ? 'Restore' : 'Uninstall'}: change ${todo.length === 1 ? '1 file' : `${todo.length} files`} as shown? [y/N] `))) {
      io.say('Nothing changed.');
      return finish(0);
    }
  }
  const result = await applySteps(codexHome, steps, how.command);
  doc.applied = result.applied;
  for (const a of result.applied) io.say(`${mark(io, true)} ${a.action === 'delete' ? 'Removed' : a.action === 'edit' ? 'Undid our changes in' : 'Put back'} ${a.path}${a.backupPath ? `  (its state before: ${a.backupPath})` : ''}`);
  if (result.warning) {
    io.say(`${mark(io, 'warn')} ${result.warning}`);
    doc.warnings.push(result.warning);
  }
  if (result.runId) {
    doc.undo = `codex-bedrock-setup restore --run ${result.runId}`;
    io.say(`To undo this: ${doc.undo}`);
  }
  return finish(left.length ? 1 : 0);
}
