// Bundles the CLI into dist/cli.js and its lazy chunks: production React, every library inlined, so start-up
// does not walk node_modules (Ink unbundled costs ~1 s on a 2-core machine).
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

// Code the packaged CLI can never run is replaced by stubs, so it is neither shipped nor parsed at start-up:
// - react-devtools-core and Ink's devtools (with its `ws` dependency): Ink loads them only when DEV=true;
//   marking them external would hoist a static import of packages users do not have.
// - is-in-ci: with CI set, Ink draws nothing until exit. Our Ink screens only run on a terminal (the CLI
//   refuses otherwise), where a blank screen waiting for keys is never right.
const STUBS = [
  { filter: /^is-in-ci$/, contents: 'export default false;' },
  { filter: /^react-devtools-core$/, contents: 'export default { connectToDevTools() {} };' },
  { filter: /^\.\/devtools\.js$/, importer: /[\\/]ink[\\/]build[\\/]reconciler\.js$/, contents: 'export {};' },
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

// Edits to library sources, each checked to match exactly once so that an update cannot silently undo it.
// They move work out of start-up: everything below ran before the wizard's first frame.
const lazySegmenter = (options) =>
  `{ segment(text) { return (this.real ??= new Intl.Segmenter(undefined, ${options})).segment(text); } }`;
// The single-width symbols our screens use (· → ✓ ⠋ ─ …), beyond printable ASCII, in string-width's fast path:
// with it a first frame needs no segmenter. test/package/stringWidth.test.ts proves it agrees with string-width.
export const NARROW_SYMBOLS =
  '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E\\u2190-\\u2193\\u2500-\\u257F\\u2800-\\u28FF\\u2713\\u2717\\u276F';
const SOURCE_EDITS = [
  {
    // yoga-layout (Ink's layout engine) ships its wasm as a data: URI, compiled asynchronously (with fetch() when
    // it exists, which pulls in Node's undici, ~60 ms of CPU) behind a top-level await. Compiled synchronously from
    // the same bytes, the module has no top-level await: the launcher can run it as a script with a code cache.
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    edits: [['(function(){return w||"function"!=typeof WebAssembly.instantiateStreaming', 'return a(new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(H.slice(37),"base64")),d)),{};(function(){return w||"function"!=typeof WebAssembly.instantiateStreaming']],
  },
  {
    // With the wasm instantiated synchronously, the Emscripten module is ready when loadYoga returns.
    file: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    edits: [['const Yoga = wrapAssembly(await loadYoga());', 'const yogaModule = {};\nloadYoga(yogaModule);\nconst Yoga = wrapAssembly(yogaModule);']],
  },
  {
    // Ink's two top-level awaits serve only DEV=true (React devtools, its own version): never in this build.
    file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
    edits: [
      ["if (isDev()) {\n    try {\n        await import('./devtools.js');", "if (false) {\n    try {"],
      ['const packageJson = isDev()\n    ? await loadPackageJson()\n    : { name: undefined, version: undefined };', 'const packageJson = { name: undefined, version: undefined };'],
    ],
  },
  {
    // The first Intl.Segmenter loads ICU's break rules (~15 ms), and \p{RGI_Emoji} costs ~35 ms to build, when
    // the module loads or, as a literal, when the bundle compiles. Both are made on first need.
    file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      ['const segmenter = new Intl.Segmenter();', 'let segmenter;\nconst segmenterOf = () => (segmenter ??= new Intl.Segmenter());'],
      ['segmenter.segment(string)', 'segmenterOf().segment(string)'],
      ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;\nconst rgiEmojiOf = () => (rgiEmojiRegex ??= new RegExp("^\\\\p{RGI_Emoji}$", "v"));'],
      ['rgiEmojiRegex.test(segment)', 'rgiEmojiOf().test(segment)'],
      ['if (/^[\\u0020-\\u007E]*$/.test(string)) {', `if (/^[${NARROW_SYMBOLS}]*$/.test(string)) {`],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/,
    edits: [["new Intl.Segmenter(undefined, {granularity: 'grapheme'})", lazySegmenter("{granularity: 'grapheme'}")]],
  },
  {
    // Ink tokenizes every line of every frame into graphemes. A line of escape codes and single-width symbols
    // splits into one grapheme per UTF-16 unit (each is a break of its own), so it needs no segmenter: the first
    // frame then never loads ICU's break rules. test/package/inkOutput.test.ts proves both ways agree.
    file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
    edits: [
      ['new Intl.Segmenter(undefined, { granularity: "grapheme" })', lazySegmenter('{ granularity: "grapheme" }')],
      [
        'for (const { segment, index } of segmenter.segment(str)) {',
        `for (const { segment, index } of (/^[\\u001B${NARROW_SYMBOLS}]*$/.test(str) ? Array.from(str, (segment, index) => ({ segment, index })) : segmenter.segment(str))) {`,
      ],
    ],
  },
  {
    // Ink turns a frame into text cell by cell (a full-screen frame is ~3,000 cells), diffing the styles of each
    // cell with its neighbour through three Sets: on the first frame that was ~15 ms and most of its garbage.
    // Neighbours with the same styles (nearly all) need no diff: it would be empty.
    file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
    edits: [
      [
        'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
        'const from = chars[i - 1].styles, to = char.styles;\n            if (from !== to && (from.length !== to.length || from.some((c, j) => c.code !== to[j].code || c.endCode !== to[j].endCode))) ret += ansiCodesToString(diffAnsiCodes(from, to));',
      ],
    ],
  },
  {
    // The blank cells of a frame: one shared, never-mutated cell (a cell is replaced when written, not changed).
    file: /[\\/]ink[\\/]build[\\/]output\.js$/,
    edits: [
      [
        "row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
        'row.push(BLANK_CELL);',
      ],
      ['export default class Output {', "const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });\nexport default class Output {"],
    ],
  },
];
const sourceEdits = {
  name: 'source-edits',
  setup(b) {
    for (const { file, edits } of SOURCE_EDITS) {
      b.onLoad({ filter: file }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (source.split(from).length !== 2) throw new Error(`"${from}" not found once in ${args.path}: the library changed; update scripts/build.mjs`);
          source = source.replace(from, () => to);
        }
        return { contents: source, loader: 'js' };
      });
    }
  },
};

