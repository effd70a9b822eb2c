import { useEffect } from 'react';
import { Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { useServices } from '../context.js';
import { toFailure } from '../../wizard/failure.js';
import { codexCredentialCheck } from '../../wizard/preflight.js';
import type { CheckResult } from '../../types.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function IdentityScreen({ state, dispatch }: ScreenProps) {
  const { aws, env } = useServices();
  const auth = state.auth!;
  const region = state.region ?? 'us-east-1';
  useEffect(() => {
    const ctl = new AbortController();
    aws.whoAmI(auth, region, ctl.signal).then(
      (identity) => !ctl.signal.aborted && dispatch({ type: 'IDENTITY', identity }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const profile = auth.kind === 'profile' ? auth.profile : undefined;
        dispatch({ type: 'FAIL', failure: { region, profile, ...toFailure(e, { kind: 'credentials', service: 'sts' }) } });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.attempt]);
  useInput((_i, key) => key.return && state.identity !== undefined && dispatch({ type: 'NEXT' }));
  const done = state.identity !== undefined;
  return (
    <Frame {...stepLabel('identity')} pinned={pinnedSummary(state)} hints={done ? [['enter', 'continue'], BACK, QUIT] : [BACK, QUIT]}>
      {!done ? (
        <StatusLine status="pending" text="Checking who you are (STS GetCallerIdentity)…" />
      ) : state.identity ? (
        <StatusLine status="pass" text={`signed in as ${state.identity.arn} (account ${state.identity.account})`} />
      ) : (
        <StatusLine
          status="warn"
          text="Bedrock API key: identity not checked"
          detail="API keys cannot call STS; the model list and the smoke test will prove the key."
        />
      )}
      {auth.kind === 'profile' ? <Text>AWS profile: {auth.profile}</Text> : null}
      {done ? <CredentialLine check={codexCredentialCheck({ codexVersion: state.preflight?.codexVersion ?? null, auth, managedAuth: state.preflight?.managedBedrockAuth ?? null, env })} /> : null}
    </Frame>
  );
}

function CredentialLine({ check }: { check: CheckResult }) {
  return <StatusLine status={check.status} text={check.summary} detail={check.fix ? `fix: ${check.fix}` : check.why} />;
}
