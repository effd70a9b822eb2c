import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Text, Transform, type TextProps } from 'ink';
import { protectForWrap, restoreRow } from '../../core/wrapGuard.js';

function protect(node: ReactNode): ReactNode {
  if (typeof node === 'string') return protectForWrap(node);
  if (isValidElement<{ children?: ReactNode }>(node) && node.props.children !== undefined) {
    return cloneElement(node as ReactElement<{ children?: ReactNode }>, {}, Children.map(node.props.children, protect));
  }
  return node;
}

/**
 * Wrapped text that never breaks inside a `command` that fits the line, and whose continuation rows start at the
 * text's own left edge (Ink's wrap leaves the breaking space in front of them).
 */
export function Wrapped({ children, ...props }: Omit<TextProps, 'wrap'> & { children: ReactNode }) {
  return (
    <Transform transform={restoreRow}>
      <Text {...props} wrap="wrap">
        {Children.map(children, protect)}
      </Text>
    </Transform>
  );
}
