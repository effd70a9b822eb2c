import { describe, expect, it } from 'vitest';

// Colour is decided when chalk loads; the colour cases need it on (NO_COLOR cases pass color=false).
process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { UiProvider } = await import('../../src/ui/context.js');
const { TextPrompt, MULTILINE_NOTICE } = await import('../../src/ui/components/TextPrompt.js');
const { MaskedInput } = await import('../../src/ui/components/MaskedInput.js');
const { RegionPrompt } = await import('../../src/ui/components/RegionPrompt.js');
const { tick } = await import('./helpers.js');

const LEFT = '\u001B[D';
const RIGHT = '\u001B[C';
const HOME = '\u001B[H';
const END = '\u001B[F';
const BS = '\u007F';

function prompt(placeholder?: string, color = false) {
  const submitted: string[] = [];
  const r = render(
    <UiProvider value={{ color }}>
      <TextPrompt label="Name:" placeholder={placeholder} onSubmit={(v) => submitted.push(v)} />
    </UiProvider>,
  );
  const keys = async (...ks: string[]) => {
    for (const k of ks) {
      await tick(15);
      r.stdin.write(k);
    }
    await tick(30);
  };
  // The cursor is an inverse cell; strip escapes to read the text.
  const text = () => (r.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
  return { r, keys, submitted, text };
}

describe('TextPrompt', () => {
  it('keeps every character of a read that holds many (fast typing, paste)', async () => {
    const p = prompt();
    await p.keys('abc', 'def', '\r');
    expect(p.submitted).toEqual(['abcdef']);
  });

  it('a paste ending in a line break submits the text before it', async () => {
    const p = prompt();
    await p.keys('us-west-2\r');
    expect(p.submitted).toEqual(['us-west-2']);
  });

  it('a paste with more after the line break keeps the first line, flags it and does not submit', async () => {
    const p = prompt();
    await p.keys('first\nsecond line\n');
    expect(p.submitted).toEqual([]);
    expect(p.text()).toContain('first');
    expect(p.text()).not.toContain('second');
    expect(p.text()).toContain('only the first line was kept');
    await p.keys('\r');
    expect(p.submitted).toEqual(['first']);
  });

  it('←/→, Home/End, Ctrl-A/E move the cursor; Backspace, Ctrl-D, Ctrl-U, Ctrl-W edit at it', async () => {
    const p = prompt();
    await p.keys('helo', LEFT, 'l', END, '!', HOME, 'X', '\u0005', BS, '\u0001', '\u0004', '\r');
    expect(p.submitted).toEqual(['hello']);
    const q = prompt();
    await q.keys('one two three', '\u0017', 'four', LEFT, LEFT, LEFT, LEFT, '\u0015', '\r');
    expect(q.submitted).toEqual(['four']);
    const w = prompt();
    await w.keys('abc', LEFT, RIGHT, RIGHT, 'd', '\r');
    expect(w.submitted).toEqual(['abcd']);
  });

  it('shows the cursor where it is', async () => {
    const p = prompt();
    await p.keys('abcd', LEFT, LEFT);
    expect(p.text()).toContain('ab▏cd');
    await p.keys(END);
    expect(p.text()).toContain('abcd▏');
  });

  it('a placeholder reads as an example under NO_COLOR, not as a typed value', async () => {
    const p = prompt('us-east-1');
    await p.keys();
    expect(p.text()).toContain('(e.g. us-east-1)');
    await p.keys('x');
    expect(p.text()).not.toContain('us-east-1');
    // With colour it is also dim and italic.
    const c = prompt('us-east-1', true);
    await c.keys();
    expect(c.r.lastFrame()).toMatch(/\u001B\[2m/);
    expect(c.r.lastFrame()).toMatch(/\u001B\[3m/);
    expect(p.r.lastFrame()).not.toMatch(/\u001B\[/);
  });
});

describe('MaskedInput', () => {
  it('edits with the same keys and never shows the secret or its length', async () => {
    const got: string[] = [];
    const r = render(
      <UiProvider value={{ color: false }}>
        <MaskedInput label="Key:" onSubmit={(s) => got.push(s)} />
      </UiProvider>,
    );
    const keys = async (...ks: string[]) => {
      for (const k of ks) {
        await tick(15);
        r.stdin.write(k);
      }
      await tick(30);
    };
    await keys('SECRETab', LEFT, BS, '\u0017');
    const seen = r.frames.join('\n');
    expect(seen).not.toMatch(/SECRET|ab/);
    await keys(END, '\u0015', 'short');
    const shortFrame = r.lastFrame();
    await keys('\u0015', 'a-much-longer-secret-value');
    expect(r.lastFrame()).toBe(shortFrame);
    await keys('\u0015', 'k1-zz', LEFT, LEFT, 'y', '\r');
    expect(got).toEqual(['k1-yzz']);
    expect(r.frames.join('\n')).not.toContain('k1');
  });

  it('a multi-line paste is flagged, not submitted', async () => {
    const got: string[] = [];
    const r = render(
      <UiProvider value={{ color: false }}>
        <MaskedInput label="Key:" onSubmit={(s) => got.push(s)} />
      </UiProvider>,
    );
    await tick(20);
    r.stdin.write('abc\ndef');
    await tick(30);
    expect(got).toEqual([]);
    expect(r.lastFrame()).toContain(MULTILINE_NOTICE.slice(0, 30));
  });
});

describe('RegionPrompt', () => {
  it('a pasted region with a trailing newline is submitted', async () => {
    const got: string[] = [];
    const r = render(
      <UiProvider value={{ color: false }}>
        <RegionPrompt label="Region:" onRegion={(x) => got.push(x)} />
      </UiProvider>,
    );
    await tick(20);
    r.stdin.write('eu-west-1\n');
    await tick(30);
    expect(got).toEqual(['eu-west-1']);
  });
});

describe('one read holding text and control keys', () => {
  it('replays them in order, as a real terminal delivers them', async () => {
    const got: string[] = [];
    const r = render(
      <UiProvider value={{ color: false }}>
        <TextPrompt label="Region:" onSubmit={(x) => got.push(x)} />
      </UiProvider>,
    );
    await tick(20);
    r.stdin.write('junk words\u0017\u0017eu-wst\u007f\u007fest-1\r');
    await tick(30);
    expect(got).toEqual(['eu-west-1']);
  });
});
