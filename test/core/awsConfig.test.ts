import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listAwsProfiles, parseAwsConfig, parseCredentialsFile, parseIni, upsertSection } from '../../src/core/awsConfig.js';

const sample = `# my aws config
[default]
region = us-east-1
s3 =
  max_concurrent_requests = 10
  max_queue_size = 1000
; legacy
[profile codex-bedrock]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = BedrockDeveloper
region = us-east-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile keys]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret
`;

describe('parseAwsConfig', () => {
  it('reads profiles, sessions and nested values', () => {
    const { profiles, ssoSessions } = parseAwsConfig(sample);
    expect(profiles.map((p) => p.name)).toEqual(['default', 'codex-bedrock', 'keys']);
    expect(profiles[1]).toMatchObject({ isSso: true, ssoSession: 'corp', ssoStartUrl: 'https://example.awsapps.com/start', ssoAccountId: '123456789012', region: 'us-east-1' });
    expect(profiles[2]).toMatchObject({ isSso: false, hasStaticKeys: true });
    expect(ssoSessions).toEqual([{ name: 'corp', startUrl: 'https://example.awsapps.com/start', region: 'us-east-1', scopes: 'sso:account:access' }]);
    expect(parseIni(sample)[0]!.values.s3).toBe('max_concurrent_requests = 10\nmax_queue_size = 1000');
    expect(JSON.stringify(profiles)).not.toContain('secret');
  });

  it('reads the credentials file names without secrets', () => {
    const names = parseCredentialsFile('[default]\naws_access_key_id = A\naws_secret_access_key = S\n[other]\nregion = x\n');
    expect(names).toEqual(['default']);
    const merged = listAwsProfiles('[profile a]\nregion = x\n', '[a]\naws_access_key_id = A\n[b]\naws_access_key_id = B\n');
    expect(merged.profiles.map((p) => [p.name, p.hasStaticKeys])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });
});

describe('upsertSection', () => {
  it('updates keys in place, drops a replaced nested value, appends missing keys before trailing blanks', () => {
    const out = upsertSection(sample, 'profile codex-bedrock', { region: 'us-west-2', sso_role_name: 'BedrockDeveloper', output: 'json' });
    expect(out).toBe(sample.replace('BedrockDeveloper\nregion = us-east-1\n', 'BedrockDeveloper\nregion = us-west-2\noutput = json\n'));
    const nested = upsertSection(sample, 'default', { s3: 'off' });
    expect(nested).toContain('[default]\nregion = us-east-1\ns3 = off\n; legacy\n');
  });

  it('creates a section at the end, separated by one blank line', () => {
    expect(upsertSection('[default]\nregion = x\n', 'sso-session corp', { sso_region: 'us-east-1' })).toBe(
      '[default]\nregion = x\n\n[sso-session corp]\nsso_region = us-east-1\n',
    );
    expect(upsertSection('', 'profile a', { region: 'x' })).toBe('[profile a]\nregion = x\n');
    expect(upsertSection('[default]\r\nregion = x', 'profile a', { region: 'y' })).toBe('[default]\r\nregion = x\r\n\r\n[profile a]\r\nregion = y');
  });

  it('refuses values that would inject INI', () => {
    expect(() => upsertSection('', 'profile a]\n[x', { region: 'x' })).toThrow(/not a valid section name/);
    expect(() => upsertSection('', 'profile a', { region: 'x\n[profile evil]' })).toThrow(/line breaks/);
    expect(() => upsertSection('', 'profile a', { 'bad key': 'x' })).toThrow(/key/);
  });

  it('property: only our section changes, other bytes survive, idempotent', () => {
    const word = fc.constantFrom('alpha', 'beta', 'region', 'output', 'sso_region', 'x_y');
    const val = fc.string({ maxLength: 8 }).map((s) => s.replace(/[\s\x00-\x1f\x7f]/g, '').replace(/^[\[;#]/, ''));
    const keyLine = fc.tuple(word, fc.constantFrom('=', ' = ', '  =\t'), val).map(([k, s, v]) => `${k}${s}${v}`);
    const section = fc.tuple(
      fc.constantFrom('[default]', '[profile other]', '[ profile  codex ]', '[sso-session corp]', '[profile codex]'),
      fc.array(fc.oneof(keyLine, fc.constant('# c'), fc.constant('; c'), fc.constant(''), fc.constant('s3 =\n  max = 1'))),
    ).map(([h, ls]) => [h, ...ls].join('\n'));
    const doc = fc.tuple(fc.array(section, { maxLength: 4 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ss, eol, fin]) => {
      const body = ss.join('\n');
      return (body + (fin && body ? '\n' : '')).replace(/\n/g, eol);
    });
    fc.assert(
      fc.property(doc, fc.dictionary(word, fc.constantFrom('us-east-1', 'json', 'corp'), { minKeys: 1 }), (text, values) => {
        const out = upsertSection(text, 'profile codex', values);
        const before = parseIni(text);
        const after = parseIni(out);
        for (const s of before) if (s.name !== 'profile codex') expect(after.find((a) => a.name === s.name)?.values).toEqual(s.values);
        const codex = after.find((a) => a.name === 'profile codex')!;
        for (const [k, v] of Object.entries(values)) expect(codex.values[k]).toBe(v);
        // Lines of other sections survive verbatim.
        const outLines = out.split('\n');
        let j = 0;
        const otherLines = text.split('\n').slice(0, -1).filter((l) => !/^(region|output|sso_region|alpha|beta|x_y|  max)/.test(l));
        for (const l of outLines) if (j < otherLines.length && l === otherLines[j]) j++;
        expect(j).toBe(otherLines.length);
        expect(upsertSection(out, 'profile codex', values)).toBe(out);
      }),
      { numRuns: 300 },
    );
  });
});
