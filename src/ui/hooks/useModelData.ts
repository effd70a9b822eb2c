import { setMaxListeners } from 'node:events';
import { useEffect, useState } from 'react';
import { useServices } from '../context.js';
import type { AuthChoice, Failure } from '../../types.js';
import type { Listing } from '../../wizard/models.js';
import { toFailure } from '../../wizard/failure.js';

export interface ModelData {
  here: Listing;
  hereFailure?: Failure;
  elsewhere: Record<string, Listing>;
  codex: string[] | null | undefined;
}

/** Asks Mantle in the chosen region and every other validated region, and Codex for its catalogue, in parallel. */
export function useModelData(auth: AuthChoice, region: string, others: string[], attempt: number): ModelData {
  const services = useServices();
  const [data, setData] = useState<ModelData>({ here: undefined, elsewhere: {}, codex: undefined });
  useEffect(() => {
    const ctl = new AbortController();
    // One signal fans out to a request per region: past Node's default of 10 listeners it prints a leak warning across Ink's frame.
    setMaxListeners(0, ctl.signal);
    const update = (patch: (d: ModelData) => ModelData) => !ctl.signal.aborted && setData(patch);
    setData({ here: undefined, elsewhere: {}, codex: undefined });
    services.aws.listMantleModels(auth, region, ctl.signal).then(
      (ids) => update((d) => ({ ...d, here: ids })),
      (e: unknown) => update((d) => ({ ...d, here: null, hereFailure: { region, ...toFailure(e, { service: 'bedrock-mantle' }) } })),
    );
    for (const r of others) {
      services.aws.listMantleModels(auth, r, ctl.signal).then(
        (ids) => update((d) => ({ ...d, elsewhere: { ...d.elsewhere, [r]: ids } })),
        () => update((d) => ({ ...d, elsewhere: { ...d.elsewhere, [r]: null } })),
      );
    }
    services.tools.codexModels().then(
      (ids) => update((d) => ({ ...d, codex: ids })),
      () => update((d) => ({ ...d, codex: null })),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region, attempt, others.join(',')]);
  return data;
}
