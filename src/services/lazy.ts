/**
 * A module loaded on first use and then kept: every `import()` of a bundled CommonJS package copies its
 * exports anew (~2 ms for an SDK client), which two dozen concurrent calls would otherwise pay each time.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
