// Runs CLI invocations a few at a time: dozens of Node processes at once starve a 2-core CI runner.
export async function inPool<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A line that looks like a JavaScript stack frame. */
export const STACK_FRAME = /^\s+at .+/m;
