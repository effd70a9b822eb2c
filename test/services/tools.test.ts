import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createToolsService, parseAwsVersion, parseCodexModels, parseCodexVersion } from '../../src/services/tools.js';
import { runAwsInteractive } from '../../src/services/ssoRunner.js';

function script(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('version parsing', () => {
  it('parses aws v1/v2 and codex outputs', () => {
    expect(parseAwsVersion('aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off')).toEqual({ version: '2.9.19', major: 2 });
    expect(parseAwsVersion('aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.40.0')).toEqual({ version: '1.45.11', major: 1 });
    expect(parseAwsVersion('command not found')).toBeNull();
    expect(parseCodexVersion('codex-cli 0.169.0\n')).toBe('0.169.0');
    expect(parseCodexModels('{"models":[{"slug":"openai.gpt-5.5"},{"slug":"openai.gpt-6-sol"}]}')).toEqual(['openai.gpt-5.5', 'openai.gpt-6-sol']);
    expect(parseCodexModels('warning: not json')).toBeNull();
  });
});

describe('createToolsService', () => {
  it('finds every aws on PATH in order, reads v1 from stderr, dedupes symlinks, and includes the real /usr/bin/aws', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cbs-tools-'));
    const v1 = script(join(root, 'a'), 'aws', 'echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.40.0" >&2');
    script(join(root, 'b'), 'aws', 'echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64"');
    mkdirSync(join(root, 'c'));
    symlinkSync(v1, join(root, 'c', 'aws')); // same program twice on PATH
    const notExec = join(root, 'd');
    mkdirSync(notExec);
    writeFileSync(join(notExec, 'aws'), 'not executable');
    const PATH = [join(root, 'a'), join(root, 'b'), join(root, 'c'), notExec, '/usr/bin', '/bin'].join(':');
    const tools = createToolsService({ env: { PATH, HOME: process.env.HOME } });
    const found = await tools.findAwsClis();
    expect(found.slice(0, 2)).toEqual([
      { path: join(root, 'a', 'aws'), version: '1.45.11', major: 1 },
      { path: join(root, 'b', 'aws'), version: '2.9.19', major: 2 },
    ]);
    expect(found).toHaveLength(3);
    expect(found[2]!.path).toBe('/usr/bin/aws');
    expect(found[2]!.major).toBe(2);
    expect(found[2]!.version).toMatch(/^2\.\d+\.\d+$/);
  }, 30_000);

  it('finds codex and its Bedrock model catalogue through the runner seam', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cbs-codex-'));
    script(root, 'codex', 'exit 0');
    const calls: string[][] = [];
    const tools = createToolsService({
      env: { PATH: root },
      run: async (_file, args) => {
        calls.push(args);
        if (args[0] === '--version') return { exitCode: 0, stdout: 'codex-cli 0.169.0', stderr: '', failed: false };
        return { exitCode: 0, stdout: '{"models":[{"slug":"openai.gpt-5.5"}]}', stderr: '', failed: false };
      },
    });
    expect(await tools.findCodex()).toEqual({ path: join(root, 'codex'), version: '0.169.0' });
    expect(await tools.codexModels()).toEqual(['openai.gpt-5.5']);
    expect(calls[1]).toEqual(['debug', 'models', '-c', 'model_provider="amazon-bedrock"']);
  });

  it('returns null when codex is not on PATH or fails', async () => {
    expect(await createToolsService({ env: { PATH: '/nonexistent' } }).findCodex()).toBeNull();
    const root = mkdtempSync(join(tmpdir(), 'cbs-codex-'));
    script(root, 'codex', 'echo boom >&2; exit 2');
    expect(await createToolsService({ env: { PATH: root } }).codexModels()).toBeNull();
  });

  it('runs the real installed codex', async () => {
    const bin = join(process.cwd(), 'node_modules', '.bin');
    const tools = createToolsService({ env: { PATH: `${bin}:/usr/bin:/bin`, HOME: process.env.HOME } });
    const info = await tools.findCodex();
    // Whichever @openai/codex is installed: the binary must report its package's version.
    const installed = JSON.parse(readFileSync(join(process.cwd(), 'node_modules', '@openai', 'codex', 'package.json'), 'utf8')).version;
    expect(info?.version).toBe(installed);
  }, 30_000);
});

describe('runAwsInteractive', () => {
  it('resolves with the child exit code, passing arguments without a shell', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cbs-sso-'));
    const out = join(root, 'args');
    const fake = script(root, 'aws', `printf '%s|' "$@" > ${out}; exit 3`);
    const r = await runAwsInteractive(['configure', 'sso', '--profile', 'a b;$(x)'], fake, { stdio: 'ignore' });
    expect(r).toEqual({ exitCode: 3, signal: null });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8')).toBe('configure|sso|--profile|a b;$(x)|');
  });

  it('forwards SIGINT to the child instead of dying', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cbs-sso-'));
    const ready = join(root, 'ready');
    const fake = script(root, 'aws', `trap 'exit 130' INT; touch ${ready}; while true; do sleep 0.05; done`);
    const before = process.listenerCount('SIGINT');
    const p = runAwsInteractive([], fake, { stdio: 'ignore' });
    const { existsSync } = await import('node:fs');
    while (!existsSync(ready)) await new Promise((r) => setTimeout(r, 20));
    process.emit('SIGINT', 'SIGINT');
    expect(await p).toEqual({ exitCode: 130, signal: null });
    expect(process.listenerCount('SIGINT')).toBe(before);
  }, 20_000);

  it('reports a missing aws binary as a missing tool', async () => {
    await expect(runAwsInteractive([], '/nonexistent/aws', { stdio: 'ignore' })).rejects.toMatchObject({ failure: { kind: 'missing-tool', code: 'ENOENT' } });
  });
});

describe('findCodex asked twice at once', () => {
  it('runs codex --version once for callers that overlap, and again for a later call', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cbs-tools-share-'));
    const count = join(root, 'count');
    // Each run appends a line, so the file says how many times Codex was started.
    script(root, 'codex', `echo run >> ${count}; sleep 0.2; echo "codex-cli 0.171.0"`);
    const tools = createToolsService({ env: { PATH: `${root}:/usr/bin:/bin` } });
    const [a, b] = await Promise.all([tools.findCodex(), tools.findCodex()]);
    expect(a).toEqual(b);
    expect(a?.version).toBe('0.171.0');
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(1);
    await tools.findCodex();
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
