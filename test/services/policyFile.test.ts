import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { iamPolicy } from '../../src/core/policy.js';
import { outputPathProblem, planPolicyFile, writePolicyFile, writePolicyInto } from '../../src/services/policyFile.js';

const root = mkdtempSync(join(tmpdir(), 'cbs-policyfile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the policy file', () => {
  it("the wizard's writer: the generated policy, once, then a backup of the one it replaces", async () => {
    const dir = mkdtempSync(join(root, 'home-'));
    const first = { regions: ['us-east-1'], models: ['openai.gpt-5.5'], bearer: false };
    const path = await writePolicyInto(dir, first);
    expect(path).toBe(join(dir, 'bedrock-iam-policy.json'));
    expect(readFileSync(path, 'utf8')).toBe(iamPolicy(first));
    await writePolicyInto(dir, first);
    expect(readdirSync(dir)).toEqual(['bedrock-iam-policy.json']);
    await writePolicyInto(dir, { ...first, bearer: true });
    expect(readFileSync(path, 'utf8')).toContain('CallWithBearerToken');
    const backup = readdirSync(dir).find((n) => n.includes('.bak-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe(iamPolicy(first));
  });

  it('refuses to write over a file that changed after planning', async () => {
    const file = join(root, 'raced.json');
    const plan = await planPolicyFile(file, '{}\n');
    expect(plan.diff).toContain('+{}');
    writeFileSync(file, 'edited by someone else\n');
    await expect(writePolicyFile(plan)).rejects.toThrow(/was created since it was read/);
    expect(readFileSync(file, 'utf8')).toBe('edited by someone else\n');
  });

  it('names what is wrong with an output path, or nothing', async () => {
    expect(await outputPathProblem(join(root, 'p.json'))).toBeNull();
    expect(await outputPathProblem(root)).toMatch(/is a folder/);
    expect(await outputPathProblem(join(root, 'missing') + '/')).toMatch(/is a folder/);
    expect(await outputPathProblem(join(root, 'missing', 'p.json'))).toMatch(/does not exist, and this tool does not create folders/);
  });
});
