import { useEffect, useState } from 'react';

export type TaskState<T> = { status: 'pending' } | { status: 'ok'; value: T } | { status: 'error'; error: unknown };

/** Runs `fn` when `deps` change; results arriving after unmount are dropped and the signal is aborted. */
export function useTask<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): TaskState<T> {
  const [state, setState] = useState<TaskState<T>>({ status: 'pending' });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: 'pending' });
    fn(ctl.signal).then(
      (value) => !ctl.signal.aborted && setState({ status: 'ok', value }),
      (error: unknown) => !ctl.signal.aborted && setState({ status: 'error', error }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
