// A terminal delivers keys typed quickly (or sent by a script) in one read. Ink parses such a read into its keys
// but hands them over in one go, before React has drawn the effect of the first: "↓ then Enter" selects the item
// the cursor was on before the ↓. This hands Ink one key per read, each after the previous one has been drawn.

/**
 * The keys one read holds: an escape sequence or a control key alone, a run of printable text together (a
 * text field inserts it at once; a paste stays one edit).
 */
export function splitKeys(chunk: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i]!;
    if (c === '\u001B') {
      const next = chunk[i + 1];
      let end = i + 1;
      if (next === '[') {
        // CSI: parameters, then one final byte in @–~ (arrows, Home/End, Delete, PgUp/PgDn, F-keys).
        end = i + 2;
        while (end < chunk.length && !/[@-~]/.test(chunk[end]!)) end++;
        end = Math.min(end + 1, chunk.length);
      } else if (next === 'O') {
        end = Math.min(i + 3, chunk.length); // SS3: ESC O A (arrows in application mode), F1–F4
      } else if (next !== undefined && next !== '\u001B') {
        end = i + 2; // Alt/Meta + key
      }
      keys.push(chunk.slice(i, end));
      i = end;
    } else if (c < ' ' || c === '\u007F') {
      // \r\n is one Enter from some terminals.
      const end = c === '\r' && chunk[i + 1] === '\n' ? i + 2 : i + 1;
      keys.push(chunk.slice(i, end));
      i = end;
    } else {
      let end = i + 1;
      while (end < chunk.length && chunk[end]! >= ' ' && chunk[end] !== '\u007F' && chunk[end] !== '\u001B') end++;
      keys.push(chunk.slice(i, end));
      i = end;
    }
  }
  return keys;
}

/** The longest a key waits for the previous key's frame: a key that changes nothing on screen draws none. */
export const KEY_WAIT_MS = 80;

/**
 * The stdin Ink is given: the real stream in every respect, except that read() returns one key at a time, and the
 * next key comes once the previous one's frame has been written (`framed` calls back on the next write to the
 * terminal) and React has run its effects, or after KEY_WAIT_MS. Raw mode, encoding, ref/unref and pause go to
 * the real stream.
 */
export function oneKeyPerRead(stdin: NodeJS.ReadStream, framed: (done: () => void) => () => void, waitMs = KEY_WAIT_MS): NodeJS.ReadStream {
  type Listener = (...args: unknown[]) => void;
  const queue: string[] = [];
  const listeners = new Map<Listener, Listener>();
  // Open: the next read() may hand over a key. Closed after each key until its frame is drawn.
  let open = true;
  let waiting: (() => void) | undefined;
  const next = () => {
    waiting?.();
    waiting = undefined;
    open = true;
    for (const l of [...listeners.keys()]) l();
  };
  const waitForFrame = () => {
    let settled = false;
    const go = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatching();
      // The frame is written during React's commit; input handlers re-subscribe in the effects just after.
      setImmediate(() => setTimeout(next, 1));
    };
    const timer = setTimeout(go, waitMs);
    const stopWatching = framed(go);
    waiting = () => {
      settled = true;
      clearTimeout(timer);
      stopWatching();
    };
  };
  const read = (): string | null => {
    let chunk: unknown;
    while ((chunk = stdin.read()) !== null) queue.push(...splitKeys(String(chunk)));
    if (!open || queue.length === 0) return null;
    open = false;
    const key = queue.shift()!;
    waitForFrame();
    return key;
  };
  const on = (event: string, listener: Listener) => {
    if (event !== 'readable') return void stdin.on(event, listener);
    const wrapped: Listener = () => listener();
    listeners.set(listener, wrapped);
    stdin.on('readable', wrapped);
  };
  const off = (event: string, listener: Listener) => {
    if (event !== 'readable') return void stdin.off(event, listener);
    const wrapped = listeners.get(listener);
    if (wrapped) stdin.off('readable', wrapped);
    listeners.delete(listener);
    if (listeners.size === 0) {
      waiting?.();
      waiting = undefined;
      open = true;
    }
  };
  const proxy: NodeJS.ReadStream = new Proxy(stdin, {
    get(target, prop) {
      if (prop === 'read') return read;
      if (prop === 'on' || prop === 'addListener') return (e: string, l: Listener) => (on(e, l), proxy);
      if (prop === 'off' || prop === 'removeListener') return (e: string, l: Listener) => (off(e, l), proxy);
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return proxy;
}

/** The stdout Ink is given, telling `onWrite` of each write (the frames `oneKeyPerRead` waits for). */
export function watchedWrites(stdout: NodeJS.WriteStream): { stdout: NodeJS.WriteStream; framed: (done: () => void) => () => void } {
  const watchers = new Set<() => void>();
  const proxy: NodeJS.WriteStream = new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write')
        return (...args: Parameters<NodeJS.WriteStream['write']>) => {
          const r = target.write(...args);
          for (const w of [...watchers]) w();
          return r;
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    stdout: proxy,
    framed: (done) => {
      watchers.add(done);
      return () => watchers.delete(done);
    },
  };
}
