import { render } from 'ink';
import { useEffect, useState } from 'react';
import { runChecks, type DoctorCheck, type DoctorOptions, type DoctorPhase, type DoctorReport } from '../../commands/doctor.js';
import type { Services } from '../../services/types.js';
import { UiProvider } from '../context.js';
import { DoctorView } from './DoctorView.js';

/** Runs the checks and shows them live; resolves with the report once the last check has been drawn. */
export function DoctorLive({ services, options, onDone }: { services: Services; options: DoctorOptions; onDone: (r: DoctorReport) => void }) {
  const [checks, setChecks] = useState<DoctorCheck[]>([]);
  const [pending, setPending] = useState<DoctorPhase[]>([]);
  const [report, setReport] = useState<DoctorReport | null>(null);
  useEffect(() => {
    let live = true;
    void runChecks(services, options, {
      onCheck: (c) => live && setChecks((cs) => [...cs, c]),
      onPhase: (p, state) => live && setPending((ps) => (state === 'start' ? [...ps, p] : ps.filter((x) => x !== p))),
    }).then((r) => {
      if (live) setReport(r);
    });
    return () => {
      live = false;
    };
  }, [services, options]);
  useEffect(() => {
    if (report) onDone(report);
  }, [report, onDone]);
  return <DoctorView checks={checks} pending={pending} done={report !== null} />;
}

export async function runDoctorView(services: Services, options: DoctorOptions, ui: { color: boolean }): Promise<DoctorReport> {
  let resolveReport!: (r: DoctorReport) => void;
  const finished = new Promise<DoctorReport>((r) => (resolveReport = r));
  const app = render(
    <UiProvider value={{ services, color: ui.color }}>
      <DoctorLive services={services} options={options} onDone={resolveReport} />
    </UiProvider>,
    { exitOnCtrlC: true },
  );
  const report = await finished;
  // Let Ink paint the summary before unmounting.
  await new Promise((r) => setTimeout(r, 0));
  app.unmount();
  await app.waitUntilExit();
  return report;
}
