import { describe, expect, it } from 'vitest';
import { codexInstallCheck } from '../../src/core/codexInstall.js';
import { codexSince } from '../../src/core/codexVersions.js';

const at = (version: string | null) => ({ path: '/usr/local/bin/codex', version });

describe('whether an old Codex is a warning or a failure (one rule for preflight and doctor)', () => {
  it('missing: a failure with the install command', () => {
    expect(codexInstallCheck(null)).toMatchObject({ id: 'codex', status: 'fail', diagnosis: 'codex-missing', fix: 'npm i -g @openai/codex@latest' });
  });
  it('older than the amazon-bedrock provider: a failure', () => {
    expect(codexInstallCheck(at('codex-cli 0.120.0'))).toMatchObject({ status: 'fail', diagnosis: 'codex-too-old', summary: `Codex 0.120.0 at /usr/local/bin/codex is older than ${codexSince('bedrock-provider')}` });
  });
  it('older than profile files: a warning (setup writes the layout it reads)', () => {
    expect(codexInstallCheck(at('0.133.9'))).toMatchObject({ status: 'warn', diagnosis: 'codex-too-old', fix: 'npm i -g @openai/codex@latest' });
    expect(codexInstallCheck(at('0.128.0')).status).toBe('warn');
  });
  it('from profile files on: a pass naming the version', () => {
    expect(codexInstallCheck(at('0.134.0'))).toEqual({ id: 'codex', status: 'pass', summary: 'Codex CLI 0.134.0 at /usr/local/bin/codex' });
    expect(codexInstallCheck(at('codex-cli 0.171.0')).status).toBe('pass');
  });
  it('an unreadable version: a warning, never a pass or a failure', () => {
    expect(codexInstallCheck(at(null))).toMatchObject({ status: 'warn', summary: 'Codex CLI at /usr/local/bin/codex, version unknown' });
    expect(codexInstallCheck(at('garbage')).status).toBe('warn');
  });
});
