import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { DoctorCheck, DoctorListener, DoctorPhase, DoctorReport } from '../../core/doctorReport.js';
import type { Services } from '../../services/types.js';
import { UiProvider } from '../context.js';
import { DoctorView } from './DoctorView.js';

/** Runs the checks the command hands over; the view only shows them as they land. */
export type RunChecks = (listener: DoctorListener) => Promise<DoctorReport>;

/** Shows the checks live; resolves with the report once the last check has been drawn. */
export function DoctorLive({ run, onDone }: { run: RunChecks; onDone: (r: DoctorReport) => void }) {
  const [checks, setChecks] = useState<DoctorCheck[]>([]);
  const [pending, setPending] = useState<DoctorPhase[]>([]);
  const [report, setReport] = useState<DoctorReport | null>(null);
  useEffect(() => {
    let live = true;
    void run({
      onCheck: (c) => live && setChecks((cs) => [...cs, c]),
      onPhase: (p, state) => live && setPending((ps) => (state === 'start' ? [...ps, p] : ps.filter((x) => x !== p))),
    }).then((r) => {
      if (live) setReport(r);
    });
    return () => {
      live = false;
    };
    // One run per mount: a caller's inline `run` must not restart the checks on every render.
  }, []);
  useEffect(() => {
    if (report) onDone(report);
  }, [report, onDone]);
  return <DoctorView checks={checks} pending={pending} done={report !== null} />;
}

export async function runDoctorView(services: Services, run: RunChecks, ui: { color: boolean }): Promise<DoctorReport> {
  let resolveReport!: (r: DoctorReport) => void;
  const finished = new Promise<DoctorReport>((r) => (resolveReport = r));
  const app = render(
    <UiProvider value={{ services, color: ui.color }}>
      <DoctorLive run={run} onDone={resolveReport} />
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
