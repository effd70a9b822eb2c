import { useEffect, useRef, useState } from 'react';
import { useServices } from '../context.js';
import type { AuthChoice, SmokeEvent, SmokeResult } from '../../types.js';
import type { LatencyView } from '../components/LatencyPanel.js';
import { toFailure } from '../../wizard/failure.js';
import { runSmokeCheck } from '../../flows/smoke.js';

/** At most 30 frames a second while tokens stream: deltas collect in a ref and flush on a timer. */
export const FLUSH_MS = 34;

export interface SmokeView {
  text: string;
  latency: LatencyView;
  result?: SmokeResult;
}

interface Live {
  text: string;
  connectMs: number | null;
  headersMs: number | null;
  deltaTimes: number[];
  doneMs: number | null;
}

function view(l: Live): LatencyView {
  const t = l.deltaTimes;
  const gaps = t.slice(1).map((x, i) => x - t[i]);
  const span = t.length >= 2 ? t[t.length - 1] - t[0] : 0;
  return {
    connectMs: l.connectMs,
    headersMs: l.headersMs,
    ttftMs: t.length ? t[0] : null,
    tokensPerSecond: span > 0 ? (t.length - 1) / (span / 1000) : null,
    totalMs: l.doneMs,
    gaps,
  };
}

export function useSmoke(
  opts: { auth: AuthChoice; region: string; model: string; prompt: string; codexProfile: string },
  attempt: number,
  onDone: (r: SmokeResult) => void,
): SmokeView {
  const services = useServices();
  const live = useRef<Live>({ text: '', connectMs: null, headersMs: null, deltaTimes: [], doneMs: null });
  const [shown, setShown] = useState<SmokeView>({ text: '', latency: view(live.current) });
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const ctl = new AbortController();
    live.current = { text: '', connectMs: null, headersMs: null, deltaTimes: [], doneMs: null };
    let dirty = false;
    const flush = () => {
      if (!dirty || ctl.signal.aborted) return;
      dirty = false;
      setShown({ text: live.current.text, latency: view(live.current) });
    };
    const timer = setInterval(flush, FLUSH_MS);
    const onEvent = (e: SmokeEvent) => {
      const l = live.current;
      if (e.type === 'connected') l.connectMs = e.atMs;
      else if (e.type === 'headers') l.headersMs = e.atMs;
      else if (e.type === 'delta') {
        l.text += e.text;
        l.deltaTimes.push(e.atMs);
      } else l.doneMs = e.atMs;
      dirty = true;
    };
    runSmokeCheck(services, opts, onEvent, ctl.signal).then(
      (result) => {
        clearInterval(timer);
        if (ctl.signal.aborted) return;
        const r = result.latency;
        setShown({
          text: result.text || live.current.text,
          latency: { connectMs: r.connectMs, headersMs: r.headersMs, ttftMs: r.ttftMs, tokensPerSecond: r.tokensPerSecond, totalMs: r.totalMs, gaps: r.gaps },
          result,
        });
        done.current(result);
      },
      (e: unknown) => {
        clearInterval(timer);
        if (ctl.signal.aborted) return;
        const failure = toFailure(e, { service: 'bedrock-mantle' });
        done.current({
          ok: false,
          model: opts.model,
          region: opts.region,
          endpoint: '',
          auth: opts.auth.kind === 'api-key' ? 'bearer' : 'sigv4',
          text: live.current.text,
          latency: { connectMs: null, headersMs: 0, ttftMs: null, interTokenP50Ms: null, interTokenP95Ms: null, outputTokens: 0, tokensPerSecond: null, totalMs: 0, gaps: [] },
          failure: { region: opts.region, model: opts.model, ...failure },
        });
      },
    );
    return () => {
      clearInterval(timer);
      ctl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt, opts.region, opts.model, opts.codexProfile]);
  return shown;
}
