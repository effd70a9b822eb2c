// Ink breaks wrapped text at any space and leaves that space in front of the next row; Wrapped keeps a
// `command` whole when it fits and starts every row at the text's left edge.
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Wrapped } from '../../src/ui/components/Wrapped.js';
import { StatusLine } from '../../src/ui/components/StatusLine.js';
import { commandsIn, protectForWrap, restoreRow } from '../../src/core/wrapGuard.js';
import { UiProvider } from '../../src/ui/context.js';

const FIX = 'fix: `pip uninstall awscli`, or link only the v2 ahead of it: `ln -s /usr/bin/aws ~/bin/aws` (with ~/bin first on PATH)';

function rows(node: React.ReactElement, width: number): string[] {
  const r = render(<Box width={width}>{node}</Box>);
  return (r.lastFrame() ?? '').split('\n');
}

describe('protectForWrap / restoreRow', () => {
  it('keeps spaces inside a backtick span and a leading indent, and gives back plain spaces', () => {
    const p = protectForWrap('  run `aws sso login --profile dev` now\n    indented');
    expect(p.split('\n')[0]!.startsWith('  ')).toBe(false);
    expect(p).toContain('run `aws\u00a0sso\u00a0login\u00a0--profile\u00a0dev` now');
    expect(restoreRow(p.split('\n')[1]!, 1)).toBe('    indented');
    expect(restoreRow(' wrapped on', 1)).toBe('wrapped on');
    expect(restoreRow('\u001b[1m rest', 2)).toBe('\u001b[1mrest');
    expect(restoreRow(' first row keeps its space', 0)).toBe(' first row keeps its space');
  });
});

describe('commands found in plain text', () => {
  const kept = commandsIn;
  it('keeps each command of a fix whole, and nothing around it', () => {
    expect(kept('Sign in again: aws sso login --profile dev, then choose Retry.')).toEqual(['aws sso login --profile dev']);
    expect(kept('aws sso login --profile dev')).toEqual(['aws sso login --profile dev']);
    expect(kept('Remove it, or link it: mkdir -p ~/bin && ln -s /usr/bin/aws ~/bin/aws, with export PATH="$HOME/bin:$PATH"; done.')).toEqual([
      'mkdir -p ~/bin && ln -s /usr/bin/aws ~/bin/aws',
      'export PATH="$HOME/bin:$PATH"',
    ]);
    expect(kept('Update Codex (run npm i -g @openai/codex@latest) and try again.')).toEqual(['npm i -g @openai/codex@latest']);
    expect(kept('Choose another region or ask your administrator.')).toEqual([]);
    // A sentence that starts with a program's name is not a command.
    expect(kept('aws v1 at /root/.pyenv/shims/aws shadows aws v2 at /usr/bin/aws')).toEqual([]);
    expect(kept('flags (see: codex-bedrock-setup setup --help)')).toEqual(['codex-bedrock-setup setup --help']);
    // "set" is a command only before a variable's name.
    expect(kept('codex-bedrock-setup: set up the OpenAI Codex CLI on Amazon Bedrock, and fix it')).toEqual([]);
    expect(kept('A proxy may be intercepting TLS: set AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS to its CA file.')).toEqual(['set AWS_CA_BUNDLE']);
  });

  it('a status line that starts with "aws" still wraps at its spaces (60 columns)', () => {
    const out = rows(<Wrapped>aws v1 at /root/.pyenv/shims/aws shadows aws v2 at /usr/bin/aws</Wrapped>, 56);
    expect(out).toEqual(['aws v1 at /root/.pyenv/shims/aws shadows aws v2 at', '/usr/bin/aws']);
  });
});

describe('Wrapped', () => {
  for (const width of [40, 58, 78]) {
    it(`never splits a command that fits, and no row starts with a stray space (${width} columns)`, () => {
      const out = rows(<Wrapped>{FIX}</Wrapped>, width);
      expect(out.some((l) => l.includes('`ln -s /usr/bin/aws ~/bin/aws`'))).toBe(true);
      expect(out.some((l) => l.includes('`pip uninstall awscli`'))).toBe(true);
      for (const l of out) expect(l.startsWith(' ')).toBe(false);
      expect(out.join(' ').replace(/\s+/g, ' ').trim()).toBe(FIX);
    });
  }

  it('Ink on its own splits that command at 78 columns (what the wizard showed)', () => {
    const out = rows(<Text wrap="wrap">{FIX.replaceAll('`', '')}</Text>, 78);
    expect(out.some((l) => l.includes('ln -s /usr/bin/aws ~/bin/aws'))).toBe(false);
    expect(out.some((l) => l.startsWith(' '))).toBe(true);
  });

  it('keeps nested bold text and its words', () => {
    const out = rows(
      <Wrapped>
        fix: <Text bold>run `aws sso login --profile developer-account` and retry</Text>
      </Wrapped>,
      50,
    );
    expect(out[0]).toBe('fix: run');
    expect(out[1]).toBe('`aws sso login --profile developer-account` and');
    expect(out[2]).toBe('retry');
  });

  it('a status line hangs its wrapped detail under the text, the command whole', () => {
    const r = render(
      <UiProvider value={{ color: false }}>
        <Box width={80}>
          <StatusLine status="warn" text="aws v1 at /root/.pyenv/shims/aws shadows aws v2 at /usr/bin/aws" detail={FIX} />
        </Box>
      </UiProvider>,
    );
    const out = (r.lastFrame() ?? '').split('\n');
    expect(out[0]).toMatch(/^! aws v1/);
    for (const l of out.slice(1)) expect(l).toMatch(/^  \S/);
    expect(out.some((l) => l.includes('`ln -s /usr/bin/aws ~/bin/aws`'))).toBe(true);
  });
});
