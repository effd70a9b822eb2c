// The shape of the source tree, read from the sources themselves (the TypeScript parser, not a regex):
// - only src/services/ (and the emulator, which is a server) starts processes or opens sockets;
// - src/ui/ renders: it imports neither src/services/ nor Node's process and network modules;
// - the import graph among src/ files has no cycle.
// scripts/ is outside src/ and may do all of it (build, bench, recording the demo).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** Node's process and network modules, and the libraries that wrap them. */
const PROCESS_AND_NETWORK = new Set(['child_process', 'net', 'tls', 'http', 'https', 'http2', 'dgram', 'execa', 'node-pty', 'cross-spawn']);
const SPAWN_CALLS = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork', 'execa', 'execaSync', 'execaNode']);
const MAY_SPAWN_OR_CONNECT = (file: string) => file.startsWith('src/services/') || file.startsWith('src/emulator/');

/**
 * Violations in files other engineers are moving right now, each named with the import it makes.
 * Every entry must still be a violation (the test fails on a stale one), and the list is emptied at merge.
 */
const KNOWN_UNTIL_MERGE: { seams: string[]; ui: string[]; cycles: string[] } = {
  // "file -> module" for process/network imports and "file: call()" for spawns outside src/services.
  seams: [],
  // "file -> import" for value imports of src/services/ (or process/network modules) from src/ui/: the lead moves them.
  ui: [],
  // Each cycle as its files in order, starting from the alphabetically first, joined by " -> ".
  cycles: [],
};

interface Import {
  specifier: string;
  /** Erased at compile time: `import type`, or every named binding marked `type`. */
  typeOnly: boolean;
  line: number;
}

interface Source {
  file: string;
  imports: Import[];
  calls: { name: string; line: number }[];
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => relative(ROOT, join(dir, f)).split('\\').join('/'))
    .sort();
}

function parse(file: string): Source {
  return parseText(file, readFileSync(join(ROOT, file), 'utf8'));
}

