import { describe, expect, it } from 'vitest';
import { CODEX_VERSION_TABLE, codexRanges, codexSince, codexSupports, compareVersions, knownVersion } from '../../src/core/codexVersions.js';
import { codexRegionNote, isCodexSupportedRegion } from '../../src/core/regions.js';

describe('the Codex version table', () => {
  it('gates each capability where the real binaries start (and stop) having it', () => {
    const at = (v: string) => (Object.fromEntries(CODEX_VERSION_TABLE.map((r) => [r.capability, codexSupports(v, r.capability)])) as Record<string, boolean>);
    expect(at('0.127.9')['bedrock-provider']).toBe(false);
    expect(at('0.128.0')).toMatchObject({ 'bedrock-provider': true, 'profile-files': false, 'codex-doctor': false });
    expect(at('0.134.0')).toMatchObject({ 'profile-files': true, 'govcloud-west': true, 'govcloud-east': false });
    expect(at('0.135.0')['govcloud-west']).toBe(false);
    expect(at('0.144.9')['provider-overrides']).toBe(false);
    expect(at('0.145.0')['provider-overrides']).toBe(true);
    expect(at('0.148.9')['auth-refresh']).toBe(false);
    expect(at('0.149.0')).toMatchObject({ 'auth-refresh': true, 'profile-over-bearer': false, 'region-error-wording': false });
    expect(at('0.150.0')).toMatchObject({ 'profile-over-bearer': true, 'managed-access-keys': true, 'region-error-wording': true, 'govcloud-west': false });
    expect(at('0.154.0')['credential-export']).toBe(false);
    expect(at('0.155.0')['credential-export']).toBe(true);
    expect(at('0.161.0')).toMatchObject({ 'govcloud-west': true, 'govcloud-east': true, 'govcloud-acknowledgement': false });
    expect(at('0.162.0')['govcloud-acknowledgement']).toBe(true);
    expect(at('0.169.0')['additional-tools']).toBe(false);
    expect(at('0.171.0')['additional-tools']).toBe(true);
  });

  it('takes an unknown version to be the newest, and reads `codex-cli X`', () => {
    expect(codexSupports(null, 'additional-tools')).toBe(true);
    expect(codexSupports(null, 'govcloud-west')).toBe(true);
    expect(codexSupports('codex-cli 0.148.0', 'auth-refresh')).toBe(false);
    expect(knownVersion('codex-cli 0.171.0\n')).toBe('0.171.0');
    expect(knownVersion('unknown')).toBeNull();
  });

  it('names the version a capability holds from, and its ranges', () => {
    expect(codexSince('auth-refresh')).toBe('0.149.0');
    expect(codexSince('govcloud-west')).toBe('0.161.0');
    expect(codexRanges('govcloud-west')).toBe('0.134.0 to before 0.135.0, 0.161.0+');
    expect(() => codexSince('nope' as never)).toThrow(/no Codex version row/);
  });

  it('keeps each capability’s rows in order and non-overlapping', () => {
    const byCap = new Map<string, typeof CODEX_VERSION_TABLE[number][]>();
    for (const r of CODEX_VERSION_TABLE) byCap.set(r.capability, [...(byCap.get(r.capability) ?? []), r]);
    for (const rows of byCap.values()) {
      for (let i = 1; i < rows.length; i++) expect(compareVersions(rows[i]!.since, rows[i - 1]!.until ?? '999.0.0')).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('GovCloud, as the installed Codex sees it', () => {
  it('accepts it where that Codex accepts it', () => {
    expect(isCodexSupportedRegion('us-gov-west-1', '0.134.0')).toBe(true);
    expect(isCodexSupportedRegion('us-gov-east-1', '0.134.0')).toBe(false);
    expect(isCodexSupportedRegion('us-gov-west-1', '0.155.0')).toBe(false);
    expect(isCodexSupportedRegion('us-gov-east-1', '0.171.0')).toBe(true);
    expect(isCodexSupportedRegion('us-east-1', '0.128.0')).toBe(true);
    expect(isCodexSupportedRegion('eu-west-3', '0.171.0')).toBe(false);
  });

  it('warns of the acknowledgement screen and the documentation, or says which versions accept it', () => {
    expect(codexRegionNote('us-gov-west-1', '0.171.0')).toBe(`Codex 0.171.0 will ask you to acknowledge "Using Codex with AWS GovCloud"; OpenAI's documentation does not list GovCloud as supported`);
    expect(codexRegionNote('us-gov-east-1', '0.161.0')).toBe("OpenAI's documentation does not list GovCloud as supported");
    expect(codexRegionNote('us-gov-east-1', '0.155.0')).toBe('Codex 0.155.0 rejects us-gov-east-1 (accepted by Codex 0.161.0+)');
    expect(codexRegionNote('us-east-1', '0.171.0')).toBeUndefined();
  });
});
