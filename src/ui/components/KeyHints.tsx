import { Text } from 'ink';
import { useUi } from '../context.js';

export const MOVE: [string, string] = ['↑↓', 'move'];
export const SELECT: [string, string] = ['enter', 'select'];
export const BACK: [string, string] = ['esc', 'back'];
export const QUIT: [string, string] = ['ctrl-c', 'quit'];

export function KeyHints({ hints }: { hints: [string, string][] }) {
  const { color } = useUi();
  return <Text dimColor={color}>{hints.map(([k, what]) => `${k} ${what}`).join(' · ')}</Text>;
}
