import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { getTable, removeKey, removeTable, setKey, TomlEditError } from '../../src/core/tomlEdit.js';

const AWS = ['model_providers', 'amazon-bedrock', 'aws'];

describe('setKey', () => {
  it('creates the table header in an empty document', () => {
    expect(setKey('', AWS, 'region', 'us-east-1')).toBe('[model_providers.amazon-bedrock.aws]\nregion = "us-east-1"\n');
  });

  it('replaces a value in place, keeping indentation and the trailing comment', () => {
    const doc = '[model_providers.amazon-bedrock.aws]\n  region   =  "x"   # my region\nprofile = "p"\n';
    expect(setKey(doc, AWS, 'region', 'us-west-2')).toBe('[model_providers.amazon-bedrock.aws]\n  region   =  "us-west-2"   # my region\nprofile = "p"\n');
  });

  it('edits a top-level dotted key where it is', () => {
    const doc = 'model_providers.amazon-bedrock.aws.region = "x"\n\n[other]\na = 1\n';
    const out = setKey(doc, AWS, 'profile', 'p');
    expect(out).toBe('model_providers.amazon-bedrock.aws.region = "x"\nmodel_providers.amazon-bedrock.aws.profile = "p"\n\n[other]\na = 1\n');
    expect(setKey(doc, AWS, 'region', 'y')).toBe(doc.replace('"x"', '"y"'));
  });

  it('edits dotted keys inside a parent table', () => {
    const doc = '[model_providers]\namazon-bedrock.aws.region = "x" # r\n';
    expect(setKey(doc, AWS, 'profile', 'p')).toBe('[model_providers]\namazon-bedrock.aws.region = "x" # r\namazon-bedrock.aws.profile = "p"\n');
  });

  it('edits inside an inline table', () => {
    const doc = '[model_providers.amazon-bedrock]\naws = { region = "x" } # inline\n';
    expect(setKey(doc, AWS, 'region', 'y')).toBe('[model_providers.amazon-bedrock]\naws = { region = "y" } # inline\n');
    expect(setKey(doc, AWS, 'profile', 'p')).toBe('[model_providers.amazon-bedrock]\naws = { region = "x", profile = "p" } # inline\n');
    expect(setKey('[model_providers.amazon-bedrock]\naws = {}\n', AWS, 'profile', 'p')).toBe('[model_providers.amazon-bedrock]\naws = { profile = "p" }\n');
  });

  it('refuses a multi-line inline table it cannot extend safely, instead of corrupting it', () => {
    const doc = '[model_providers.amazon-bedrock]\naws = {\n  region = "x", # c\n}\n';
    // Either a valid edit or a clear refusal; never an invalid document.
    let out: string | undefined;
    try {
      out = setKey(doc, AWS, 'profile', 'p');
    } catch (e) {
      expect(e).toBeInstanceOf(TomlEditError);
    }
    if (out !== undefined) expect((parse(out) as any).model_providers['amazon-bedrock'].aws).toEqual({ region: 'x', profile: 'p' });
  });

  it('matches quoted keys', () => {
    const doc = '[model_providers."amazon-bedrock".aws]\nregion = "x"\n';
    expect(setKey(doc, AWS, 'region', 'y')).toBe('[model_providers."amazon-bedrock".aws]\nregion = "y"\n');
  });

  it('keeps CRLF for new lines and a missing final newline', () => {
    const out = setKey('a = 1\r\n[z]\r\nq = 1', AWS, 'profile', 'p');
    expect(out).toBe('a = 1\r\n[z]\r\nq = 1\r\n\r\n[model_providers.amazon-bedrock.aws]\r\nprofile = "p"');
  });

  it('puts new top-level keys before the first table, after the leading comments', () => {
    expect(setKey('# my config\n\n[x]\na = 1\n', [], 'model', 'm')).toBe('# my config\n\nmodel = "m"\n\n[x]\na = 1\n');
    expect(setKey('a = 1 # c\n\n# about x\n[x]\n', [], 'model', 'm')).toBe('a = 1 # c\nmodel = "m"\n\n# about x\n[x]\n');
  });

  it('appends to an existing table after its last key, before the next table\'s comments', () => {
    const doc = '[a]\nx = 1\n\n# about b\n[b]\ny = 2\n';
    expect(setKey(doc, ['a'], 'z', true)).toBe('[a]\nx = 1\nz = true\n\n# about b\n[b]\ny = 2\n');
  });

  it('preserves a BOM', () => {
    const out = setKey('\uFEFF[z]\nq = 1\n', [], 'model', 'm');
    expect(out.startsWith('\uFEFFmodel = "m"\n')).toBe(true);
  });

  it('quotes keys and escapes strings', () => {
    const out = setKey('', ['t'], 'odd key', 'a"b\\c\nd');
    expect((parse(out) as any).t['odd key']).toBe('a"b\\c\nd');
  });

  it('returns the same text when the value is already set', () => {
    const doc = "[model_providers.amazon-bedrock.aws]\nregion = 'us-east-1'\n";
    expect(setKey(doc, AWS, 'region', 'us-east-1')).toBe(doc);
  });

  it('reports malformed input with line and column', () => {
    expect(() => setKey('a = 1\nb = [\nc', [], 'x', 1)).toThrow(/config\.toml line 3, column \d+: /);
    expect(() => setKey('a = ', [], 'x', 1, { fileName: 'p.config.toml' })).toThrow(/^p\.config\.toml line 1, column/);
  });

  it('refuses to turn a value into a table', () => {
    expect(() => setKey('model_providers = "x"\n', AWS, 'region', 'r')).toThrow(/model_providers is a value/);
  });

  it('refuses to edit inside an array of tables', () => {
    expect(() => setKey('[[model_providers]]\na = 1\n', AWS, 'region', 'r')).toThrow(/array of tables/);
  });
});

