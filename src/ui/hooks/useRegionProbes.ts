import { setMaxListeners } from 'node:events';
import { useEffect, useState } from 'react';
import { useServices } from '../context.js';

export type Probe = { state: 'pending' } | { state: 'ok'; rttMs: number | null } | { state: 'down'; error?: string };

/** Probes every region at once; the list is on screen already and fills in as answers arrive. */
export function useRegionProbes(regions: string[]): Record<string, Probe> {
  const services = useServices();
  const [probes, setProbes] = useState<Record<string, Probe>>({});
  const key = regions.join(',');
  useEffect(() => {
    const ctl = new AbortController();
    // One signal fans out to every probe: past Node's default of 10 listeners it prints a leak warning across Ink's frame.
    setMaxListeners(0, ctl.signal);
    for (const region of regions) {
      const set = (p: Probe) => !ctl.signal.aborted && setProbes((all) => ({ ...all, [region]: p }));
      services.aws.probeRegion(region, ctl.signal).then(
        (r) => set(r.ok ? { state: 'ok', rttMs: r.rttMs } : { state: 'down', error: r.error }),
        () => set({ state: 'down' }),
      );
    }
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return probes;
}
