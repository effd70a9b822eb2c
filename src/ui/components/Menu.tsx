import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useTint } from '../context.js';

export interface MenuItem<V> {
  label: string;
  value: V;
  key?: string;
}

/** ink-select-input with item and pointer renderers that honour NO_COLOR. */
export function Menu<V>(props: {
  items: MenuItem<V>[];
  onSelect: (value: V) => void;
  initialIndex?: number;
  limit?: number;
  isFocused?: boolean;
}) {
  const tint = useTint();
  const Item = ({ isSelected = false, label }: { isSelected?: boolean; label: string }) => (
    <Text color={isSelected ? tint('cyan') : undefined} bold={isSelected} wrap="truncate-end">
      {label}
    </Text>
  );
  const Indicator = ({ isSelected = false }: { isSelected?: boolean }) => (
    <Box marginRight={1} flexShrink={0}>
      <Text color={isSelected ? tint('cyan') : undefined}>{isSelected ? '❯' : ' '}</Text>
    </Box>
  );
  const hidden = props.limit !== undefined ? props.items.length - props.limit : 0;
  return (
    <Box flexDirection="column">
      {/* ink-select-input reads its limit once: a resized terminal draws a new list. */}
      <SelectInput
        key={props.limit ?? 'all'}
      items={props.items.map((i) => ({ ...i, key: i.key ?? String(i.value) }))}
      onSelect={(item) => props.onSelect(item.value)}
      initialIndex={props.initialIndex}
      limit={props.limit}
      isFocused={props.isFocused}
      itemComponent={Item}
      indicatorComponent={Indicator}
      />
      {hidden > 0 ? <Text>  … {hidden} more (↑↓ scrolls)</Text> : null}
    </Box>
  );
}
