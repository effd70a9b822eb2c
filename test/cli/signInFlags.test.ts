import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/args.js';
import { SETUP, WIZARD } from '../../src/cli/flags.js';
import { helpText } from '../../src/cli/help.js';
import { wizardOptions } from '../../src/wizard/prefill.js';

describe('--device-code and --browser', () => {
  it('set how IAM Identity Center sign-in runs, for setup and the wizard', () => {
    expect(parseCli(['setup', '--yes', '--auth', 'sso', '--device-code']).deviceCode).toBe(true);
    expect(parseCli(['--browser']).browser).toBe(true);
    expect(wizardOptions(parseCli(['--device-code'])).sso?.signIn).toBe('device-code');
    expect(wizardOptions(parseCli(['--browser'])).sso?.signIn).toBe('browser');
    expect(wizardOptions(parseCli([])).sso?.signIn).toBeUndefined();
  });

  it('exclude each other, in either order', () => {
    for (const argv of [['--device-code', '--browser'], ['setup', '--yes', '--browser', '--device-code']]) {
      expect(() => parseCli(argv)).toThrow(UsageError);
      expect(() => parseCli(argv)).toThrow(/--(device-code|browser) and --(browser|device-code) exclude each other/);
    }
  });

  it('help says what happens without either, at 60 columns too', () => {
    for (const spec of [SETUP, WIZARD]) {
      const text = helpText(spec, 60);
      expect(text).toMatch(/--device-code/);
      expect(text).toMatch(/--browser/);
      expect(text.replace(/\s+/g, ' ')).toMatch(/default over SSH, in WSL or a container, or without a display/);
      // The two rows and their wrapped lines, up to the next flag's row.
      const lines = text.split('\n');
      const from = lines.findIndex((l) => l.startsWith('  --device-code'));
      const next = lines.findIndex((l, i) => i > from + 1 && /^ {2}-/.test(l) && !l.startsWith('  --browser'));
      const rows = lines.slice(from, next);
      expect(rows.join(' ')).toMatch(/--browser/);
      expect(rows.filter((l) => [...l].length > 60)).toEqual([]);
    }
  });
});
