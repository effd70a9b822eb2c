// --demo from a fresh clone rehearses with the Codex the project installs (a devDependency), after any on PATH.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devCodexBin, startDemo, withFallbackBin } from '../src/demo.js';

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
