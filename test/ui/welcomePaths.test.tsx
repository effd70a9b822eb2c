// The welcome names the files it will write without ever splitting a path across rows.
import { describe, expect, it } from 'vitest';
import { fakeServices } from './fakes.js';
import { renderApp } from './helpers.js';
import { initialState } from '../../src/wizard/machine.js';

const LONG = '/tmp/codex-bedrock-demo-cCrtfZ/.codex';
const names = ['config.toml', 'bedrock-prod.config.toml', 'bedrock-staging.config.toml'];

describe('welcome: the files it writes', () => {
  it('at 80 columns with ~/.codex: one full path per row', async () => {
    const ui = renderApp(fakeServices(), initialState({ paths: { codexHome: '/home/dev/.codex', awsConfigPath: '/home/dev/.aws/config' } }), { columns: 80 });
    await ui.press(); // settle at the terminal size given
    const f = await ui.waitText('It writes');
    for (const n of names) expect(f).toContain(`  /home/dev/.codex/${n}`);
  });

  for (const columns of [60, 80]) {
    it(`at ${columns} columns with a long home: the folder once, every file name whole, no row starting with a stray space`, async () => {
      const services = fakeServices();
      services.config = { ...services.config, codexHome: LONG, awsConfigPath: '/tmp/codex-bedrock-demo-cCrtfZ/.aws/config' };
      const ui = renderApp(services, initialState({ paths: { codexHome: LONG, awsConfigPath: '/tmp/codex-bedrock-demo-cCrtfZ/.aws/config' } }), { columns });
      await ui.press(); // settle at the terminal size given
      const f = await ui.waitText('It writes');
      const rows = f.split('\n');
      if (columns === 60) expect(f).toContain(`in ${LONG}/:`);
      for (const n of names) expect(rows.some((r) => new RegExp(`(^|[ /,])${n.replaceAll('.', '\\.')}(,|$)`).test(r.trim()))).toBe(true);
      expect(rows.some((r) => r.includes('/tmp/codex-bedrock-demo-cCrtfZ/.aws/config'))).toBe(true);
      for (const r of rows) expect(r).not.toMatch(/^ [^ ]/);
      for (const r of rows) expect(r.length).toBeLessThanOrEqual(columns);
    });
  }
});
