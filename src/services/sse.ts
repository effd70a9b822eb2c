/** One server-sent event. `event` defaults to "message" as in the EventSource spec. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser: feed it text in arbitrary pieces. A CR at the very end of a piece is held back
 * because the next piece may start with the LF of the same CRLF.
 */
export class SseParser {
  private buf = '';
  private event = '';
  private data: string[] = [];

  push(text: string): SseEvent[] {
    this.buf += text;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buf);
      if (!m) break;
      if (m[0] === '\r' && m.index === this.buf.length - 1) break;
      const line = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  /** End of stream: an event without its closing blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    // A lone CR held back by push() was a line end after all.
    const out = this.buf.endsWith('\r') ? this.push('\n') : [];
    this.buf = '';
    this.event = '';
    this.data = [];
    return out;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      const ev = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      return ev;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}

/** Decodes bytes (UTF-8 sequences may be split across chunks) and yields events as they complete. */
export async function* parseSse(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
