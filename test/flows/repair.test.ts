import { describe, expect, it } from 'vitest';
import type { DoctorCheck, DoctorReport } from '../../src/core/doctorReport.js';
import { planRepair } from '../../src/flows/repair.js';
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

  it('plans nothing when every check passes', async () => {
    const { services, edits } = servicesOver(CONFIG);
    const r = await planRepair(services, { ...report([{ id: 'node', status: 'pass', summary: 'Node' }]), ok: true });
    expect(edits).toEqual([]);
    expect(r).toMatchObject({ done: [], fixed: [], left: [] });
  });
});
