import { describe, expect, it } from 'vitest';
import type { DoctorCheck, DoctorReport } from '../../src/core/doctorReport.js';
import { planRepair, planSignInRepair, signInAgain } from '../../src/flows/repair.js';
import { fakeServices } from '../helpers/services.js';

const CONFIG = '# mine\n[model_providers.amazon-bedrock.aws]\nprofile = "corp-sso"\n';

function report(checks: DoctorCheck[], profile = 'corp-sso'): DoctorReport {
  return { ok: false, codexProfile: 'p', codexVersion: '0.171.0', credential: { kind: 'aws-profile', source: 'aws.profile in config.toml', profile }, checks };
}

/** Fake services whose planCodexEdit runs the edit over these files, as the real one does over the disk. */
function servicesOver(configToml: string | null) {
  const services = fakeServices();
  const edits: { configToml: string | null }[] = [];
  services.config.planCodexEdit = async (edit) => {
    const out = edit({ configToml, profileFiles: {} });
    edits.push(out);
    const changes = out.configToml !== configToml && out.configToml !== null ? [{ path: '/h/.codex/config.toml', before: configToml, after: out.configToml, diff: '' }] : [];
    return { changes, migratedLegacy: [], warnings: out.warnings ?? [] };
  };
  return { services, edits };
}

const NO_REGION: DoctorCheck = { id: 'region', status: 'fail', summary: 'No region: Codex fails with "AWS SDK config did not resolve a region"', fix: 'npx codex-bedrock-setup --region us-east-1' };
const DENIED: DoctorCheck = { id: 'smoke', status: 'fail', diagnosis: 'invoke-denied', summary: 'The identity may not run the model', fix: 'Ask an administrator' };

describe('planRepair', () => {
  it('writes the region of the AWS profile Codex signs with, and leaves the findings that are not config edits', async () => {
    const { services } = servicesOver(CONFIG);
    const r = await planRepair(services, report([NO_REGION, DENIED]));
    expect(r.plan.changes[0]!.after).toBe(`${CONFIG}region = "us-east-1"\n`);
    expect(r.fixed.map((c) => c.id)).toEqual(['region']);
    expect(r.left.map((c) => c.id)).toEqual(['smoke']);
  });

  it('plans nothing over a config that does not parse', async () => {
    const { services, edits } = servicesOver('[broken');
    const r = await planRepair(services, report([{ id: 'codex-config', status: 'fail', diagnosis: 'config-parse-error', summary: 'config.toml does not parse' }, NO_REGION]));
    expect(edits).toEqual([]);
    expect(r.plan.changes).toEqual([]);
    expect(r.left.map((c) => c.id)).toEqual(['codex-config', 'region']);
  });

  it('a skipped row (checks waiting for a config) is neither fixed nor left for the person', async () => {
    const { services, edits } = servicesOver(null);
    const waiting: DoctorCheck = { id: 'codex-config-checks', status: 'skipped', summary: 'Checks of the Codex config run once it exists: npx codex-bedrock-setup', fix: 'npx codex-bedrock-setup' };
    const r = await planRepair(services, { ...report([waiting]), ok: true });
    expect(edits).toEqual([]);
    expect(r).toMatchObject({ done: [], fixed: [], left: [] });
  });

  it('plans nothing when every check passes', async () => {
    const { services, edits } = servicesOver(CONFIG);
    const r = await planRepair(services, { ...report([{ id: 'node', status: 'pass', summary: 'Node' }]), ok: true });
    expect(edits).toEqual([]);
    expect(r).toMatchObject({ done: [], fixed: [], left: [] });
  });
});

describe('planSignInRepair and signInAgain', () => {
  const ENDED: DoctorCheck = { id: 'sso-session-lifetime', status: 'warn', summary: 'IAM Identity Center sign-in of profile corp-sso expired 1 h ago', fix: 'aws sso login --profile corp-sso' };

  it('signs the profile Codex uses in again with the aws CLI v2 behind the v1 on PATH, the hint first', async () => {
    const services = fakeServices();
    services.sso.headless = () => 'ssh';
    const repair = await planSignInRepair(services, report([ENDED]), true, 'device-code');
    expect(repair).toMatchObject({ run: true, profile: 'corp-sso', awsPath: '/usr/bin/aws', command: 'aws sso login --profile corp-sso' });
    const said: string[] = [];
    expect(await signInAgain(services, repair as Extract<typeof repair, { run: true }>, (l) => said.push(l))).toBe(true);
    expect(services.calls.runAwsInteractive).toEqual([{ args: ['sso', 'login', '--profile', 'corp-sso'], awsPath: '/usr/bin/aws' }]);
    expect(said[0]).toContain('No browser here (this is an SSH session)');
  });

  it('a sign-in that does not finish is not a success', async () => {
    const services = fakeServices();
    services.sso.runAwsInteractive = async () => ({ exitCode: 255, signal: null });
    const repair = await planSignInRepair(services, report([ENDED]), true);
    expect(await signInAgain(services, repair as Extract<typeof repair, { run: true }>, () => {})).toBe(false);
  });

  it('nothing to do when the sign-in is fine, or Codex signs with access keys', async () => {
    expect(await planSignInRepair(fakeServices(), report([{ ...ENDED, status: 'pass' }]), true)).toBeNull();
    expect(await planSignInRepair(fakeServices(), report([ENDED], 'dev'), true)).toBeNull();
  });
});
