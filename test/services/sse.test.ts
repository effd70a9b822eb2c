import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSse, SseParser, type SseEvent } from '../../src/services/sse.js';

async function collect(chunks: (string | Uint8Array)[]): Promise<SseEvent[]> {
  async function* gen() {
    yield* chunks;
  }
  const out: SseEvent[] = [];
  for await (const e of parseSse(gen())) out.push(e);
  return out;
}

function splitAt(s: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    parts.push(s.slice(prev, p));
    prev = p;
  }
  parts.push(s.slice(prev));
  return parts;
}

const STREAM = [
  ': keep-alive comment',
  'event: response.created',
  'data: {"type":"response.created"}',
  '',
  'event: response.output_text.delta',
  'data: {"type":"response.output_text.delta","delta":"héllo ✓"}',
  '',
  'data: line one',
  'data: line two',
  '',
  'event: response.completed',
  'data:{"type":"response.completed"}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

const EXPECTED: SseEvent[] = [
  { event: 'response.created', data: '{"type":"response.created"}' },
  { event: 'response.output_text.delta', data: '{"type":"response.output_text.delta","delta":"héllo ✓"}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'response.completed', data: '{"type":"response.completed"}' },
  { event: 'message', data: '[DONE]' },
];

describe('SSE parser', () => {
  it('parses comments, multi-line data, missing space after the colon and [DONE]', async () => {
    expect(await collect([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split, with LF, CRLF or CR line ends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat({ max: 400 }), { maxLength: 30 }), async (eol, cuts) => {
        const bytes = new TextEncoder().encode(STREAM.replace(/\n/g, eol));
        expect(await collect(splitAt(bytes, cuts))).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it('drops an event whose blank line never came', () => {
    const p = new SseParser();
    expect(p.push('data: a\n\ndata: partial\n')).toEqual([{ event: 'message', data: 'a' }]);
    expect(p.end()).toEqual([]);
  });

  it('treats a CR that ends the stream as a line end', () => {
    const p = new SseParser();
    expect(p.push('data: x\r\r')).toEqual([]);
    expect(p.end()).toEqual([{ event: 'message', data: 'x' }]);
  });
});
