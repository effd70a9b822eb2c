import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices } from './fakes.js';
import { renderApp, ENTER } from './helpers.js';
import { atModels, atConfig } from './states.js';
import { reduce } from '../../src/wizard/machine.js';

afterEach(() => cleanup());

describe('models screen', () => {
  it('says which profile each question is for, 1 of 2 then 2 of 2', async () => {
    const ui = renderApp(fakeServices(), atModels());
    const first = await ui.waitText('(1 of 2)');
    expect(first).toMatch(/Model for Codex profile \S+ \(1 of 2\)/);
    await ui.press(ENTER);
    const second = await ui.waitText('(2 of 2)');
    expect(second).not.toContain('(1 of 2)');
  });

  it('"none" (asked, none serve it) and "?" (could not ask) are different marks, each in a legend', async () => {
    const ui = renderApp(fakeServices(), atModels(), { columns: 100 });
    const f = await ui.waitFor((x) => x.includes('(1 of 2)') && !x.includes('…  '), 'models');
    expect(f).toMatch(/openai\.gpt-6\.1-sol\s+✓ served\s+none /);
    expect(f).toContain('none = no other region serves it');
    expect(f).not.toMatch(/ - {3,}/);

    const s = fakeServices();
    const here = s.aws.listMantleModels;
    s.aws.listMantleModels = async (auth, region, ...rest) => {
      if (region !== 'us-east-1') throw new Error('unreachable');
      return here(auth, region, ...rest);
    };
    const ui2 = renderApp(s, atModels(), { columns: 100 });
    const g = await ui2.waitFor((x) => x.includes('(1 of 2)') && x.includes('could not be asked'), 'unchecked legend');
    expect(g).toMatch(/openai\.gpt-6\.1-sol\s+✓ served\s+\? /);
    expect(g).not.toMatch(/served\s+none /);
  });

  it('m pages through rows that do not fit, and the key hints say so', async () => {
    const s = fakeServices();
    const many = Array.from({ length: 12 }, (_, i) => `openai.gpt-oss-${i}b`);
    const here = s.aws.listMantleModels;
    s.aws.listMantleModels = async (auth, region, ...rest) => [...(await here(auth, region, ...rest)), ...(region === 'us-east-1' ? many : [])];
    for (const columns of [60, 80, 100, 200]) {
      const ui = renderApp(s, atModels(), { columns, rows: 24 });
      const f = await ui.waitText('(1 of 2)');
      expect(f).toContain('m more rows');
      expect(f).toContain('m: more rows');
      expect(f).toContain('rows 1–7 of');
      expect(f.split('\n').length).toBeLessThan(24);
      const seen = [f];
      await ui.press('m');
      seen.push(ui.frame());
      await ui.press('m');
      seen.push(ui.frame());
      // Every model id is readable on one of the pages, and no page is taller than the terminal.
      for (const id of many) expect(seen.some((x) => x.includes(`${id} `))).toBe(true);
      for (const x of seen) expect(x.split('\n').length).toBeLessThan(24);
      ui.unmount();
    }
  });

  it('Edit choices on the plan opens the first profile, not the last', () => {
    const s = reduce(atConfig(), { type: 'EDIT' });
    expect(s.step).toBe('models');
    expect(s.modelIndex).toBe(0);
  });
});
