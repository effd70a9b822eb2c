import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { oneKeyPerRead, splitKeys, watchedWrites } from '../../src/ui/keyReads.js';

describe('splitKeys', () => {
  it('keeps escape sequences and control keys alone and printable runs together', () => {
    expect(splitKeys('\u001B[B\r')).toEqual(['\u001B[B', '\r']);
    expect(splitKeys('\u001B[B\u001B[B\u001B[A\r')).toEqual(['\u001B[B', '\u001B[B', '\u001B[A', '\r']);
    expect(splitKeys('abc\u007Fd\r')).toEqual(['abc', '\u007F', 'd', '\r']);
    expect(splitKeys('\u001B[3~\u001B[1;5C\u001BOA')).toEqual(['\u001B[3~', '\u001B[1;5C', '\u001BOA']);
    expect(splitKeys('\u001Bb\u001B')).toEqual(['\u001Bb', '\u001B']);
    expect(splitKeys('x\r\ny')).toEqual(['x', '\r\n', 'y']);
    expect(splitKeys('✓ é')).toEqual(['✓ é']);
  });
});

class FakeStdin extends EventEmitter {
  isTTY = true;
  private chunks: string[] = [];
  push(s: string) {
    this.chunks.push(s);
    this.emit('readable');
  }
  read() {
    return this.chunks.shift() ?? null;
  }
}

describe('oneKeyPerRead', () => {
  it('hands one key per read, the next once something was written (a frame), in order', async () => {
    const stdin = new FakeStdin();
    const out = { write: () => true } as unknown as NodeJS.WriteStream;
    const watched = watchedWrites(out);
    const wrapped = oneKeyPerRead(stdin as unknown as NodeJS.ReadStream, watched.framed, 10_000);
    const got: string[] = [];
    wrapped.on('readable', () => {
      let k: string | null;
      while ((k = wrapped.read() as string | null) !== null) got.push(k);
    });
    stdin.push('\u001B[B\u001B[B\r');
    expect(got).toEqual(['\u001B[B']);
    // Nothing drawn: the next key waits (here for up to 10 s).
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual(['\u001B[B']);
    watched.stdout.write('frame');
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual(['\u001B[B', '\u001B[B']);
    watched.stdout.write('frame');
    await new Promise((r) => setTimeout(r, 30));
    expect(got).toEqual(['\u001B[B', '\u001B[B', '\r']);
  });

  it('hands the next key after a short wait when a key draws nothing', async () => {
    const stdin = new FakeStdin();
    const watched = watchedWrites({ write: () => true } as unknown as NodeJS.WriteStream);
    const wrapped = oneKeyPerRead(stdin as unknown as NodeJS.ReadStream, watched.framed, 20);
    const got: string[] = [];
    wrapped.on('readable', () => {
      let k: string | null;
      while ((k = wrapped.read() as string | null) !== null) got.push(k);
    });
    stdin.push('ab\r');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(['ab', '\r']);
  });
});
