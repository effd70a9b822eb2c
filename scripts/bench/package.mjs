// Package figures: what the bundle holds, and the size of what npm would publish.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Largest contributors to dist/*.js by package (bytes in the output), from esbuild's metafile. */
export function topInputs(repo, count = 8) {
  const meta = JSON.parse(readFileSync(join(repo, 'dist/meta.json'), 'utf8'));
  const byPackage = new Map();
  let bundleBytes = 0;
  for (const output of Object.values(meta.outputs)) {
    bundleBytes += output.bytes;
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return { bundleBytes, files: Object.keys(meta.outputs).length, top: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, count) };
}


/** `npm pack` into dir; returns the tarball's path and size. */
export function pack(repo, dir) {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [info] = JSON.parse(out);
  const tarball = join(dir, info.filename);
  return { tarball, bytes: statSync(tarball).size, files: info.files.map((f) => f.path) };
}

export function runtimeDependencies(repo) {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {});
}

/** npm's own floor for npx: a one-file package whose bin prints the line the bench waits for, packed into dir. */
export function packNpxFloor(dir) {
  const src = join(dir, 'npx-floor');
  mkdirSync(src, { recursive: true });
  const bin = 'cbs-npx-floor';
  writeFileSync(join(src, 'package.json'), JSON.stringify({ name: bin, version: '1.0.0', type: 'module', bin: { [bin]: 'cli.js' } }));
  writeFileSync(join(src, 'cli.js'), "#!/usr/bin/env node\nconsole.log('Welcome');\n", { mode: 0o755 });
  return { ...pack(src, dir), bin };
}
