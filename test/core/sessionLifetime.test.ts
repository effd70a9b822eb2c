import { describe, expect, it } from 'vitest';
import { credentialsLine, credentialsSummary, durationWords, sessionLifetimeCheck } from '../../src/core/sessionLifetime.js';

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

describe('the credentials line (wizard done screen, setup --yes)', () => {
  const sso = { kind: 'sso' } as const;
  it('an Identity Center profile: the time left and the command for afterwards', () => {
    const s = credentialsSummary({ method: 'profile', awsProfile: 'dev', source: sso, token: { expiresAt: at(460), hasRefreshToken: false } }, NOW);
    expect(credentialsLine(s)).toBe('Credentials: AWS profile dev (IAM Identity Center), signed in for 7 h 40 min more; then: aws sso login --profile dev');
    expect(s).toMatchObject({ source: 'sso', awsProfile: 'dev', then: 'aws sso login --profile dev', signIn: { profile: 'dev', minutesLeft: 460, renews: false, expiresAt: at(460).toISOString() } });
  });

  it('says when the sign-in has ended or was never made, and when the refresh token renews it', () => {
    const gone = credentialsSummary({ method: 'sso', awsProfile: 'dev', source: sso, token: { expiresAt: at(-90), hasRefreshToken: true } }, NOW);
    expect(gone.text).toBe('AWS profile dev (IAM Identity Center), the sign-in expired 1 h 30 min ago (the aws CLI and the SDK renew it while the session lasts)');
    expect(gone.signIn).toMatchObject({ minutesLeft: 0, renews: true });
    const none = credentialsSummary({ method: 'sso', awsProfile: 'dev', source: sso, token: null }, NOW);
    expect(credentialsLine(none)).toBe('Credentials: AWS profile dev (IAM Identity Center), not signed in yet; then: aws sso login --profile dev');
    expect(none.signIn).toMatchObject({ expiresAt: null, minutesLeft: null });
  });

  it('a role assumed from an Identity Center profile signs in again through that base profile', () => {
    const s = credentialsSummary({ method: 'profile', awsProfile: 'bedrock', source: { kind: 'role-chain', base: 'sso', baseProfile: 'corp' }, token: { expiresAt: at(42), hasRefreshToken: false } }, NOW);
    expect(credentialsLine(s)).toBe('Credentials: AWS profile bedrock (a role assumed from IAM Identity Center), signed in for 42 min more; then: aws sso login --profile corp');
  });

  it('never names aws sso login for a profile that is not Identity Center', () => {
    const keys = credentialsSummary({ method: 'profile', awsProfile: 'dev', source: { kind: 'static-keys' } }, NOW);
    expect(credentialsLine(keys)).toBe('Credentials: AWS profile dev (access keys); access keys do not expire until someone rotates or deletes them');
    const helper = credentialsSummary({ method: 'profile', awsProfile: 'okta', source: { kind: 'credential-process' } }, NOW);
    expect(helper.source).toBe('credential-process');
    expect(helper.then ?? helper.signIn).toBeUndefined();
    expect(helper.text).toBe('AWS profile okta (a credential_process helper); the helper renews them (Codex never runs aws sso login for it)');
    const chained = credentialsSummary({ method: 'profile', awsProfile: 'role', source: { kind: 'role-chain', base: 'credential-process', baseProfile: 'okta' } }, NOW);
    expect(chained.text).toContain('a role assumed from a credential_process helper');
    const login = credentialsSummary({ method: 'profile', awsProfile: 'me', source: { kind: 'login-session' } }, NOW);
    expect(credentialsLine(login)).toBe('Credentials: AWS profile me (an aws login session); then: aws login --profile me');
    for (const s of [keys, helper, chained, login]) expect(credentialsLine(s)).not.toContain('sso login --profile');
  });

  it('a Bedrock API key and environment credentials', () => {
    expect(credentialsLine(credentialsSummary({ method: 'api-key', apiKeyShortTerm: true }, NOW))).toBe('Credentials: a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK), short-term: it lasts at most 12 h, then create a new one');
    expect(credentialsSummary({ method: 'api-key' }, NOW)).toMatchObject({ source: 'api-key', awsProfile: null, text: 'a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)' });
    expect(credentialsSummary({ method: 'env' }, NOW)).toMatchObject({ source: 'env', awsProfile: null });
  });
});
