// Whether the installed Codex can run what we configure: one verdict for the wizard's preflight and doctor.
import type { CheckResult, CodexInfo } from '../types.js';
import { CODEX_UPDATE_COMMAND, codexSince, codexSupports, knownVersion } from './codexVersions.js';
import { explain } from './diagnosis.js';

/**
 * Missing, older than the amazon-bedrock provider, or (for a runtime profile) older than
 * amazon-bedrock-runtime: a failure, nothing we write can work. Older than profile files: a warning, setup
 * writes the legacy layout that version reads. An unreadable version: a warning, we cannot judge it.
 */
export function codexInstallCheck(codex: CodexInfo | null, opts: { provider?: 'mantle' | 'runtime' } = {}): CheckResult {
  if (!codex) {
    const d = explain('codex-missing');
    return { id: 'codex', status: 'fail', summary: 'Codex CLI not found', why: d.why, fix: d.fix, diagnosis: d.id };
  }
  const version = knownVersion(codex.version);
  if (!version) return { id: 'codex', status: 'warn', summary: `Codex CLI at ${codex.path}, version unknown`, why: 'Without its version the checks assume the newest Codex.', fix: CODEX_UPDATE_COMMAND };
  const tooOld = (status: 'warn' | 'fail', since: string, why: string): CheckResult => ({
    id: 'codex',
    status,
    summary: `Codex ${version} at ${codex.path} is older than ${since}`,
    why,
    fix: CODEX_UPDATE_COMMAND,
    diagnosis: 'codex-too-old',
  });
  if (!codexSupports(version, 'bedrock-provider')) return tooOld('fail', codexSince('bedrock-provider'), `Codex ${codexSince('bedrock-provider')}+ has the built-in amazon-bedrock provider.`);
  if (opts.provider === 'runtime' && !codexSupports(version, 'runtime-provider')) {
    return tooOld('fail', codexSince('runtime-provider'), `The profile uses model_provider = "amazon-bedrock-runtime", built into Codex ${codexSince('runtime-provider')}+.`);
  }
  if (!codexSupports(version, 'profile-files')) {
    return tooOld(
      'warn',
      codexSince('profile-files'),
      `Profiles go into [profiles.NAME] in config.toml; Codex ${codexSince('profile-files')}+ gives each profile its own NAME.config.toml with its own region and AWS profile.`,
    );
  }
  return { id: 'codex', status: 'pass', summary: `Codex CLI ${version} at ${codex.path}` };
}
