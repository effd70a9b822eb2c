// Writing the IAM policy file (policy -o, and the wizard's policy screen) with the care of our config files:
// planned against what is there (shown as a diff), backed up, replaced atomically.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { unifiedDiff } from '../core/diff.js';
import { iamPolicy, type PolicyInput } from '../core/policy.js';
import { readTextFile, writeFileAtomic, type WriteResult } from './files.js';
import { recordRun } from './manifest.js';

export interface PolicyFilePlan {
  path: string;
  diff: string;
  /** The file already holds exactly this policy. */
  unchanged: boolean;
  after: string;
  /** The text planned from (null: no file). */
  before: string | null;
  expectedHash: string | null;
}

/** Why `path` cannot take the policy (a folder, or in a folder that does not exist), or null when it can. */
export async function outputPathProblem(path: string): Promise<string | null> {
  const abs = resolve(path);
  const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
  if (isDir || /[\\/]$/.test(path)) {
    return `-o ${path} is a folder; give the file to write, e.g. -o ${join(path, 'bedrock-iam-policy.json')}`;
  }
  const dir = dirname(abs);
  const dirIsDir = await stat(dir).then((s) => s.isDirectory(), () => null);
  if (dirIsDir === null) return `-o ${path}: the folder ${dir} does not exist, and this tool does not create folders. Create it (mkdir -p ${dir}) or choose another path; nothing was written.`;
  if (!dirIsDir) return `-o ${path}: ${dir} is a file, not a folder. Choose another path; nothing was written.`;
  return null;
}

export async function planPolicyFile(path: string, text: string): Promise<PolicyFilePlan> {
  const before = await readTextFile(path);
  return { path: resolve(path), diff: unifiedDiff(resolve(path), before.exists ? before.text : null, text), unchanged: before.exists && before.text === text, after: text, before: before.exists ? before.text : null, expectedHash: before.hash };
}

/**
 * Refuses when the file changed since it was planned; keeps the previous file as <path>.bak-<time>.
 * With `codexHome`, the write is recorded in that Codex home's manifest (for restore and uninstall).
 */
export async function writePolicyFile(plan: PolicyFilePlan, opts: { codexHome?: string } = {}): Promise<WriteResult & { manifestWarning?: string }> {
  const res = await writeFileAtomic(plan.path, plan.after, { expectedHash: plan.expectedHash, mode: 0o644 });
  if (!opts.codexHome) return res;
  const { warning } = await recordRun(opts.codexHome, [{ path: res.path, before: plan.before, after: plan.after, hashBefore: plan.expectedHash, backupPath: res.backupPath }]);
  return { ...res, ...(warning ? { manifestWarning: warning } : {}) };
}

/** The wizard's policy screen: `<dir>/bedrock-iam-policy.json`, written as `policy -o` writes it. Resolves with the path. */
export async function writePolicyInto(dir: string, input: PolicyInput, opts: { codexHome?: string } = {}): Promise<string> {
  const plan = await planPolicyFile(join(dir, 'bedrock-iam-policy.json'), iamPolicy(input));
  if (!plan.unchanged) await writePolicyFile(plan, opts);
  return plan.path;
}
