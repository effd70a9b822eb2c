import { describe, expect, it } from 'vitest';
import { durationWords, sessionLifetimeCheck } from '../../src/core/sessionLifetime.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000);

describe('session lifetime', () => {
  it('words a duration', () => {
    expect(durationWords(478 * 60_000)).toBe('7 h 58 min');
    expect(durationWords(120 * 60_000)).toBe('2 h');
    expect(durationWords(42 * 60_000 + 5_000)).toBe('42 min');
    expect(durationWords(20_000)).toBe('under a minute');
    expect(durationWords(-5 * 60_000)).toBe('5 min');
  });

  it('passes with hours left, warns under an hour and when expired, each with the sign-in command', () => {
    const long = sessionLifetimeCheck('corp', { expiresAt: at(478), hasRefreshToken: false }, NOW);
    expect(long).toMatchObject({ status: 'pass', summary: 'IAM Identity Center sign-in of profile corp: 7 h 58 min left' });
    const short = sessionLifetimeCheck('corp', { expiresAt: at(42), hasRefreshToken: false }, NOW);
    expect(short).toMatchObject({ status: 'warn', fix: 'aws sso login --profile corp' });
    expect(short.summary).toContain('42 min left');
    const gone = sessionLifetimeCheck('corp', { expiresAt: at(-5), hasRefreshToken: true }, NOW);
    expect(gone.status).toBe('warn');
    expect(gone.summary).toContain('expired 5 min ago');
    expect(gone.summary).toContain('refresh token');
    expect(sessionLifetimeCheck('corp', null, NOW)).toMatchObject({ status: 'warn', fix: 'aws sso login --profile corp' });
  });

  it('is a warning exactly from one hour left', () => {
    expect(sessionLifetimeCheck('p', { expiresAt: at(60), hasRefreshToken: false }, NOW).status).toBe('pass');
    expect(sessionLifetimeCheck('p', { expiresAt: at(59.9), hasRefreshToken: false }, NOW).status).toBe('warn');
  });
});
