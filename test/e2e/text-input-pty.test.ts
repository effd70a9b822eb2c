// Text typed into the wizard on a real terminal: many keys in one read, a paste with a line break, editing keys.
import { describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { KEY, spawnCli } from './pty.js';

describe('text input on a terminal', () => {
  it('keeps every key of one read, edits with Ctrl-W/Ctrl-U and ←, and a paste ending in a newline submits', async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv({ NO_COLOR: '1' }), cols: 80, rows: 24 });
    try {
      await run.waitFor('1/7 · Welcome');
      await run.press(KEY.enter, 'enter continue');
      await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
      await run.press(KEY.up, '❯ custom region');
      const prompt = await run.press(KEY.enter, 'AWS region:');
      // The placeholder reads as an example, never as a value, without colour.
      expect(prompt).toContain('(e.g. eu-west-3)');
      // One read: typed words, Ctrl-W twice, more text, ← and an insert.
      await run.press('junk words\u0017\u0017eu-wst-1', /AWS region: [a-z]/);
      // The keys of one read are applied one after another, each drawn: wait for the last.
      expect(await run.waitFor('AWS region: eu-wst-1▏')).toMatch(/AWS region: eu-wst-1▏/);
      run.write('\u001B[D\u001B[D\u001B[D\u001B[De');
      await run.waitFor('eu-we▏st-1');
      // Ctrl-U clears it all; then a paste with a trailing newline, in one read, submits.
      run.write('\u001B[F\u0015');
      await run.waitFor(/AWS region:\s+▏ \(e\.g\./);
      run.write('eu-west-1\n');
      const next = await run.waitFor('❯ IAM Identity Center');
      expect(next).toContain('eu-west-1');
    } finally {
      run.kill();
    }
  });
});
