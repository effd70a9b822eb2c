// The launcher (dist/cli.js) makes V8's code cache of the chunks once the wizard's first frame is out, so the
// functions that frame ran are in it; a symbol on globalThis joins the two bundles.
export const FIRST_FRAME_HOOK = Symbol.for('codex-bedrock-setup.firstFrame');

/** Tells the launcher the first frame has been written (nothing happens when run from source, as in tests). */
export function firstFrameDrawn(): void {
  const hook = (globalThis as Record<symbol, unknown>)[FIRST_FRAME_HOOK];
  if (typeof hook === 'function') (hook as () => void)();
}
