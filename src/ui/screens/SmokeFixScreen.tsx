import { Wrapped } from '../components/Wrapped.js';
import { bodyRowsWith, Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { SCROLL_DIFF, ScrollingDiff, diffScrolls } from '../components/DiffView.js';
import { useLayout, wrappedRows } from '../components/terminalSize.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { LEGACY_TOOLS_FLAG } from '../../core/codexFeatures.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

/** The profile-file fix for an endpoint that refuses Codex 0.171's tool layout: shown as a diff, written on request. */
export function SmokeFixScreen({ state, dispatch }: ScreenProps) {
  const plan = state.fixPlan;
  const writing = state.fixWriting;
  const choose = (v: 'write' | 'back') => dispatch({ type: v === 'back' ? 'BACK' : 'FIX_WRITE' });
  const intro = `Codex sends its tools at the top level again (as before 0.171) with this setting; for one run only: codex ${LEGACY_TOOLS_FLAG}`;
  // The intro and the two-item menu stay in view; the diff scrolls in the rest.
  const layout = useLayout();
  const hintsFor = (scroll: boolean): [string, string][] => (scroll ? [MOVE, SELECT, SCROLL_DIFF, BACK, QUIT] : [MOVE, SELECT, BACK, QUIT]);
  const diffRowsAvail = Math.max(3, bodyRowsWith(layout, hintsFor(true)) - wrappedRows(intro, layout.columns) - 2);
  const scrolls = !!plan && diffScrolls(plan.changes, diffRowsAvail);
  return (
    <Frame {...stepLabel('smoke-fix')} pinned={pinnedSummary(state)} hints={hintsFor(scrolls)}>
      <Wrapped>{intro}</Wrapped>
      {!plan ? (
        <StatusLine status="pending" text="Planning the change…" />
      ) : (
        <>
          {plan.changes.length ? <ScrollingDiff changes={plan.changes} rows={diffRowsAvail} /> : null}
          {writing ? (
            <StatusLine status="pending" text="Writing…" />
          ) : (
            <Menu<'write' | 'back'>
              items={[
                { label: plan.changes.length ? 'Write it (a backup is kept) and re-run the smoke test' : 'Re-run the smoke test', value: 'write' },
                { label: 'Back', value: 'back' },
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
