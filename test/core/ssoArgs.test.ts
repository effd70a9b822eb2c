import { describe, expect, it } from 'vitest';
import { configureSsoArgs, DEVICE_CODE_FLAG_SINCE, hasDeviceCodeFlag, signsInWithCode, ssoLoginArgs, type SignInMode } from '../../src/core/ssoArgs.js';

const FLAG = '--use-device-code';
const mode = (over: Partial<SignInMode>): SignInMode => ({ headless: false, awsVersion: '2.31.4', ...over });

describe('the aws CLI arguments for IAM Identity Center sign-in', () => {
  it('knows the flag from 2.22.0 on (aws/aws-cli#8947); 2.9.19 refuses it; v1 and an unknown version get none', () => {
    expect(DEVICE_CODE_FLAG_SINCE).toBe('2.22.0');
    expect(hasDeviceCodeFlag('2.22.0')).toBe(true);
    expect(hasDeviceCodeFlag('2.31.4')).toBe(true);
    expect(hasDeviceCodeFlag('2.21.3')).toBe(false);
    expect(hasDeviceCodeFlag('2.9.19')).toBe(false);
    expect(hasDeviceCodeFlag('1.45.3')).toBe(false);
    expect(hasDeviceCodeFlag(null)).toBe(false);
  });

  it('headless on a new aws CLI: the device code, for sso login and configure sso alike', () => {
    expect(ssoLoginArgs('codex', mode({ headless: true }))).toEqual(['sso', 'login', '--profile', 'codex', FLAG]);
    expect(configureSsoArgs('codex', mode({ headless: true }))).toEqual(['configure', 'sso', '--profile', 'codex', FLAG]);
  });

  it('with a browser here: the aws CLI default, unless --device-code asks', () => {
    expect(ssoLoginArgs('codex', mode({}))).toEqual(['sso', 'login', '--profile', 'codex']);
    expect(ssoLoginArgs('codex', mode({ choice: 'device-code' }))).toEqual(['sso', 'login', '--profile', 'codex', FLAG]);
  });

  it('--browser keeps the default even when headless (a forwarded port, say)', () => {
    expect(ssoLoginArgs('codex', mode({ headless: true, choice: 'browser' }))).toEqual(['sso', 'login', '--profile', 'codex']);
    expect(configureSsoArgs('codex', mode({ headless: true, choice: 'browser' }))).toEqual(['configure', 'sso', '--profile', 'codex']);
  });

  it('an aws CLI before 2.22 never gets the flag: it signs in with the code anyway', () => {
    for (const m of [mode({ headless: true, awsVersion: '2.9.19' }), mode({ choice: 'device-code', awsVersion: '2.21.0' }), mode({ headless: true, awsVersion: null })]) {
      expect(ssoLoginArgs('p', m)).not.toContain(FLAG);
      expect(configureSsoArgs('p', m)).not.toContain(FLAG);
    }
  });

  it('says when the aws CLI will print a URL and a code', () => {
    expect(signsInWithCode(mode({ awsVersion: '2.9.19' }))).toBe(true);
    expect(signsInWithCode(mode({ headless: true }))).toBe(true);
    expect(signsInWithCode(mode({}))).toBe(false);
    expect(signsInWithCode(mode({ headless: true, choice: 'browser' }))).toBe(false);
  });
});
