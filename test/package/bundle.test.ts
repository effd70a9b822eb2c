// What ships is self-contained: dist/cli.js (the launcher) and dist/chunks.pack (every esbuild chunk). These run
// against the built files (npm test builds them first).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_FILE, unpack } from '../../src/launch/pack.js';

const ROOT = resolve('.');
const CLI = join(ROOT, 'dist/cli.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  files?: string[];
  bin?: Record<string, string>;
};

// https-proxy-agent imports `kerberos` only for a Negotiate proxy challenge, inside a try/catch that
// explains how to install it: an optional extra, not something the CLI needs.
const OPTIONAL = new Set(['kerberos']);

/** Only this machine's node on PATH, no AWS or proxy settings: nothing outside the copied file can help. */
function bareEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8' };
}

/** The shipped files: the launcher and the pack of every chunk it may run. */
const SHIPPED = ['cli.js', PACK_FILE];
const PACK = () => unpack(readFileSync(join(ROOT, 'dist', PACK_FILE), 'utf8'));
/** Every chunk's text, as the launcher runs it. */
const CHUNK_TEXT = () => {
  const pack = PACK();
  return pack.names.map((n) => pack.source(n)).join('\n');
};

/** A copy of the shipped files alone in a fresh directory; returns the copied entry point. */
function copyDist(dir: string): string {
  for (const f of SHIPPED) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
  return join(dir, 'cli.js');
}

/** The pack's chunks as files in `dir`, so a bundler can follow their require() calls; returns bin.js's path. */
function unpackInto(dir: string): string {
  const pack = PACK();
  for (const n of pack.names) writeFileSync(join(dir, n), pack.source(n));
  return join(dir, 'bin.js');
}

/**
 * Every module specifier the bundle imports or requires, found by parsing it (not by grepping strings); its own
 * chunks (./x.js beside it) are followed, so what any of them imports is seen too.
 */
