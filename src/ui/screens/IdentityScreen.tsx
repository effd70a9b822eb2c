import { Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import type { CheckResult } from '../../types.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function IdentityScreen({ state, dispatch }: ScreenProps) {
  const auth = state.auth!;
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
      {done && state.credential ? <CredentialLine check={state.credential} /> : null}
    </Frame>
  );
}

function CredentialLine({ check }: { check: CheckResult }) {
  return <StatusLine status={check.status} text={check.summary} detail={check.fix ? `fix: ${check.fix}` : check.why} />;
}
