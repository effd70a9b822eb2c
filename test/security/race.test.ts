// Truly concurrent writers (separate processes, released at the same instant) on one home: every run
// that says it wrote has its change in the files, every other run left nothing behind, no lock or temp remains.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const WRITERS = 12;

describe('concurrent runs on one home', () => {
  it(`${WRITERS} processes writing the AWS config and Codex config at once lose nothing`, async () => {
    const home = mkdtempSync(join(tmpdir(), 'cbs-race-'));
    mkdirSync(join(home, '.aws'));
    // Starting a TypeScript process takes a while: release them all together once each has planned.
    const startAt = Date.now() + 6_000;
    const results = await Promise.all(
      Array.from({ length: WRITERS }, async (_, i) => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve('test/security/raceWriter.ts'), home, String(i), String(startAt)], { timeout: 40_000 });
        return JSON.parse(stdout) as { sso: string; codex: string };
      }),
    );
    const aws = readFileSync(join(home, '.aws', 'config'), 'utf8');
    const codexHome = join(home, '.codex');
    results.forEach((r, i) => {
      for (const outcome of [r.sso, r.codex]) expect(outcome, `writer ${i}`).toMatch(/^ok$|since it was read.*Nothing was written|Another codex-bedrock-setup run .* Nothing was written/);
      // Written means present; refused means nothing of it remains (its profile file included).
      expect(aws.includes(`[profile p${i}]`), `writer ${i} sso ${r.sso}`).toBe(r.sso === 'ok');
      expect(existsSync(join(codexHome, `c${i}.config.toml`)), `writer ${i} codex ${r.codex}`).toBe(r.codex === 'ok');
    });
    expect(results.some((r) => r.sso === 'ok')).toBe(true);
    expect(results.some((r) => r.codex === 'ok')).toBe(true);
    const config = parse(readFileSync(join(codexHome, 'config.toml'), 'utf8')) as { model_providers: { 'amazon-bedrock': { aws: { region: string } } } };
    expect(['us-east-1', 'us-west-2']).toContain(config.model_providers['amazon-bedrock'].aws.region);
    for (const d of [join(home, '.aws'), codexHome]) expect(readdirSync(d).filter((n) => /cbs-tmp|\.lock$/.test(n)), d).toEqual([]);
  }, 60_000);
});
