// Bundles the CLI into one file: production React, every library inlined, so start-up
// does not walk node_modules (Ink unbundled costs ~1 s on a 2-core machine).
import { build } from 'esbuild';
import { chmodSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

// Code the packaged CLI can never run is replaced by stubs, so it is neither shipped nor parsed at start-up:
// - react-devtools-core and Ink's devtools (with its `ws` dependency): Ink loads them only when DEV=true;
//   marking them external would hoist a static import of packages users do not have.
// - node-forge: only the emulator's TLS-intercepting proxy needs it, and --demo runs the emulator direct.
// - is-in-ci: with CI set, Ink draws nothing until exit. Our Ink screens only run on a terminal (the CLI
//   refuses otherwise), where a blank screen waiting for keys is never right.
const STUBS = [
  { filter: /^is-in-ci$/, contents: 'export default false;' },
  { filter: /^react-devtools-core$/, contents: 'export default { connectToDevTools() {} };' },
  { filter: /^\.\/devtools\.js$/, importer: /[\\/]ink[\\/]build[\\/]reconciler\.js$/, contents: 'export {};' },
  {
    filter: /^node-forge$/,
    contents: "const no = () => { throw new Error('the packaged CLI has no TLS-intercepting emulator proxy'); };\nexport default new Proxy({}, { get: no });",
  },
];

const stubs = {
  name: 'stubs',
  setup(b) {
    STUBS.forEach((stub, i) => {
      b.onResolve({ filter: stub.filter }, (args) =>
        stub.importer && !stub.importer.test(args.importer) ? undefined : { path: String(i), namespace: 'stub' },
      );
    });
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[Number(args.path)].contents, loader: 'js' }));
  },
};

// yoga-layout (Ink's layout engine) ships its wasm as a data: URI and, when fetch exists, loads it with
// fetch(): that pulls in Node's undici (~60 ms of CPU before the first frame). Decoding it with Buffer
// gives the same bytes without it. The exact text is checked so a yoga update cannot silently undo this.
const YOGA_FETCH = 'function ya(){return w||"function"!=typeof fetch?';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.split(YOGA_FETCH).length !== 2) throw new Error(`yoga-layout changed: "${YOGA_FETCH}" not found once in ${args.path}; update scripts/build.mjs`);
      const contents = source.replace(YOGA_FETCH, 'function ya(){w||(w=Buffer.from(H.slice(37),"base64"));return w||"function"!=typeof fetch?');
      return { contents, loader: 'js' };
    });
  },
};

/** The published bundle's esbuild options (the bench builds an instrumented twin from them). */
export function cliBuildOptions() {
  return {
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    splitting: false,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [stubs, yogaWithoutFetch],
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await build(cliBuildOptions());
  chmodSync('dist/cli.js', 0o755);
  // Not published (package.json "files" lists dist/cli.js only): `npm run bench` reads it to show what the bundle holds.
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
}
