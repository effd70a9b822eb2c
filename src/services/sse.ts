import { ServiceError } from './errors.js';

/** One server-sent event. `event` defaults to "message" as in the EventSource spec. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Far above any Responses API event (response.completed carries the whole answer); a bigger one is refused. */
export const MAX_EVENT_CHARS = 8 * 1024 * 1024;

/**
 * Incremental parser: feed it text in arbitrary pieces. Linear in the input: each piece is scanned
 * once, and an unfinished line is kept as parts, joined when its end arrives. A CR at the very end of a
 * piece is held back: the next piece may start with the LF of the same CRLF.
 */
export class SseParser {
  private partial: string[] = [];
  private partialChars = 0;
  private heldCr = false;
  private event = '';
  private data: string[] = [];
  private dataChars = 0;

  constructor(private readonly maxEventChars = MAX_EVENT_CHARS) {}

  push(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let pos = 0;
    if (this.heldCr && text.length > 0) {
      this.heldCr = false;
      if (text.charCodeAt(0) === 10) pos = 1;
      const ev = this.line(this.takePartial(''));
      if (ev) out.push(ev);
    }
    while (pos < text.length) {
      let end = pos;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 10 || c === 13) break;
        end++;
      }
      if (end === text.length) {
        this.keep(text.slice(pos));
        break;
      }
      if (text.charCodeAt(end) === 13 && end + 1 === text.length) {
        this.keep(text.slice(pos, end));
        this.heldCr = true;
        break;
      }
      const line = this.takePartial(text.slice(pos, end));
      if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) end++;
      pos = end + 1;
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  /** End of stream: an event without its closing blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    // A lone CR held back by push() was a line end after all.
    const last = this.heldCr ? this.line(this.takePartial('')) : null;
    this.heldCr = false;
    this.partial = [];
    this.partialChars = 0;
    this.event = '';
    this.data = [];
    this.dataChars = 0;
    return last ? [last] : [];
  }

  private takePartial(piece: string): string {
    const line = this.partial.length ? this.partial.join('') + piece : piece;
    this.partial = [];
    this.partialChars = 0;
    return line;
  }

  private keep(piece: string): void {
    this.partial.push(piece);
    this.partialChars += piece.length;
    this.check(this.partialChars);
  }

  private check(chars: number): void {
    if (this.dataChars + chars > this.maxEventChars) {
      throw new ServiceError({
        kind: 'stream',
        code: 'SSE_EVENT_TOO_LARGE',
        message: `A stream event is larger than ${Math.round(this.maxEventChars / 1024 / 1024)} MiB; the stream was refused.`,
      });
    }
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      const ev = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      this.dataChars = 0;
      return ev;
    }
    if (line.charCodeAt(0) === 58 /* : */) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') {
      this.check(value.length + 1);
      this.data.push(value);
      this.dataChars += value.length + 1;
    }
    return null;
  }
}

/** Decodes bytes (UTF-8 sequences may be split across chunks) and yields events as they complete. */
export async function* parseSse(chunks: AsyncIterable<Uint8Array | string>, maxEventChars = MAX_EVENT_CHARS): AsyncGenerator<SseEvent> {
  const parser = new SseParser(maxEventChars);
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