describe('removeKey / removeTable / getTable', () => {
  it('removes a legacy profile table with its sub-tables and its own comment, keeping the next table\'s comment', () => {
    const doc = 'a = 1\n\n# legacy\n[profiles.x]\nmodel = "m"\n[profiles.x.sub]\nk = 1\n\n# about y\n[y]\nb = 2\n\n[profiles.z]\nq = 1\n';
    expect(removeTable(doc, ['profiles', 'x'])).toBe('a = 1\n\n# about y\n[y]\nb = 2\n\n[profiles.z]\nq = 1\n');
  });

  it('removes a table at the end without leaving blank lines', () => {
    expect(removeTable('a = 1\n\n[profiles.x]\nmodel = "m"\n', ['profiles', 'x'])).toBe('a = 1\n');
  });

  it('removes dotted definitions of a table', () => {
    expect(removeTable('[profiles]\nx.model = "m"\ny.model = "n"\n', ['profiles', 'x'])).toBe('[profiles]\ny.model = "n"\n');
  });

  it('removes a key, also inside an inline table', () => {
    expect(removeKey('profile = "x"\nmodel = "m"\n', [], 'profile')).toBe('model = "m"\n');
    expect(removeKey('[p]\naws = { region = "x", profile = "p" }\n', ['p', 'aws'], 'profile')).toBe('[p]\naws = { region = "x" }\n');
    expect(removeKey('[p]\naws = { profile = "p", region = "x" }\n', ['p', 'aws'], 'profile')).toBe('[p]\naws = { region = "x" }\n');
  });

  it('is a no-op for a missing key', () => {
    expect(removeKey('a = 1', [], 'b')).toBe('a = 1');
  });

  it('getTable returns parsed data', () => {
    expect(getTable('[a.b]\nc = 1\n', ['a', 'b'])).toEqual({ c: 1 });
    expect(getTable('a = 1', ['a'])).toBeUndefined();
  });
});
