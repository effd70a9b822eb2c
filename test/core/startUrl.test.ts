// The one start-URL rule: flags (--sso-start-url), team templates and the wizard's SSO screen all use it.
import { describe, expect, it } from 'vitest';
import { validateSsoStartUrl } from '../../src/core/validate.js';

const message = (v: string) => {
  const r = validateSsoStartUrl(v);
  return r.ok ? null : r.message;
};

describe('validateSsoStartUrl', () => {
  it('accepts a portal URL as typed, trimmed', () => {
    expect(validateSsoStartUrl('https://corp.awsapps.com/start')).toEqual({ ok: true, value: 'https://corp.awsapps.com/start' });
    expect(validateSsoStartUrl('  https://d-1234567890.awsapps.com/start/  ')).toMatchObject({ ok: true, value: 'https://d-1234567890.awsapps.com/start/' });
  });
  it('says what is wrong, with an example to copy', () => {
    expect(message('')).toBe('Enter your IAM Identity Center start URL, e.g. https://my-company.awsapps.com/start.');
    expect(message('corp')).toBe('"corp" is not a URL; e.g. https://my-company.awsapps.com/start.');
    expect(message('http://corp.awsapps.com/start')).toContain('must use https://');
    expect(message('https://alice:pw@corp.awsapps.com/start')).toContain('must not contain a user name or password');
    expect(message('https://localhost/start')).toContain('is not a well-formed start URL');
  });
});
