// The launch checks, filled in as they finish.
import { useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, QUIT } from '../components/KeyHints.js';
import { awsChecks, codexCheck, codexConfigCheck, demoCodexCheck } from '../../wizard/preflight.js';
import type { CheckResult } from '../../types.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

function line(c: CheckResult) {
  return <StatusLine key={c.id} status={c.status} text={c.summary} detail={c.fix ? `fix: ${c.fix}` : c.why} />;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** None yet is not a pass, nor a fault: the auth step creates one or goes without. */
function profileLine(n: number, sso: number) {
  if (n === 0) return <StatusLine status="warn" text="No AWS profiles" detail="none yet: the next steps can create one (IAM Identity Center) or use an API key" />;
  return <StatusLine status="pass" text={`${count(n, 'AWS profile')}, ${sso === 0 ? 'none' : sso} with IAM Identity Center`} />;
}

export function PreflightScreen({ state, dispatch }: ScreenProps) {
  const t = state.checks;
  const ready = !!state.preflight;
  useInput((_i, key) => key.return && ready && dispatch({ type: 'NEXT' }));
  const codex = t.codex?.ok ? t.codex.value : null;
  const profiles = t.profiles?.ok ? t.profiles.value.profiles : [];
  const sso = profiles.filter((p) => p.isSso).length;
  return (
    <Frame {...stepLabel('preflight')} pinned={pinnedSummary(state)} hints={ready ? [['enter', 'continue'], BACK, QUIT] : [BACK, QUIT]}>
      {state.facts ? line(state.facts.node) : null}
      {/* Judged once the facts say whether this is the demo, where a missing Codex is no failure. */}
      {!t.codex || !state.facts ? <StatusLine status="pending" text="Codex CLI" /> : line(state.facts?.demo ? demoCodexCheck(codex) : codexCheck(codex))}
      {!t.aws ? <StatusLine status="pending" text="aws CLI on PATH" /> : awsChecks(t.aws.ok ? t.aws.value : []).map(line)}
      {!t.profiles ? (
        <StatusLine status="pending" text="AWS profiles" />
      ) : !t.profiles.ok ? (
        <StatusLine status="warn" text="AWS config could not be read" detail={t.profiles.message} />
      ) : (
        profileLine(profiles.length, sso)
      )}
      {!t.codexConfig ? (
        <StatusLine status="pending" text="Codex config" />
      ) : !t.codexConfig.ok ? (
        <StatusLine status="warn" text="Codex config could not be read" detail={t.codexConfig.message} />
      ) : (
        line(codexConfigCheck(t.codexConfig.value, codex?.version ?? null))
      )}
      {(state.facts?.env ?? []).map(line)}
    </Frame>
  );
}
