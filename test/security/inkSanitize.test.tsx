// The Ink screens draw outside text (identities, errors, diffs of the user's files) without letting
// an escape sequence or a secret through.
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ScrollingDiff } from '../../src/ui/components/DiffView.js';
import { StatusLine } from '../../src/ui/components/StatusLine.js';
import { UiProvider } from '../../src/ui/context.js';
import { unifiedDiff } from '../../src/core/diff.js';
import type { Services } from '../../src/services/types.js';

const HOSTILE = 'arn:aws:iam::1:user/\u001B]52;c;cHduZWQ=\u0007x\u001B[2J\u009B31m';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYINKCANARY01';

function draw(node: ReactElement): string {
  const r = render(<UiProvider value={{ services: {} as Services, color: false }}>{node}</UiProvider>);
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
}

describe('Ink screens and outside text', () => {
  it('a status line shows control characters visibly and masks secrets', () => {
    const frame = draw(<StatusLine status="pass" text={`signed in as ${HOSTILE}`} detail={`Authorization: Bearer bedrock-api-key-${SECRET}`} />);
    expect(frame).not.toMatch(/[\u0007\u001B\u009B]/);
    expect(frame).toContain('␛]52;c;cHduZWQ=␇');
    expect(frame).not.toContain(SECRET);
  });

  it("a diff of the user's file masks secret values in context lines and shows escapes visibly", () => {
    const before = `[default]\naws_secret_access_key = ${SECRET}\nnote = \u001B]0;title\u0007\n`;
    const after = `${before}[profile bedrock]\nregion = us-east-1\n`;
    const frame = draw(<ScrollingDiff changes={[{ path: '/h/.aws/config', before, after, diff: unifiedDiff('/h/.aws/config', before, after) }]} rows={20} />);
    expect(frame).not.toContain(SECRET);
    expect(frame).toContain('aws_secret_access_key = ****');
    expect(frame).not.toMatch(/[\u0007\u001B]/);
    expect(frame).toContain('+region = us-east-1');
  });
});