async function importsOf(file: string): Promise<{ imports: { path: string; kind: string }[]; chunks: Set<string> }> {
  const seen: { path: string; kind: string }[] = [];
  const chunks = new Set<string>();
  const recordAll: Plugin = {
    name: 'record-all',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (/^\.\/[\w-]+\.js$/.test(args.path) && existsSync(join(args.resolveDir, args.path))) {
          chunks.add(args.path.slice(2));
          return undefined;
        }
        seen.push({ path: args.path, kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
  await build({ entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent', plugins: [recordAll] });
  return { imports: seen, chunks };
}

describe('package.json', () => {
  it('has no runtime dependencies: every library is bundled', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
  });

  it('publishes the bundle and its chunks, not the sources', () => {
    expect(pkg.bin?.['codex-bedrock-setup']).toBe('dist/cli.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/chunks.pack']));
    expect((pkg.files ?? []).some((f) => f.startsWith('src'))).toBe(false);
  });
});

describe('dist/cli.js', () => {
  let tmp: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
    tmp = mkdtempSync(join(tmpdir(), 'cbs-package-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('imports nothing but Node built-ins and its own chunks', async () => {
    const launcher = await importsOf(CLI);
    // The launcher names its first chunk (src/launch/launcher.ts), it does not import it.
    expect(readFileSync(CLI, 'utf8')).toContain('"./bin.js"');
    const app = await importsOf(unpackInto(mkdtempSync(join(tmp, 'chunks-'))));
    const imports = [...launcher.imports, ...app.imports];
    expect(app.imports.length).toBeGreaterThan(0);
    expect(launcher.chunks.size).toBe(0);
    // Every chunk is reached from the first, so what each one imports was checked too.
    expect([...app.chunks, 'bin.js'].map((n) => `./${n}`).sort()).toEqual(PACK().names.sort());
    const foreign = imports.filter(({ path }) => {
      const name = path.replace(/^node:/, '');
      return !(path.startsWith('node:') || builtinModules.includes(name) || OPTIONAL.has(path));
    });
    expect(foreign).toEqual([]);
  });

  it('holds no code of the test-only IAM packages (@cloud-copilot/*: AGPL and MIT), only our snapshot of the reference', () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain('src/core/iam/reference.json');
    expect(inputs.filter((p) => p.includes('@cloud-copilot'))).toEqual([]);
    // Nor copied in some other way: a message of iam-simulate, a service of the full data set we never use.
    const text = CHUNK_TEXT();
    expect(text.includes('no.resource.types')).toBe(false);
    expect(text.includes('bedrock-agentcore')).toBe(false);
  });

  it("loads only what the wizard's welcome screen needs before its first frame", () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
    };
    const outputOf = (input: string) => Object.keys(meta.outputs).find((o) => input in meta.outputs[o]!.inputs)!;
    // What runs before the first frame: the entry, main, the command runner and the wizard command, with everything
    // they import statically (a dynamic import waits until it is called).
    const loaded = new Set<string>();
    const visit = (out: string) => {
      if (loaded.has(out)) return;
      loaded.add(out);
      for (const i of meta.outputs[out]!.imports) if (i.kind === 'import-statement' && meta.outputs[i.path]) visit(i.path);
    };
    for (const input of ['src/bin.ts', 'src/main.ts', 'src/commands/run.ts', 'src/commands/wizard.ts']) visit(outputOf(input));
    const inputs = new Set([...loaded].flatMap((o) => Object.keys(meta.outputs[o]!.inputs)));
    expect(inputs.has('src/ui/screens/WelcomeScreen.tsx')).toBe(true);
    const later = ['src/core/diagnosis.ts', 'src/core/tomlEdit.ts', 'src/core/codexConfig.ts', 'src/services/real.ts', 'src/services/http.ts', 'src/wizard/effects.ts', 'src/ui/screens/ModelsScreen.tsx', 'src/core/teamTemplate.ts'];
    expect(later.filter((f) => inputs.has(f))).toEqual([]);
  });

  it('starts with React in its production build', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const text = CHUNK_TEXT();
    // Production React reports errors by number; only the development build carries the warning texts.
    expect(text).toContain('Minified React error');
    expect(text).not.toContain('Each child in a list should have a unique "key" prop');
  });

  it('runs --help from a copy in an empty directory (only dist/cli.js and dist/chunks.pack, no node_modules anywhere near it)', () => {
    const dir = mkdtempSync(join(tmp, 'bare-'));
    const copy = copyDist(dir);
    const out = execFileSync(process.execPath, [copy, '--help'], { cwd: dir, env: bareEnv(dir), encoding: 'utf8', timeout: 20_000 });
    expect(out).toContain('Usage');
    expect(out).toContain('codex-bedrock-setup');
  });

  it('runs a lazily loaded path (AWS SDK, emulator) from the same copy: --demo models --json', () => {
    const dir = mkdtempSync(join(tmp, 'bare-'));
    const copy = copyDist(dir);
    const out = execFileSync(process.execPath, [copy, '--demo', 'models', '--json'], {
      cwd: dir,
      env: bareEnv(dir),
      encoding: 'utf8',
      timeout: 25_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const doc = JSON.parse(out) as { ok: boolean; regions: { region: string; models: { id: string; inControlPlane?: boolean }[] }[] };
    expect(doc.ok).toBe(true);
    expect(doc.regions[0]!.models.length).toBeGreaterThan(0);
    // inControlPlane comes from bedrock:ListFoundationModels, which goes through the bundled AWS SDK.
    expect(doc.regions[0]!.models.some((m) => m.inControlPlane === true)).toBe(true);
  });

  it('installs from the packed tarball and runs (npm pack, npm i -g --prefix)', () => {
    const dir = mkdtempSync(join(tmp, 'pack-'));
    const npmEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [
      { filename: string; size: number; files: { path: string }[] },
    ];
    expect(info.files.map((f) => f.path).sort()).toEqual(['README.md', 'assets/team.example.toml', 'dist/chunks.pack', 'dist/cli.js', 'package.json']);
    expect(info.files.some((f) => f.path === 'dist/meta.json')).toBe(false);
    expect(info.files.some((f) => f.path.startsWith('src/') || f.path.startsWith('node_modules/'))).toBe(false);
    expect(info.size).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    const prefix = join(dir, 'prefix');
    execFileSync('npm', ['i', '-g', '--offline', '--prefix', prefix, join(dir, info.filename)], { cwd: dir, env: npmEnv, stdio: 'ignore', timeout: 90_000 });
    const bin = join(prefix, 'bin', 'codex-bedrock-setup');
    const help = execFileSync(bin, ['--help'], { cwd: dir, env: bareEnv(dir), encoding: 'utf8', timeout: 20_000 });
    expect(help).toContain('Usage');
    const models = execFileSync(bin, ['--demo', 'models'], { cwd: dir, env: bareEnv(dir), encoding: 'utf8', timeout: 25_000 });
    expect(models).toMatch(/us-east-1: \d+ models?/);
  }, 120_000);
});
