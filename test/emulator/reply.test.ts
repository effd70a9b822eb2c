// The demo's answer is read by people (the smoke screen, the README screenshot): whatever token count the
// emulator is told to stream, the reply ends at the end of a sentence.
import { describe, expect, it } from 'vitest';
import { replyTokens } from '../../src/emulator/reply.js';

const PROMPTS = ['Say hi', 'ping', '', 'Explain in one paragraph how SigV4 signs a request to Bedrock Mantle, step by step please'];

describe('replyTokens', () => {
  it.each(PROMPTS)('streams exactly the count asked for and ends at a sentence end (prompt %j)', (prompt) => {
    for (let count = 1; count <= 80; count++) {
      const tokens = replyTokens(prompt, 'openai.gpt-5.5', 'us-east-1', count);
      expect(tokens, `count ${count}`).toHaveLength(count);
      const text = tokens.join('');
      expect(text, `count ${count}: ${text}`).toMatch(/[.!?]"?$/);
      expect(text).toBe(text.trim());
      // Each token is one word piece, as a tokenizer would stream it.
      for (const t of tokens) expect(t).toMatch(/^\S+ ?$/);
    }
  });

  it('keeps the answer that names the model and region when the count allows it (the default 24)', () => {
    const text = replyTokens('Say hi', 'openai.gpt-5.5', 'us-east-1', 24).join('');
    expect(text.startsWith('Hi! This is openai.gpt-5.5 answering from the Bedrock emulator in us-east-1.')).toBe(true);
    expect(text).toMatch(/[.!?]$/);
  });

  it('is deterministic, and zero tokens is an empty answer', () => {
    expect(replyTokens('ping', 'm', 'r', 30)).toEqual(replyTokens('ping', 'm', 'r', 30));
    expect(replyTokens('ping', 'm', 'r', 0)).toEqual([]);
  });
});
