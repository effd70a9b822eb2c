import { useEffect, useState } from 'react';
import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { DiffView } from '../components/DiffView.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { useServices, useUi } from '../context.js';
import { setupChoices, webSearchDecision } from '../../wizard/machine.js';
import { probeWebSearch } from '../../flows/smoke.js';
import { toFailure } from '../../wizard/failure.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

type Choice = 'write' | 'edit' | 'cancel';

export function ConfigScreen({ state, dispatch }: ScreenProps) {
  const services = useServices();
  const { config } = services;
  const [writing, setWriting] = useState(false);
  const decided = webSearchDecision(state);
  // web_search is decided by asking the endpoint, before the plan that writes it.
  useEffect(() => {
    if (decided || !state.auth) return;
    let live = true;
    const region = state.region ?? 'us-east-1';
    const model = state.profiles[0]!.model;
    probeWebSearch(services, { auth: state.auth, region, model }).then(
      (d) => live && dispatch({ type: 'WEB_SEARCH_DECIDED', decision: { ...d, region, model } }),
      (e: unknown) => live && dispatch({ type: 'FAIL', failure: toFailure(e, { service: 'bedrock-mantle' }) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt, !!decided]);
  useEffect(() => {
    if (!decided) return;
    let live = true;
    config.planCodexConfig(setupChoices(state)).then(
      (plan) => live && dispatch({ type: 'PLAN_READY', plan }),
      (e: unknown) => live && dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt, decided?.webSearch]);

  const plan = state.plan;
  const choose = (c: Choice) => {
    if (c === 'edit') return dispatch({ type: 'EDIT' });
    if (c === 'cancel') return dispatch({ type: 'CANCEL' });
    if (!plan || writing) return;
    if (plan.changes.length === 0) return dispatch({ type: 'WRITTEN', written: [], backups: [] });
    setWriting(true);
    config.applyPlan(plan).then(
      (r) => dispatch({ type: 'WRITTEN', written: r.written, backups: r.backups }),
      (e: unknown) => dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) }),
    );
  };
  // The frame leaves 18 rows at 80×24; each file costs a title and a "… more" line besides its diff lines.
  const spare = plan ? 18 - 4 - plan.migratedLegacy.length - plan.warnings.length : 0;
  const perFile = plan ? Math.max(1, Math.floor(spare / Math.max(1, plan.changes.length)) - 2) : 0;
  return (
    <Frame {...stepLabel('config')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      {!decided ? (
        <StatusLine status="pending" text="Asking Bedrock whether it runs Codex's hosted web_search tool…" />
      ) : !plan ? (
        <StatusLine status="pending" text="Planning the Codex config…" />
      ) : (
        <>
          <StatusLine
            status={decided.webSearch === 'keep' ? 'pass' : 'warn'}
            text={decided.webSearch === 'keep' ? `web_search left on: ${decided.reason}` : `web_search = "disabled": ${decided.reason}`}
          />
          {plan.changes.length === 0 ? <StatusLine status="pass" text="Codex config already matches your choices." /> : null}
          {plan.changes.map((c) => (
            <DiffView key={c.path} change={c} maxLines={perFile} />
          ))}
          {plan.migratedLegacy.map((m) => (
            <StatusLine key={m} status="warn" text={`migrates legacy ${m} to a profile file`} />
          ))}
          {plan.warnings.map((w) => (
            <StatusLine key={w} status="warn" text={w} />
          ))}
          {writing ? (
            <StatusLine status="pending" text="Writing…" />
          ) : (
            <Menu<Choice>
              items={[
                { label: plan.changes.length ? 'Write these files (backups are kept)' : 'Continue', value: 'write' },
                { label: 'Edit choices', value: 'edit' },
                { label: 'Cancel (nothing is written)', value: 'cancel' },
              ]}
              onSelect={choose}
            />
          )}
        </>
      )}
    </Frame>
  );
}

export function ConfigWrittenScreen({ state, dispatch }: ScreenProps) {
  const { writePolicy } = useUi();
  const [busy, setBusy] = useState(false);
  const written = state.written ?? { written: [], backups: [] };
  const offerPolicy = !!writePolicy && !state.policyPath;
  const choose = (v: 'smoke' | 'policy') => {
    if (v === 'smoke') return dispatch({ type: 'NEXT' });
    if (!writePolicy || busy) return;
    setBusy(true);
    writePolicy({
      account: state.identity?.account,
      regions: [state.region ?? 'us-east-1'],
      models: [...new Set(state.profiles.map((p) => p.model))],
      bearer: state.auth?.kind === 'api-key',
    }).then(
      (path) => {
        setBusy(false);
        dispatch({ type: 'POLICY_WRITTEN', path });
      },
      (e: unknown) => dispatch({ type: 'FAIL', failure: toFailure(e, { kind: 'config' }) }),
    );
  };
  return (
    <Frame {...stepLabel('config-written')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, QUIT]}>
      {written.written.length === 0 ? <StatusLine status="pass" text="Nothing to write." /> : null}
      {written.written.map((p) => (
        <StatusLine key={p} status="pass" text={`wrote ${p}`} />
      ))}
      {written.backups.map((p) => (
        <Text key={p}>  backup: {p}</Text>
      ))}
      {state.policyPath ? <StatusLine status="pass" text={`IAM policy for your administrator: ${state.policyPath}`} /> : null}
      <Menu
        key={offerPolicy ? 'offer' : 'plain'}
        items={[
          { label: 'Run the smoke test', value: 'smoke' as const },
          ...(offerPolicy ? [{ label: 'Write the least-privilege IAM policy JSON for an administrator', value: 'policy' as const }] : []),
        ]}
        onSelect={choose}
      />
    </Frame>
  );
}
