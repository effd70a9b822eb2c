import { Text } from 'ink';
import { bodyRowsWith, Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { SCROLL_DIFF, ScrollingDiff, diffScrolls } from '../components/DiffView.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { webSearchDecision } from '../../wizard/machine.js';
import { useLayout } from '../components/terminalSize.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

type Choice = 'write' | 'edit' | 'cancel';

export function ConfigScreen({ state, dispatch }: ScreenProps) {
  const decided = webSearchDecision(state);
  const writing = state.writing;
  const plan = state.plan;
  const choose = (c: Choice) => {
    if (c === 'edit') return dispatch({ type: 'EDIT' });
    if (c === 'cancel') return dispatch({ type: 'CANCEL' });
    dispatch({ type: 'WRITE' });
  };
  // The status line, the menu (3) and the warnings come first; the diff scrolls in what is left.
  const layout = useLayout();
  const hintsFor = (scroll: boolean): [string, string][] => (scroll ? [MOVE, SELECT, SCROLL_DIFF, BACK, QUIT] : [MOVE, SELECT, BACK, QUIT]);
  const bodyRows = bodyRowsWith(layout, hintsFor(true));
  // The web_search line is kept to one row: the diff is what this screen is for.
  const statusRows = 1;
  const spare = plan ? bodyRows - statusRows - 4 - plan.migratedLegacy.length - plan.warnings.length : 0;
  // One title row per file is part of the scrolled text; the position line takes one row when it scrolls.
  const diffRowsAvail = Math.max(3, spare);
  const scrolls = !!plan && diffScrolls(plan.changes, diffRowsAvail);
  return (
    <Frame
      {...stepLabel('config')}
      pinned={pinnedSummary(state)}
      hints={hintsFor(scrolls)}
    >
      {!decided ? (
        <StatusLine status="pending" text="Asking Bedrock whether it runs Codex's hosted web_search tool…" />
      ) : !plan ? (
        <StatusLine status="pending" text="Planning the Codex config…" />
      ) : (
        <>
          <StatusLine
            status={decided.webSearch === 'keep' ? 'pass' : 'warn'}
            oneLine
            text={decided.webSearch === 'keep' ? `web_search left on: ${decided.reason}` : `web_search = "disabled": ${decided.reason}`}
          />
          {plan.changes.length === 0 ? <StatusLine status="pass" text="Codex config already matches your choices." /> : null}
          {plan.changes.length ? <ScrollingDiff changes={plan.changes} rows={diffRowsAvail} /> : null}
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
              vimKeys={!scrolls}
            />
          )}
        </>
      )}
    </Frame>
  );
}

export function ConfigWrittenScreen({ state, dispatch }: ScreenProps) {
  const written = state.written ?? { written: [], backups: [] };
  const offerPolicy = !!state.facts?.canWritePolicy && !state.policyPath;
  const choose = (v: 'smoke' | 'policy') => dispatch({ type: v === 'smoke' ? 'NEXT' : 'WRITE_POLICY' });
  return (
    <Frame {...stepLabel('config-written')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, QUIT]}>
      {written.written.length === 0 ? <StatusLine status="pass" text="Nothing to write." /> : null}
      {written.written.map((p) => (
        <StatusLine key={p} status="pass" text={`wrote ${p}`} />
      ))}
      {written.backups.map((p) => (
        <Text key={p}>  backup: {p}</Text>
      ))}
      {written.warning ? <StatusLine status="warn" text={written.warning} /> : null}
      {state.policyPath ? <StatusLine status="pass" text={`IAM policy for your administrator: ${state.policyPath}`} /> : null}
      {state.policyWriting ? <StatusLine status="pending" text="Writing the IAM policy…" /> : null}
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
