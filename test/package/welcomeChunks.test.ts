// The first frame reads few files (scripts/build.mjs groups what it loads from shared chunks into two), and the
// grouping loads nothing earlier than before: --help still reads no Ink. Reads the built dist/meta.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Meta = { outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }> };
const meta = JSON.parse(readFileSync(join(resolve('.'), 'dist/meta.json'), 'utf8')) as Meta;
const outputOf = (input: string) => Object.keys(meta.outputs).find((o) => input in meta.outputs[o]!.inputs)!;

/** The outputs loaded once the given sources have run: their chunks and what those import statically. */
function loadedBy(inputs: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of meta.outputs[o]!.imports) if (i.kind === 'import-statement' && meta.outputs[i.path]) visit(i.path);
  };
  for (const input of inputs) visit(outputOf(input));
  return seen;
}
const inputsOf = (outputs: Set<string>) => new Set([...outputs].flatMap((o) => Object.keys(meta.outputs[o]!.inputs)));

describe('the chunks before the first frame', () => {
  const welcome = loadedBy(['src/bin.ts', 'src/main.ts', 'src/commands/run.ts', 'src/commands/wizard.ts']);
  const shared = [...welcome].filter((o) => !meta.outputs[o]!.entryPoint && Object.keys(meta.outputs[o]!.inputs).some((i) => i.startsWith('src/')));

  it('hold the shared modules of the first frame in two chunks: the screens with Ink, and the rest', () => {
    expect(shared).toHaveLength(2);
    const [ui, core] = [...shared].sort((a) => (('node_modules/ink/build/ink.js' in meta.outputs[a]!.inputs) ? -1 : 1)).map((o) => meta.outputs[o]!.inputs);
    for (const m of ['node_modules/ink/build/ink.js', 'src/ui/screens/WelcomeScreen.tsx', 'src/ui/components/Frame.tsx']) expect(ui).toHaveProperty([m]);
    for (const m of ['src/cli/flags.ts', 'src/wizard/machine.ts', 'src/services/paths.ts']) expect(core).toHaveProperty([m]);
    expect(welcome.size).toBeLessThanOrEqual(8);
  });

  const INK = /node_modules\/(ink|react|yoga-layout)\/|^src\/ui\//;
  it('leave Ink and the screens out of what --help loads', () => {
    const help = inputsOf(loadedBy(['src/bin.ts', 'src/main.ts']));
    expect(help.has('src/cli/help.ts')).toBe(true);
    expect([...help].filter((i) => INK.test(i))).toEqual([]);
  });

  it('group what loads later too, without Ink for the commands that draw none (setup --yes, models, smoke …)', () => {
    const commands = inputsOf(loadedBy(['src/bin.ts', 'src/main.ts', 'src/commands/run.ts', 'src/commands/all.ts']));
    expect(commands.has('src/core/tomlEdit.ts')).toBe(true);
    expect([...commands].filter((i) => INK.test(i))).toEqual([]);
    const sharedWithSources = Object.entries(meta.outputs).filter(([o, x]) => o.endsWith('.js') && !x.entryPoint && Object.keys(x.inputs).some((i) => i.startsWith('src/')));
    // core, screens with Ink, later, later screens
    expect(sharedWithSources.length).toBeLessThanOrEqual(4);
  });
});
