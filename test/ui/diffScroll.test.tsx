import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices, PLAN } from './fakes.js';
import { renderApp } from './helpers.js';
import { initialState } from '../../src/wizard/machine.js';
import { atConfig, atSmoke, INFO, run } from './states.js';

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

// Thirty ~/.aws/config lines: the SSO hand-off shows them before Enter writes them.
const awsLines = Array.from({ length: 30 }, (_, i) => `sso_line_${String(i).padStart(2, '0')} = ${i}`);
const LONG_AWS = { changes: [{ path: '/home/dev/.aws/config', before: '', after: 'x', diff: awsLines.map((l) => `+${l}`).join('\n') + '\n' }], migratedLegacy: [], warnings: [] };

function atSsoHandoff() {
  const pre = { ...INFO, awsClis: [{ path: '/usr/bin/aws', version: '2.31.4', major: 2 as const }], headless: null };
  const s0 = initialState({ region: 'us-east-1', auth: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1' } });
  return run(s0, { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: pre }, { type: 'NEXT' });
}

/** Pages through a screen's diff: every page is shorter than the terminal, and every line is seen once. */
async function readAll(ui: ReturnType<typeof renderApp>, rows: number, lines: string[], total: number, pointer?: string) {
  await ui.press('j');
  expect(ui.frame()).toMatch(/lines 2–/);
  // j scrolls the diff only: the menu under it keeps its choice.
  if (pointer) expect(ui.frame()).toContain(pointer);
  await ui.press('k');
  expect(ui.frame()).toMatch(/lines 1–/);
  // The first frame may predate the resize: the frames after a key are at the size under test.
  const seen = [ui.frame()];
  // Paging down reaches the end (the page shrinks with the window, never to nothing).
  for (let i = 0; i < total && !ui.frame().includes(`–${total} of ${total}`); i++) {
    await ui.press(PGDN);
    seen.push(ui.frame());
  }
  for (const x of seen) expect(x.split('\n').length).toBeLessThan(rows);
  for (const l of lines) expect(seen.some((x) => x.includes(`+${l}`)), `${l} seen`).toBe(true);
  for (let i = 0; i < total && !/lines 1–/.test(ui.frame()); i++) await ui.press(PGUP);
  expect(ui.frame()).toMatch(/lines 1–/);
}

describe('every diff before a write scrolls alike', () => {
  for (const [columns, rows] of [[60, 24], [80, 24], [100, 30]] as const) {
    it(`the SSO hand-off's ~/.aws/config diff at ${columns}×${rows}`, async () => {
      const s = fakeServices();
      s.config.planSsoProfile = async () => LONG_AWS;
      const ui = renderApp(s, atSsoHandoff(), { columns, rows });
      const f = await ui.waitFor((x) => /lines 1–\d+ of 31/.test(x), 'the scrolled diff');
      expect(f).not.toMatch(/more lines/);
      expect(f).toContain('scroll diff');
      // What to type in the aws CLI and where the profile goes stay in view under the diff.
      expect(f).toContain('Profile: codex-bedrock');
      expect(f).toContain('aws configure sso');
      await readAll(ui, rows, awsLines, 31);
      ui.unmount();
    });

    it(`the smoke test's profile-file fix at ${columns}×${rows}`, async () => {
      const ui = renderApp(fakeServices(), { ...atSmoke(), step: 'smoke-fix', fixPlan: LONG }, { columns, rows });
      const f = await ui.waitFor((x) => /lines 1–\d+ of 45/.test(x) && x.includes('Write it'), 'the scrolled fix');
      expect(f).not.toMatch(/more lines/);
      expect(f).toContain('scroll diff');
      await readAll(ui, rows, keys, 45, '❯ Write it');
      expect(ui.frame()).toContain('Write it (a backup is kept)');
      ui.unmount();
    });
  }
});
