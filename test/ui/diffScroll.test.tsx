import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices, PLAN } from './fakes.js';
import { renderApp } from './helpers.js';
import { atConfig } from './states.js';

afterEach(() => cleanup());

const PGDN = '\u001B[6~';
const PGUP = '\u001B[5~';

// A config with 40 settings: far more than any screen's room.
const keys = Array.from({ length: 40 }, (_, i) => `setting_${String(i).padStart(2, '0')} = ${i}`);
const LONG = {
  ...PLAN,
  changes: [{ ...PLAN.changes[0], diff: `--- a/config.toml\n+++ b/config.toml\n@@ -1 +1,40 @@\n${keys.map((k) => `+${k}`).join('\n')}\n` }, PLAN.changes[1]],
};

describe('config screen diff', () => {
  for (const [columns, rows] of [[60, 24], [80, 24], [100, 30], [200, 50]] as const) {
    it(`a diff longer than the space scrolls within the frame at ${columns}×${rows}`, async () => {
      const s = fakeServices();
      s.config.planCodexConfig = async () => LONG;
      const ui = renderApp(s, atConfig(), { columns, rows });
      const f = await ui.waitText('Write these files');
      expect(f).not.toMatch(/more lines/);
      expect(f).toContain('scroll diff');
      expect(f).toMatch(/lines 1–\d+ of 45/);
      expect(f.split('\n').length).toBeLessThan(rows);
      const seen = [f];
      for (let i = 0; i < 12; i++) {
        await ui.press(PGDN);
        seen.push(ui.frame());
      }
      for (const x of seen) expect(x.split('\n').length).toBeLessThan(rows);
      // Every line of both files can be read, and the last file's title too.
      for (const k of keys) expect(seen.some((x) => x.includes(`+${k}`))).toBe(true);
      expect(seen.some((x) => x.includes('new file /home/dev/.codex/bedrock-prod.config.toml'))).toBe(true);
      await ui.press(PGUP, PGUP, PGUP, PGUP, PGUP, PGUP, PGUP, PGUP, PGUP, PGUP);
      expect(ui.frame()).toMatch(/lines 1–/);
      // The menu still works under the scrolled diff.
      expect(ui.frame()).toContain('Edit choices');
    });
  }
});
