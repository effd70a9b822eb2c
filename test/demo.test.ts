// --demo from a fresh clone rehearses with the Codex the project installs (a devDependency), after any on PATH.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devCodexBin, startDemo, withFallbackBin } from '../src/demo.js';
import { demoApiKey } from '../src/core/demoApiKey.js';
import { createRealServices } from '../src/services/real.js';
import { isServiceError } from '../src/services/errors.js';

const REPO_BIN = resolve('node_modules/.bin');

describe('the demo finds a Codex', () => {
  it("finds the devDependency's codex from src/ (and so from dist/), and none where there is no node_modules", async () => {
    expect(devCodexBin(pathToFileURL(resolve('src/demo.ts')).href)?.replace(/\/$/, '')).toBe(REPO_BIN);
    expect(devCodexBin(pathToFileURL(resolve('dist/cli.js')).href)?.replace(/\/$/, '')).toBe(REPO_BIN);
    const empty = await mkdtemp(join(tmpdir(), 'demo-bin-'));
    try {
      expect(devCodexBin(pathToFileURL(join(empty, 'dist', 'cli.js')).href)).toBeNull();
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('puts that folder last on PATH, so a Codex the user installed wins', () => {
    expect(withFallbackBin(['/usr/local/bin', '/usr/bin'].join(delimiter), '/repo/node_modules/.bin')).toBe(['/usr/local/bin', '/usr/bin', '/repo/node_modules/.bin'].join(delimiter));
    expect(withFallbackBin(undefined, '/repo/node_modules/.bin')).toBe('/repo/node_modules/.bin');
    expect(withFallbackBin('/usr/bin', null)).toBe('/usr/bin');
  });

  it("the demo's environment carries it; without one, PATH is the user's", async () => {
    const withBin = await startDemo({ PATH: '/usr/bin' }, { codexBin: '/repo/node_modules/.bin' });
    try {
      expect(withBin.env.PATH).toBe(`/usr/bin${delimiter}/repo/node_modules/.bin`);
    } finally {
      await withBin.close();
    }
    const without = await startDemo({ PATH: '/usr/bin' }, { codexBin: null });
    try {
      expect(without.env.PATH).toBe('/usr/bin');
    } finally {
      await without.close();
    }
  });
});

describe("the demo's Bedrock API keys", () => {
  it('one per region, each valid there only: the rehearsal can take the API-key path in the region chosen', async () => {
    const demo = await startDemo({ PATH: '/usr/bin' }, { codexBin: null });
    try {
      // Without a --region the environment holds us-east-1's, as before.
      expect(demo.env.AWS_BEARER_TOKEN_BEDROCK).toBe(demoApiKey('us-east-1'));
      const services = await createRealServices({ env: demo.env, codexHome: demo.codexHome, emulatorUrl: demo.emulatorUrl });
      const key = (region: string) => ({ kind: 'api-key' as const, apiKey: demoApiKey(region) });
      expect(await services.aws.listMantleModels(key('eu-west-1'), 'eu-west-1')).toContain('openai.gpt-oss-120b');
      expect(await services.aws.listMantleModels(key('ap-south-1'), 'ap-south-1')).toEqual([]);
      // A key is still bound to its region: us-east-1's is refused in eu-west-1.
      const refused = await services.aws.listMantleModels(key('us-east-1'), 'eu-west-1').catch((e: unknown) => e);
      expect(isServiceError(refused) && refused.message).toMatch(/issued for region us-east-1 and cannot be used in eu-west-1/);
    } finally {
      await demo.close();
    }
  });

  it("a command's --region puts that region's key in AWS_BEARER_TOKEN_BEDROCK", async () => {
    const demo = await startDemo({ PATH: '/usr/bin' }, { codexBin: null, apiKeyRegion: 'eu-west-1' });
    try {
      expect(demo.env.AWS_BEARER_TOKEN_BEDROCK).toBe(demoApiKey('eu-west-1'));
    } finally {
      await demo.close();
    }
  });
});
