import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { KeyHints } from './KeyHints.js';
import { useTint } from '../context.js';

/** Title, optional pinned values, body and key hints: every screen has the same frame and fits 80×24. */
export function Frame(props: { step: string; title: string; pinned?: string; hints: [string, string][]; children: ReactNode }) {
  const tint = useTint();
  return (
    <Box flexDirection="column" width={80}>
      <Box>
        <Text bold color={tint('cyan')}>
          codex-bedrock-setup
        </Text>
        <Text> · {props.step} · </Text>
        <Text bold>{props.title}</Text>
      </Box>
      {props.pinned ? <Text>pinned: {props.pinned}</Text> : null}
      <Box flexDirection="column" marginY={1}>
        {props.children}
      </Box>
      <KeyHints hints={props.hints} />
    </Box>
  );
}