// wrap-ansi brings an older string-width of its own (with emoji-regex): every import gets the one Ink uses.
const oneStringWidth = {
  name: 'one-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'one-string-width') return undefined;
      const r = await b.resolve('string-width', { resolveDir: REPO, kind: args.kind, pluginData: 'one-string-width' });
      return { path: r.path };
    });
  },
};

// With code splitting, import() of a CommonJS package yields only { default } (Node's rule for a real module),
// where the one-file bundle gave its named exports too. The SDK's packages are CommonJS and src/ destructures
// them: each lazy import gets an ES module facade with the package's export names, read at build time.
const requireFromRepo = createRequire(join(REPO, 'package.json'));
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const cjsFacades = {
  name: 'cjs-facades',
  setup(b) {
    b.onResolve({ filter: /^@(?:aws-sdk|smithy)\// }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]src[\\/]/.test(args.importer) ? { path: args.path, namespace: 'cjs-facade' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cjs-facade' }, (args) => {
      const names = Object.keys(requireFromRepo(args.path)).filter((n) => n !== 'default' && IDENTIFIER.test(n));
      const pkg = JSON.stringify(args.path);
      return { contents: `import * as m from ${pkg};\nexport const { ${names.join(', ')} } = m;`, loader: 'js', resolveDir: REPO };
    });
  },
};

/** The published bundle's esbuild options (the bench builds an instrumented twin from them). */
export function cliBuildOptions() {
  return {
    // dist/cli.js is the package's bin; src/bin.ts its source.
    entryPoints: { cli: 'src/bin.ts' },
    outdir: 'dist',
    entryNames: '[name]',
    // Lazy chunks beside cli.js (package.json "files": dist/*.js): what a command imports with import() is
    // read and compiled only when that command runs, not before the wizard's first frame.
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    splitting: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [stubs, sourceEdits, oneStringWidth, cjsFacades],
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  };
}

/** The same bundle as one file at `outfile` (the bench's instrumented twins and the Ink floor). */
export function oneFileBuildOptions(outfile) {
  const { outdir: _dir, entryNames: _entries, chunkNames: _chunks, ...base } = cliBuildOptions();
  return { ...base, outfile, splitting: false };
}

// What the wizard runs before its first frame: the entry, main, the command runner and the wizard command.
const WELCOME_ENTRIES = ['src/bin.ts', 'src/main.ts', 'src/commands/run.ts', 'src/commands/wizard.ts'];

/**
 * esbuild puts a module shared by lazy entries into a chunk per set of entries that reach it: the first frame
 * read ~20 small chunks, each a file to open, compile and link (and one more for npx to unpack). The shared
 * modules the first frame loads are put in two groups, our screens (with Ink's chunk) and the rest, and every
 * entry that reaches one module of a group is made to import the whole group: a group then has a single set of
 * entries, so it is one chunk. Nothing loads earlier than before: a group holds only what the first frame loads.
 */
