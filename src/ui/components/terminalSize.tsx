import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStdout } from 'ink';

/** The wizard's narrowest layout; below it one message says what to do instead. */
export const MIN_COLUMNS = 60;
/** Under this the compact layout (stacked panels, fewer columns) is used. */
export const COMPACT_BELOW = 80;
const MAX_COLUMNS = 200;

export interface Layout {
  columns: number;
  rows: number;
  compact: boolean;
  /** Rows the current frame's body may use: frames stay shorter than the terminal, so Ink never clears it. */
  bodyRows: number;
}

/** The terminal's size, following resizes; a stream without a size (tests, pipes) counts as 80×24. */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => sizeOf(stdout);
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    // A resize between the first render and this subscription would otherwise be missed.
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function sizeOf(stdout: NodeJS.WriteStream) {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

const LayoutContext = createContext<Layout>({ columns: 80, rows: 24, compact: false, bodyRows: 18 });

export function LayoutProvider({ value, children }: { value: Layout; children: ReactNode }) {
  return <LayoutContext.Provider value={value}>{children}</LayoutContext.Provider>;
}

export function useLayout(): Layout {
  return useContext(LayoutContext);
}

// Title, the two margins, and one more row that keeps the cursor line on screen; pinned values and hints come on top.
export const CHROME_ROWS = 4;

/**
 * What a screen may use inside its frame, known before the frame is drawn (screens size their lists from it):
 * key hints take one row, two below 80 columns.
 */
export function screenLayout(size: { columns: number; rows: number }, pinned: boolean): Layout {
  const columns = frameWidth(size.columns);
  const hintRows = columns < COMPACT_BELOW ? 2 : 1;
  return { columns, rows: size.rows, compact: columns < COMPACT_BELOW, bodyRows: Math.max(4, size.rows - CHROME_ROWS - hintRows - (pinned ? 1 : 0)) };
}

export function frameWidth(columns: number): number {
  return Math.min(columns, MAX_COLUMNS);
}

/**
 * Rows `text` takes when wrapped between words at `width` (as Ink's wrap does; a word longer than a row
 * is cut): screens subtract it from bodyRows to size what scrolls below or above it.
 */
export function wrappedRows(text: string, width: number): number {
  const w = Math.max(1, width);
  let rows = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = [...word].length;
    const need = used ? used + 1 + len : len;
    if (need <= w) {
      used = need;
      continue;
    }
    if (used) rows++;
    rows += Math.ceil(len / w) - 1;
    used = len % w || w;
  }
  return rows;
}
