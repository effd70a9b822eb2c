// The bundle widens string-width's printable-ASCII fast path (scripts/build.mjs): every character it now
// counts as one column must be one column to string-width itself, alone and in any mix.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { NARROW_SYMBOLS } from '../../scripts/build.mjs';

const fastPath = new RegExp(`^[${NARROW_SYMBOLS}]*$`);
const covered: string[] = [];
for (let cp = 0; cp <= 0xffff; cp++) {
  const ch = String.fromCharCode(cp);
  if (cp < 0xd800 || cp > 0xdfff) if (fastPath.test(ch)) covered.push(ch);
}

describe("string-width's widened fast path", () => {
  it('covers the symbols our screens draw, and nothing string-width gives another width', () => {
    for (const ch of '·→←↑↓✓✗❯⠋─│…•—–“”') expect(covered).toContain(ch);
    const disagree = covered.filter((ch) => stringWidth(ch) !== 1).map((ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase()}`);
    expect(disagree).toEqual([]);
  });

  it('keeps out what needs the segmenter: emoji, combining marks, joiners, wide and invisible characters', () => {
    for (const ch of ['✅', '\u0301', '\u200d', '\ufe0f', '\u00ad', '中', '\u2028', '\u2060', '⚠', '‼', '\u0007']) expect(fastPath.test(ch)).toBe(false);
  });

  it('agrees with string-width on any string of covered characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...covered), { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(fastPath.test(s)).toBe(true);
        expect(stringWidth(s)).toBe(s.length);
      }),
      { numRuns: 500 },
    );
  });
});