/** Imports (static, dynamic, require) and spawn-like calls, as the TypeScript parser sees them. */
function parseText(file: string, text: string): Source {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: Import[] = [];
  const calls: Source['calls'] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      const typeOnly = node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      imports.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments;
      const literal = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && literal !== undefined) imports.push({ specifier: literal, typeOnly: false, line: lineOf(node) });
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require' && literal !== undefined) imports.push({ specifier: literal, typeOnly: false, line: lineOf(node) });
      else if (ts.isIdentifier(node.expression) && SPAWN_CALLS.has(node.expression.text)) calls.push({ name: node.expression.text, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import('x')` in a type position: erased, like `import type`.
      const lit = node.argument;
      if (ts.isLiteralTypeNode(lit) && ts.isStringLiteral(lit.literal)) imports.push({ specifier: lit.literal.text, typeOnly: true, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { file, imports, calls };
}

/** `node:net`, `net/promises`, `execa` → the module's base name; a relative or unknown specifier → null. */
function processOrNetworkModule(specifier: string): string | null {
  const base = specifier.replace(/^node:/, '').split('/')[0]!;
  return PROCESS_AND_NETWORK.has(base) ? base : null;
}

/** The src/ file a relative specifier names (`./x.js` is x.ts or x.tsx), or null for packages. */
function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const abs = resolve(ROOT, dirname(from), specifier);
  const stem = abs.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(stem, 'index.ts'), join(stem, 'index.tsx'), abs]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return relative(ROOT, candidate).split('\\').join('/');
  }
  return null;
}

/** Every elementary cycle's strongly connected component, as a canonical path through it (Tarjan, then one walk). */
function cyclesOf(graph: Map<string, Set<string>>): string[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || graph.get(v)?.has(v)) components.push(c);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  // Name each component by one cycle through its first file: readable, and stable while the code is unchanged.
  return components
    .map((c) => {
      const members = new Set(c);
      const start = [...c].sort()[0]!;
      const path = shortestCycle(graph, start, members);
      return [...path, start].join(' -> ');
    })
    .sort();
}

function shortestCycle(graph: Map<string, Set<string>>, start: string, members: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return path;
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const sources = listSources(SRC).map(parse);

function violations() {
  const seams: string[] = [];
  const ui: string[] = [];
  const graph = new Map<string, Set<string>>();
  for (const s of sources) {
    const edges = new Set<string>();
    graph.set(s.file, edges);
    const inUi = s.file.startsWith('src/ui/');
    for (const imp of s.imports) {
      const mod = processOrNetworkModule(imp.specifier);
      const local = resolveLocal(s.file, imp.specifier);
      if (mod && !imp.typeOnly && !MAY_SPAWN_OR_CONNECT(s.file)) seams.push(`${s.file} -> ${imp.specifier}`);
      if (inUi && !imp.typeOnly && (mod || local?.startsWith('src/services/'))) ui.push(`${s.file} -> ${local ?? imp.specifier}`);
      // Type-only imports are erased: they order no module evaluation and cannot form a cycle at run time.
      if (local && !imp.typeOnly) edges.add(local);
    }
    if (!MAY_SPAWN_OR_CONNECT(s.file)) for (const c of s.calls) seams.push(`${s.file}: ${c.name}()`);
  }
  return { seams: [...new Set(seams)].sort(), ui: [...new Set(ui)].sort(), cycles: cyclesOf(graph), graph };
}

describe('architecture seams (source scan)', () => {
  const found = violations();

  it('reads the real tree and sees both kinds of import', () => {
    expect(sources.length).toBeGreaterThan(100);
    const services = sources.filter((s) => s.file.startsWith('src/services/'));
    // The scanner itself must see what it polices: the process runner and the HTTP client import their modules.
    expect(services.flatMap((s) => s.imports.map((i) => processOrNetworkModule(i.specifier))).filter(Boolean)).toEqual(expect.arrayContaining(['execa', 'http', 'https', 'net', 'tls']));
    expect(sources.some((s) => s.imports.some((i) => i.typeOnly))).toBe(true);
    // The graph resolves `./x.js` to x.ts and x.tsx, static and dynamic imports alike.
    expect([...found.graph.get('src/services/real.ts')!]).toEqual(expect.arrayContaining(['src/services/tools.ts', 'src/services/ssoRunner.ts']));
    expect([...found.graph.get('src/commands/doctor.ts')!]).toContain('src/ui/doctor/runDoctorView.tsx');
  });

  it('only src/services/ and src/emulator/ spawn processes or open sockets', () => {
    expect(found.seams).toEqual([...KNOWN_UNTIL_MERGE.seams].sort());
  });

  it('one process runner: src/services/proc.ts is the only file that can start a program', () => {
    const spawners = sources.filter((s) => s.imports.some((i) => !i.typeOnly && ['child_process', 'execa', 'cross-spawn', 'node-pty'].includes(processOrNetworkModule(i.specifier) ?? '')));
    expect(spawners.map((s) => s.file)).toEqual(['src/services/proc.ts']);
  });

  it('src/ui/ imports neither src/services/ nor process or network modules (types excepted)', () => {
    expect(found.ui).toEqual([...KNOWN_UNTIL_MERGE.ui].sort());
  });

  it('the import graph among src/ files has no cycle', () => {
    expect(found.cycles).toEqual([...KNOWN_UNTIL_MERGE.cycles].sort());
  });
});

describe('the scanner', () => {
  it('finds cycles, and names each by a shortest path from its first file', () => {
    const g = new Map<string, Set<string>>([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set()],
      ['e', new Set(['e'])],
    ]);
    expect(cyclesOf(g)).toEqual(['a -> b -> c -> a', 'e -> e']);
    expect(cyclesOf(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))).toEqual([]);
  });

  it('tells type-only imports from value imports, and sees dynamic imports, require and spawn calls', () => {
    const file = 'test/architecture/fixture.ts';
    const { imports, calls } = parseText(
      file,
      [
        "import type { Socket } from 'node:net';",
        "import { type A, type B } from './types.js';",
        "import { type C, d } from './d.js';",
        "export type { E } from './e.js';",
        "export * from './f.js';",
        'const m = await import("node:child_process");',
        "const r = require('execa');",
        "spawn('aws', ['--version']);",
        '/x/.exec(s);',
      ].join('\n'),
    );
    expect(imports.map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}`)).toEqual(['node:net (type)', './types.js (type)', './d.js', './e.js (type)', './f.js', 'node:child_process', 'execa']);
    expect(calls.map((c) => c.name)).toEqual(['spawn']);
    expect(processOrNetworkModule('node:net')).toBe('net');
    expect(processOrNetworkModule('node:fs')).toBeNull();
    expect(processOrNetworkModule('https-proxy-agent')).toBeNull();
  });
});
