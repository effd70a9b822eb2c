import { describe, expect, it } from 'vitest';
import { MIN_AWS_CLI, awsCliSituation, awsCliUsable, firstUsableAws } from '../../src/core/awsCli.js';

const v1 = { path: '/home/u/.local/bin/aws', version: '1.45.3', major: 1 };
const v2old = { path: '/opt/old/aws', version: '2.8.12', major: 2 };
const v2 = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };
const unknown = { path: '/x/aws', version: null, major: null };

describe('which aws CLI can sign in with IAM Identity Center', () => {
  it('needs 2.9.0 or later: v1, 2.8 and an unreadable version are not usable', () => {
    expect(MIN_AWS_CLI).toBe('2.9.0');
    expect(awsCliUsable(v2)).toBe(true);
    expect(awsCliUsable({ version: '2.9.0' })).toBe(true);
    expect(awsCliUsable({ version: '2.31.4' })).toBe(true);
    expect(awsCliUsable(v2old)).toBe(false);
    expect(awsCliUsable(v1)).toBe(false);
    expect(awsCliUsable(unknown)).toBe(false);
  });

  it('picks the first usable one on PATH, even behind a v1 or an old v2', () => {
    expect(firstUsableAws([v1, v2old, v2])).toBe(v2);
    expect(firstUsableAws([v1, v2old])).toBeNull();
    expect(firstUsableAws([])).toBeNull();
  });

  it('names the situation: none, too old (with the newest found), usable, usable but shadowed', () => {
    expect(awsCliSituation([])).toEqual({ kind: 'none' });
    expect(awsCliSituation([v1, v2old])).toEqual({ kind: 'too-old', best: v2old });
    expect(awsCliSituation([v2])).toEqual({ kind: 'usable', cli: v2 });
    expect(awsCliSituation([v1, v2])).toEqual({ kind: 'usable', cli: v2, shadowedBy: v1 });
    expect(awsCliSituation([v2old, v2])).toEqual({ kind: 'usable', cli: v2, shadowedBy: v2old });
  });
});
