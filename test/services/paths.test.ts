// Default locations per platform, simulated: what Codex and the aws CLI themselves would use.
import { describe, expect, it } from 'vitest';
import { awsConfigPathOf, awsCredentialsPathOf, codexHomeOf, expandHome, homeOf } from '../../src/services/paths.js';

describe('user paths', () => {
  it('Windows: %USERPROFILE%\\.codex and %USERPROFILE%\\.aws\\config, even when Git Bash sets HOME', () => {
    const env = { USERPROFILE: 'C:\\Users\\Ada', HOME: '/c/Users/Ada' };
    expect(homeOf(env, 'win32')).toBe('C:\\Users\\Ada');
    expect(codexHomeOf(env, undefined, 'win32')).toBe('C:\\Users\\Ada\\.codex');
    expect(awsConfigPathOf(env, 'win32')).toBe('C:\\Users\\Ada\\.aws\\config');
    expect(awsCredentialsPathOf(env, 'win32')).toBe('C:\\Users\\Ada\\.aws\\credentials');
    expect(expandHome('~\\work\\codex', env, 'win32')).toBe('C:\\Users\\Ada\\work\\codex');
  });

  it('Windows: without USERPROFILE, HOMEDRIVE+HOMEPATH, then a HOME with a drive letter; a drive-less HOME is not a home', () => {
    expect(homeOf({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\Bo', HOME: 'E:\\elsewhere' }, 'win32')).toBe('D:\\Users\\Bo');
    expect(homeOf({ HOME: 'E:\\home\\bo' }, 'win32')).toBe('E:\\home\\bo');
    expect(homeOf({ USERPROFILE: '\\\\fs01\\profiles\\bo' }, 'win32')).toBe('\\\\fs01\\profiles\\bo');
    expect(homeOf({ USERPROFILE: '', HOME: '/c/Users/Bo' }, 'win32')).not.toBe('/c/Users/Bo');
  });

  it('Windows: CODEX_HOME and AWS_CONFIG_FILE still win', () => {
    const env = { USERPROFILE: 'C:\\Users\\Ada', CODEX_HOME: 'D:\\codex', AWS_CONFIG_FILE: '~\\aws.ini' };
    expect(codexHomeOf(env, undefined, 'win32')).toBe('D:\\codex');
    expect(codexHomeOf(env, 'E:\\other', 'win32')).toBe('E:\\other');
    expect(awsConfigPathOf(env, 'win32')).toBe('C:\\Users\\Ada\\aws.ini');
  });

  it.each(['darwin', 'linux'] as const)('%s: $HOME/.codex and $HOME/.aws/config; USERPROFILE means nothing', (platform) => {
    const env = { HOME: '/Users/ada', USERPROFILE: 'C:\\Users\\Ada' };
    expect(homeOf(env, platform)).toBe('/Users/ada');
    expect(codexHomeOf(env, undefined, platform)).toBe('/Users/ada/.codex');
    expect(awsConfigPathOf(env, platform)).toBe('/Users/ada/.aws/config');
    expect(awsCredentialsPathOf(env, platform)).toBe('/Users/ada/.aws/credentials');
    expect(codexHomeOf({ ...env, CODEX_HOME: '~/c' }, undefined, platform)).toBe('/Users/ada/c');
    expect(awsConfigPathOf({ ...env, AWS_CONFIG_FILE: '/etc/aws' }, platform)).toBe('/etc/aws');
  });

  it('POSIX: an empty or relative HOME never makes a path relative to the current folder', () => {
    for (const HOME of ['', 'relative/home']) {
      expect(homeOf({ HOME }, 'linux').startsWith('/')).toBe(true);
      expect(codexHomeOf({ HOME }, undefined, 'linux')).not.toBe('.codex');
    }
  });
});
