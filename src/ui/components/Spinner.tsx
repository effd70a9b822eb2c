import { useEffect, useState } from 'react';
import { Text } from 'ink';
import { useTint } from '../context.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner() {
  const tint = useTint();
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((n) => (n + 1) % FRAMES.length), 100);
    return () => clearInterval(t);
  }, []);
  return <Text color={tint('cyan')}>{FRAMES[i]}</Text>;
}
