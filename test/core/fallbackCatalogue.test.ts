// The stored fallback catalogue is what the installed Codex (the devDependency) prints, in its order:
// bumping @openai/codex without re-running scripts/fallback-catalogue.ts fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUT, readInstalledCatalogue, render } from '../../scripts/fallback-catalogue.js';
import { FALLBACK_CATALOGUE } from '../../src/core/codexCatalogue.fallback.js';
import { isOpenWeight } from '../../src/core/models.js';

describe('fallback Codex catalogue', () => {
  it('is generated from the installed Codex, byte for byte, and labelled with its version', () => {
    const installed = readInstalledCatalogue();
    expect(FALLBACK_CATALOGUE.codexVersion).toBe(installed.codexVersion);
    expect([...FALLBACK_CATALOGUE.models]).toEqual(installed.models);
    expect(readFileSync(OUT, 'utf8')).toBe(render(installed));
  });

  it('holds no open-weight model', () => {
    expect(FALLBACK_CATALOGUE.models.length).toBeGreaterThan(0);
    expect(FALLBACK_CATALOGUE.models.filter(isOpenWeight)).toEqual([]);
  });
});
