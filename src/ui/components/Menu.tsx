import { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTint } from '../context.js';

export interface MenuItem<V> {
  label: string;
  value: V;
  key?: string;
}

/** The first row shown and the pointer's row, for a list of `count` rows of which `limit` fit. */
export interface MenuWindow {
  top: number;
  index: number;
}

/** Where a list starts: the initial row in view, at the bottom when it is further down than one window. */
export function initialWindow(count: number, limit: number, initialIndex = 0): MenuWindow {
  const index = Math.max(0, Math.min(initialIndex, count - 1));
  return { index, top: Math.max(0, Math.min(index - limit + 1, count - limit)) };
}

/** One step up or down: the pointer wraps at the ends, and the window follows it so it stays in view. */
export function moveWindow(w: MenuWindow, count: number, limit: number, step: 1 | -1): MenuWindow {
  if (count === 0) return w;
  const index = (w.index + step + count) % count;
  const top = index < w.top ? index : index >= w.top + limit ? index - limit + 1 : w.top;
  return { index, top: Math.max(0, Math.min(top, count - limit)) };
}

/**
 * A list to choose from, `limit` rows at a time (ink-select-input's look). The window scrolls rather than
 * rotates, so the order never wraps on screen, and `onVisible` tells the screen which rows are in view (notes
 * about a row are shown only with it). `vimKeys: false` leaves j/k to a diff that scrolls beside the menu.
 */
export function Menu<V>(props: {
  items: MenuItem<V>[];
  onSelect: (value: V) => void;
  initialIndex?: number;
  limit?: number;
  isFocused?: boolean;
  vimKeys?: boolean;
  onVisible?: (values: V[]) => void;
}) {
  const tint = useTint();
  const { items, vimKeys = true } = props;
  const count = items.length;
  const limit = props.limit !== undefined ? Math.max(1, Math.min(props.limit, count)) : count;
  const [win, setWin] = useState<MenuWindow>(() => initialWindow(count, limit, props.initialIndex));
  // A list of other values (another profile's models) starts again at its top, as ink-select-input did.
  const values = items.map((i) => String(i.key ?? i.value)).join('\n');
  const seen = useRef(values);
  useEffect(() => {
    if (seen.current === values) return;
    seen.current = values;
    setWin({ index: 0, top: 0 });
  }, [values]);
  // A resized terminal changes the limit: keep the pointer and clamp the window around it.
  const index = Math.max(0, Math.min(win.index, count - 1));
  let top = Math.min(win.top, index);
  if (index >= top + limit) top = index - limit + 1;
  top = Math.max(0, Math.min(top, count - limit));
  const shown = items.slice(top, top + limit);
  useInput(
    (input, key) => {
      if (key.upArrow || (vimKeys && input === 'k')) setWin(moveWindow({ index, top }, count, limit, -1));
      else if (key.downArrow || (vimKeys && input === 'j')) setWin(moveWindow({ index, top }, count, limit, 1));
      else if (key.return && items[index]) props.onSelect(items[index].value);
      else if (/^[1-9]$/.test(input)) {
        // A digit picks that row of the ones in view, as before.
        const item = shown[Number(input) - 1];
        if (item) props.onSelect(item.value);
      }
    },
    { isActive: props.isFocused ?? true },
  );
  const visibleKey = shown.map((i) => String(i.key ?? i.value)).join('\n');
  const { onVisible } = props;
  useEffect(() => {
    onVisible?.(shown.map((i) => i.value));
    // The rows in view, not the array's identity, decide when to tell.
  }, [visibleKey, onVisible]);
  const hidden = count - limit;
  return (
    <Box flexDirection="column">
      {shown.map((item, i) => {
        const selected = top + i === index;
        return (
          <Box key={item.key ?? String(item.value)}>
            <Box marginRight={1} flexShrink={0}>
              <Text color={selected ? tint('cyan') : undefined}>{selected ? '❯' : ' '}</Text>
            </Box>
            <Text color={selected ? tint('cyan') : undefined} bold={selected} wrap="truncate-end">
              {item.label}
            </Text>
          </Box>
        );
      })}
      {hidden > 0 ? <Text>  … {hidden} more (↑↓ scrolls)</Text> : null}
    </Box>
  );
}
