import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'smol-toml';
import { removeTable, setKey } from '../../src/core/tomlEdit.js';

const AWS = ['model_providers', 'amazon-bedrock', 'aws'];

const sp = fc.constantFrom('', ' ', '  ', '\t');
const commentText = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''));
const trailing = fc.option(commentText.map((c) => ` # ${c}`), { nil: '' });
const keys = fc.constantFrom('alpha', 'beta_2', 'gamma-x', '"quoted key"', '"ünï"', "'lit key'", 'delta', '7');
const tomlString = fc
  .string({ unit: 'grapheme', maxLength: 10 })
  .map((s) => JSON.stringify(s).replace(/\u007f/g, '\\u007f'));
const value = fc.oneof(
  tomlString,
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.boolean().map(String),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }).map((a) => `[${a.join(', ')}]`),
  fc.constant('{ a = 1, "b c" = "d" }'),
  // ⏎ becomes the document's line ending.
  fc.constant('"""⏎multi⏎line = "x"⏎"""'),
);
const kvLines = fc
  .uniqueArray(keys, { maxLength: 4 })
  .chain((ks) => fc.tuple(...ks.map((k) => fc.tuple(sp, sp, value, trailing).map(([a, b, v, c]) => `${a}${k}${b}=${b}${v}${c}`))));
const filler = fc.array(fc.oneof(commentText.map((c) => `# ${c}`), fc.constant('')), { maxLength: 2 });
const tableNames = fc.uniqueArray(fc.constantFrom('server', 'tools.x', '"odd name".y', 'mcp_servers.foo', 'profiles.other'), { maxLength: 3 });

// Ways a user may already have written the Bedrock settings.
const bedrockForms = [
  { top: [], tables: [] },
  { top: [], tables: [['[model_providers.amazon-bedrock.aws]', 'region = "eu-west-1"  # old', 'regoin = "x"']] },
  { top: [], tables: [['[model_providers."amazon-bedrock".aws]', "profile = 'old'"]] },
  { top: ['model_providers.amazon-bedrock.aws.region = "x"'], tables: [] },
  { top: [], tables: [['[model_providers.amazon-bedrock]', 'base_url = "http://127.0.0.1:1/v1"', 'aws = { region = "x" }']] },
  { top: [], tables: [['[model_providers]', 'amazon-bedrock.aws.region = "x" # dotted']] },
  { top: [], tables: [['[model_providers.amazon-bedrock]', 'base_url = "http://h/v1"']] },
];

const docArb = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    finalNewline: fc.boolean(),
    lead: filler,
    top: kvLines,
    form: fc.integer({ min: 0, max: bedrockForms.length - 1 }),
    tables: tableNames.chain((names) => fc.tuple(...names.map((n) => fc.tuple(filler, kvLines).map(([f, kv]) => [...f, `[${n}]`, ...kv])))),
    formFirst: fc.boolean(),
  })
  .map((r) => {
    const form = bedrockForms[r.form]!;
    const tables = r.formFirst ? [...form.tables, ...r.tables] : [...r.tables, ...form.tables];
    const lines = [...r.lead, ...form.top, ...r.top, ...tables.flat()];
    const body = (lines.join(r.eol) + (r.finalNewline && lines.length ? r.eol : '')).replace(/⏎/g, r.eol);
    return (r.bom ? '\uFEFF' : '') + body;
  })
  .filter((doc) => {
    try {
      parse(doc.replace(/^\uFEFF/, ''));
      return true;
    } catch {
      return false;
    }
  });

const data = (doc: string): any => JSON.parse(JSON.stringify(parse(doc.replace(/^\uFEFF/, ''))));

function isSubsequence(small: string[], big: string[]): boolean {
  let j = 0;
  for (const line of big) if (j < small.length && line === small[j]) j++;
  return j === small.length;
}

const OURS = /region|profile|\{ region|aws = \{\}/;

describe('tomlEdit properties', () => {
  it('setKey changes only our keys, keeps every other line, is idempotent', () => {
    fc.assert(
      fc.property(docArb, fc.constantFrom('us-east-1', 'eu-north-1'), fc.constantFrom('codex-bedrock', 'p.1@x'), (doc, region, profile) => {
        let out = setKey(doc, AWS, 'region', region);
        out = setKey(out, AWS, 'profile', profile);
        const before = data(doc);
        const after = data(out);
        // Intended data: the original with exactly our two keys set.
        const want = JSON.parse(JSON.stringify(before));
        want.model_providers ??= {};
        want.model_providers['amazon-bedrock'] ??= {};
        want.model_providers['amazon-bedrock'].aws ??= {};
        Object.assign(want.model_providers['amazon-bedrock'].aws, { region, profile });
        expect(after).toEqual(want);
        // Every line that is not ours survives byte for byte, in order.
        // (The last line may gain a line break when a table is appended after it.)
        const outLines = out.split('\n');
        expect(isSubsequence(doc.split('\n').slice(0, -1).filter((l) => !OURS.test(l)), outLines)).toBe(true);
        if (doc.startsWith('\uFEFF')) expect(out.startsWith('\uFEFF')).toBe(true);
        if (doc.includes('\r\n')) expect(out.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
        // A second application changes nothing.
        expect(setKey(setKey(out, AWS, 'region', region), AWS, 'profile', profile)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });

  it('removeTable removes exactly the table and keeps unrelated lines', () => {
    const withLegacy = fc.tuple(docArb, kvLines, fc.constantFrom('\n', '\r\n')).map(([doc, kv, eol]) => {
      const sep = doc === '' || doc.endsWith('\n') ? '' : eol;
      return `${doc}${sep}${eol}# legacy${eol}[profiles.bedrock-prod]${eol}model = "m"${eol}${kv.join(eol)}${eol}[profiles.bedrock-prod.sub]${eol}k = 1${eol}`;
    });
    fc.assert(
      fc.property(withLegacy, (doc) => {
        fc.pre((() => {
          try {
            data(doc);
            return true;
          } catch {
            return false;
          }
        })());
        const out = removeTable(doc, ['profiles', 'bedrock-prod']);
        const want = data(doc);
        delete want.profiles['bedrock-prod'];
        if (Object.keys(want.profiles).length === 0) delete want.profiles;
        expect(data(out)).toEqual(want);
        const legacyStart = doc.lastIndexOf('# legacy');
        expect(isSubsequence(doc.slice(0, legacyStart).split('\n').slice(0, -1).filter((l) => l.trim() !== ''), out.split('\n'))).toBe(true);
        expect(removeTable(out, ['profiles', 'bedrock-prod'])).toBe(out);
      }),
      { numRuns: 200 },
    );
  });
});
