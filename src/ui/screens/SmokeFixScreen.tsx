import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { DiffView } from '../components/DiffView.js';
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
  return (
    <Frame {...stepLabel('smoke-fix')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <Text wrap="wrap">Codex sends its tools at the top level again (as before 0.171) with this setting; for one run only: codex {LEGACY_TOOLS_FLAG}</Text>
      {!plan ? (
        <StatusLine status="pending" text="Planning the change…" />
      ) : (
        <>
          {plan.changes.map((c) => (
            <DiffView key={c.path} change={c} maxLines={12} />
          ))}
          {writing ? (
            <StatusLine status="pending" text="Writing…" />
          ) : (
            <Menu<'write' | 'back'>
              items={[
                { label: plan.changes.length ? 'Write it (a backup is kept) and re-run the smoke test' : 'Re-run the smoke test', value: 'write' },
                { label: 'Back', value: 'back' },
              ]}
              onSelect={choose}
            />
          )}
        </>
      )}
    </Frame>
  );
}