export function welcomeGroups(meta) {
  const outputs = meta.outputs;
  const outputOf = (input) => Object.keys(outputs).find((o) => input in outputs[o].inputs);
  const reach = (start) => {
    const seen = new Set();
    const visit = (o) => {
      if (seen.has(o)) return;
      seen.add(o);
      for (const i of outputs[o].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
    };
    visit(start);
    return seen;
  };
  const welcome = new Set(WELCOME_ENTRIES.flatMap((input) => [...reach(outputOf(input))]));
  const groups = { core: new Set(), ui: new Set(), later: new Set(), laterUi: new Set() };
  for (const o of Object.keys(outputs)) {
    if (outputs[o].entryPoint) continue;
    for (const input of Object.keys(outputs[o].inputs)) {
      if (!/^src\/.*\.tsx?$/.test(input)) continue;
      const ui = input.startsWith('src/ui/');
      groups[welcome.has(o) ? (ui ? 'ui' : 'core') : ui ? 'laterUi' : 'later'].add(input);
    }
  }
  // Which entries import each group: those reaching any of its modules (only our own sources get the import).
  const entries = Object.keys(outputs).filter((o) => outputs[o].entryPoint?.startsWith('src/'));
  const importers = {};
  for (const [name, members] of Object.entries(groups)) {
    importers[name] = entries
      .filter((e) => [...reach(e)].some((o) => Object.keys(outputs[o].inputs).some((input) => members.has(input))))
      .map((e) => outputs[e].entryPoint);
  }
  return Object.entries(groups).map(([name, members]) => ({ name, members: [...members], importers: importers[name] }));
}

const groupsPlugin = (groups) => ({
  name: 'welcome-groups',
  setup(b) {
    const importersOf = new Map();
    for (const g of groups) for (const e of g.importers) importersOf.set(join(REPO, e), [...(importersOf.get(join(REPO, e)) ?? []), g.name]);
    b.onResolve({ filter: /^welcome-group:/ }, (args) => ({ path: args.path.slice('welcome-group:'.length), namespace: 'welcome-group' }));
    b.onLoad({ filter: /.*/, namespace: 'welcome-group' }, (args) => ({
      contents: groups.find((g) => g.name === args.path).members.map((m) => `import ${JSON.stringify(join(REPO, m))};`).join('\n'),
      loader: 'js',
      resolveDir: REPO,
    }));
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const names = importersOf.get(args.path);
      if (!names) return undefined;
      const source = await readFile(args.path, 'utf8');
      return { contents: names.map((n) => `import 'welcome-group:${n}';\n`).join('') + source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
});

/**
 * The published build: once to see what the first frame loads, then again with that grouped into chunks. Each
 * chunk is then turned into a CommonJS script that dist/cli.js (src/launch/launcher.ts) runs with V8's code cache:
 * Node 20 caches no ES module, and Node 22's compile cache holds only what a module's top level compiled.
 */
export async function buildCli(options = cliBuildOptions()) {
  const asScripts = {
    ...options,
    entryPoints: { bin: 'src/bin.ts' },
    // The launcher's wrapper gives each chunk `require` and its own URL (src/launch/chunkLoader.ts).
    banner: {},
    define: { ...options.define, 'import.meta.url': '__cbs_url' },
    write: false,
  };
  const first = await build(asScripts);
  const groups = welcomeGroups(first.metafile);
  const result = await build({ ...asScripts, plugins: [...options.plugins, groupsPlugin(groups)] });
  const outdir = join(REPO, options.outdir);
  mkdirSync(outdir, { recursive: true });
  const chunks = [];
  for (const file of result.outputFiles) chunks.push([`./${basename(file.path)}`, await chunkToScript(file.text, basename(file.path))]);
  const pack = packChunks(chunks);
  writeFileSync(join(outdir, 'chunks.pack'), pack);
  await build({
    entryPoints: { cli: 'src/launch/launcher.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
    define: { __CBS_BUILD__: JSON.stringify(createHash('sha256').update(pack).digest('hex').slice(0, 16)) },
    logLevel: 'warning',
  });
  return result;
}

/**
 * The format src/launch/pack.ts reads (a script cannot import its TypeScript): a first line indexing each chunk by
 * name as [offset, length] in the text after it (test/launch/pack.test.ts reads the built pack with unpack()).
 */
function packChunks(chunks) {
  const index = {};
  let offset = 0;
  for (const [name, source] of chunks) {
    index[name] = [offset, source.length];
    offset += source.length;
  }
  return `${JSON.stringify(index)}\n${chunks.map(([, source]) => source).join('')}`;
}

/**
 * An ES module chunk as a CommonJS script: imports become require() calls (import() too, so a chunk is never
 * loaded by Node's ES module loader), exports module.exports getters that keep esbuild's bindings live.
 */
async function chunkToScript(code, name) {
  if (/\bimport\.meta\b/.test(code)) throw new Error(`${name} still reads import.meta: its URL comes from the launcher as __cbs_url`);
  const { code: script } = await transform(code, { format: 'cjs', loader: 'js', target: 'node20', minify: true, legalComments: 'none', supported: { 'dynamic-import': false } });
  return script;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Chunk names carry content hashes: chunks of an earlier build must not linger and be published.
  rmSync('dist', { recursive: true, force: true });
  const result = await buildCli();
  chmodSync('dist/cli.js', 0o755);
  // Not published (package.json "files" lists dist/*.js only): `npm run bench` reads it to show what the bundle holds.
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
}
