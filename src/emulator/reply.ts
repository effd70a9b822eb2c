// The emulated model's answer: deterministic for a prompt, exactly `replyTokens` deltas long.

const FILLER = 'Everything on this path works as expected, so Codex can talk to Amazon Bedrock from here.';
// Whole sentences of 6 down to 1 word pieces: any remainder up to 21 is a sum of distinct ones, so the count
// asked for is met exactly and the answer still ends at a sentence end.
const CLOSERS = ['Codex can reach Amazon Bedrock here.', 'Everything works as expected here.', 'The whole path works.', 'All checks pass.', 'It works.', 'Done.'].map(sentence);

/** Text of the last user message in a Responses API `input` (string or item list). */
export function lastUserText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i] as { role?: unknown; content?: unknown } | null;
    if (!item || item.role !== 'user') continue;
    if (typeof item.content === 'string') return item.content;
    if (Array.isArray(item.content)) {
      const texts = item.content
        .map((c: { type?: unknown; text?: unknown }) => (c && typeof c.text === 'string' && c.type !== 'input_image' ? c.text : ''))
        .filter((t) => t.length > 0);
      if (texts.length > 0) return texts[texts.length - 1]!;
    }
  }
  return '';
}

/** Word pieces with their trailing space, as a tokenizer would stream them. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/** A sentence's pieces, spaced from the one that follows. */
function sentence(text: string): string[] {
  return pieces(`${text} `);
}

export function replyTokens(prompt: string, model: string, region: string, count: number): string[] {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  const opening =
    words.length === 0 || /\b(hi|hello|ping|smoke)\b/i.test(prompt)
      ? 'Hi!'
      : `You said: "${words.slice(0, 8).join(' ')}${words.length > 8 ? ' …' : ''}".`;
  const sentences = [opening, `This is ${model} answering from the Bedrock emulator in ${region}.`].map(sentence);
  const out: string[] = [];
  // Whole sentences while they fit (the filler repeats), then closers that fill the rest exactly.
  for (let i = 0; ; i++) {
    const next = sentences[i] ?? sentence(FILLER);
    if (out.length + next.length > count) break;
    out.push(...next);
  }
  while (out.length < count) {
    for (const closer of CLOSERS) if (out.length + closer.length <= count) out.push(...closer);
  }
  if (out.length > 0) out[out.length - 1] = out[out.length - 1]!.trimEnd();
  return out;
}

export function estimateInputTokens(input: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(input ?? '').length / 4));
}
