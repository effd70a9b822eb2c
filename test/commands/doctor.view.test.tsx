// The live view: checks appear as they land, open groups spin, failures show why and fix, then a summary.
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { DoctorView } from '../../src/ui/doctor/DoctorView.js';
import { DoctorLive } from '../../src/ui/doctor/runDoctorView.js';
import { UiProvider } from '../../src/ui/context.js';
import { runChecks, type CheckOptions } from '../../src/flows/checks.js';
import type { DoctorReport } from '../../src/core/doctorReport.js';
import type { Services } from '../../src/services/types.js';
import { deferred, fakeServices } from '../ui/fakes.js';

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
async function waitFor(frame: () => string, pred: (f: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (pred(frame())) return frame();
    await tick(10);
  }
  throw new Error(`timed out; last frame:\n${frame()}`);
}

function withUi(services: Services, node: ReactElement) {
  return <UiProvider value={{ services, color: false }}>{node}</UiProvider>;
}

/** A configured Bedrock profile, read as Codex would. */
function configured(services: Services & { calls: unknown }) {
  services.config.readCodexSettings = async (codexProfile) => ({
    configPath: '/home/dev/.codex/config.toml',
    configExists: true,
    codexProfile: codexProfile ?? null,
    profilePath: codexProfile ? `/home/dev/.codex/${codexProfile}.config.toml` : null,
    hasCredentialExport: false,
    managedBedrockAuth: null,
    profileExists: !!codexProfile,
    model: 'openai.gpt-oss-120b',
    modelProvider: 'amazon-bedrock',
    region: 'us-east-1',
    awsProfile: 'dev',
    webSearch: 'disabled',
    legacyProfileTables: [],
    profileFiles: ['bedrock-prod'],
    findings: [],
  });
  return services;
}

describe('DoctorView', () => {
  it('shows ✓ ! ✗, a spinner per open group, and why/fix only under problems', () => {
    const { lastFrame } = render(
      withUi(
        fakeServices(),
        <DoctorView
          checks={[
            { id: 'node', status: 'pass', summary: 'Node 20.20.2', fix: 'never shown' },
            { id: 'aws-cli', status: 'warn', summary: 'aws CLI 1.45 shadows v2', why: 'v1 has no sso', fix: 'export PATH="/usr/bin:$PATH"' },
            { id: 'model', status: 'fail', summary: 'openai.x is not offered in us-east-1', why: 'regions differ', fix: 'npx codex-bedrock-setup models --all-regions' },
          ]}
          pending={['network']}
          done={false}
        />,
      ),
    );
    const f = lastFrame() ?? '';
    expect(f).toMatch(/✓ Node 20\.20\.2/);
    expect(f).not.toContain('never shown');
    expect(f).toMatch(/! aws CLI 1\.45 shadows v2\n\s+Why: v1 has no sso\n\s+Fix: export PATH="\/usr\/bin:\$PATH"/);
    expect(f).toMatch(/✗ openai\.x is not offered in us-east-1\n\s+Why: regions differ\n\s+Fix: npx codex-bedrock-setup models --all-regions/);
    expect(f).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Talking to Bedrock…/);
    expect(f).not.toMatch(/problem found|All checks passed/);
  });

  it('ends with a one-line summary and no spinner', () => {
    const { lastFrame } = render(
      withUi(fakeServices(), <DoctorView checks={[{ id: 'a', status: 'fail', summary: 'x' }, { id: 'b', status: 'warn', summary: 'y' }]} pending={[]} done />),
    );
    expect(lastFrame()).toMatch(/1 problem found, 1 warning\.$/);
    expect(lastFrame()).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });

  it('before setup: the missing config with its fix, the waiting checks as one line with neither why nor fix', () => {
    const { lastFrame } = render(
      withUi(
        fakeServices(),
        <DoctorView
          checks={[
            { id: 'codex-config', status: 'fail', summary: 'No Codex config at /home/dev/.codex/config.toml', fix: 'npx codex-bedrock-setup' },
            { id: 'codex-config-checks', status: 'skipped', summary: 'Checks of the Codex config (credential, model) run once it exists: npx codex-bedrock-setup', why: 'never shown', fix: 'npx codex-bedrock-setup' },
          ]}
          pending={[]}
          done
        />,
      ),
    );
    const f = lastFrame() ?? '';
    expect(f).toMatch(/✗ No Codex config at \/home\/dev\/\.codex\/config\.toml\n\s+Fix: npx codex-bedrock-setup\n– Checks of the Codex config \(credential, model\) run once it exists: npx codex-bedrock-setup\n/);
    expect(f).not.toContain('never shown');
    expect(f.match(/Fix:/g)).toHaveLength(1);
    expect(f).toMatch(/1 problem found\.$/);
  });

  it('shows the tail of what Codex printed under a failed turn', () => {
    const { lastFrame } = render(
      withUi(fakeServices(), <DoctorView checks={[{ id: 'codex-turn', status: 'fail', summary: 'codex exec failed', output: 'ERROR: unexpected status 403 Forbidden' }]} pending={[]} done />),
    );
    expect(lastFrame()).toContain('ERROR: unexpected status 403 Forbidden');
  });
});

/** The fake machine's Codex has no binary: its doctor report is canned, shaped like Codex 0.169's. */
const codexDoctorOk = async () => ({
  exitCode: 0,
  timedOut: false,
  stderr: '',
  stdout: JSON.stringify({ codexVersion: '0.169.0', checks: { 'config.load': { status: 'ok', summary: 'config loaded', details: { 'model provider': 'amazon-bedrock', model: 'openai.gpt-oss-120b' } } } }),
});

const OPTIONS: CheckOptions = { runCodexDoctor: codexDoctorOk };

describe('DoctorLive (real runChecks on fake services)', () => {
  it('lists checks as they complete, with a spinner while Bedrock has not answered', async () => {
    const services = configured(fakeServices());
    const smoke = deferred<Awaited<ReturnType<Services['aws']['smokeTest']>>>();
    const realSmoke = services.aws.smokeTest;
    services.aws.smokeTest = (o, e, s) => smoke.promise.then(() => realSmoke(o, e, s));
    const reports: DoctorReport[] = [];
    const { lastFrame } = render(withUi(services, <DoctorLive run={(l) => runChecks(services, OPTIONS, l)} onDone={(r) => reports.push(r)} />));
    const frame = () => lastFrame() ?? '';
    const during = await waitFor(frame, (f) => f.includes('is offered in us-east-1'));
    expect(during).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Talking to Bedrock…/);
    expect(reports).toHaveLength(0);
    smoke.resolve(undefined as never);
    const end = await waitFor(frame, (f) => /problem found|All checks passed/.test(f));
    expect(end).toMatch(/✓ Streamed a reply/);
    // The fake machine has aws v1 before v2: a warning, not a failure.
    expect(end).toMatch(/! aws CLI 1\.45\.3 at \/usr\/local\/bin\/aws shadows v2/);
    expect(end).toMatch(/✓ codex doctor 0\.169\.0: provider amazon-bedrock, model openai\.gpt-oss-120b/);
    expect(end).toMatch(/All checks passed \(1 warning\)\./);
    await waitFor(frame, () => reports.length === 1);
    expect(reports[0].ok).toBe(true);
  });

  it('shows the catalogue why and fix when a check fails', async () => {
    const services = configured(fakeServices());
    services.aws.listMantleModels = async (_a, region) => (region === 'us-west-2' ? ['openai.gpt-oss-120b'] : ['openai.gpt-oss-20b']);
    const { lastFrame } = render(withUi(services, <DoctorLive run={(l) => runChecks(services, OPTIONS, l)} onDone={() => {}} />));
    const end = await waitFor(() => lastFrame() ?? '', (f) => /problem found/.test(f));
    expect(end).toMatch(/✗ openai\.gpt-oss-120b is not offered in us-east-1; it is in us-west-2/);
    expect(end).toMatch(/Fix: Use a region that has it \(us-west-2\)/);
  });
});
