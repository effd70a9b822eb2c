import { useState } from 'react';
import { Wrapped } from '../components/Wrapped.js';
import { Text, useInput } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { ModelTable } from '../components/ModelTable.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { FALLBACK_CATALOGUE } from '../../core/codexCatalogue.fallback.js';
import { CODEX_UPDATE_COMMAND } from '../../core/codexVersions.js';
import { modelRows, suggestedModel, usableModels } from '../../wizard/models.js';
import { NO_MODEL_DATA, otherModelRegions } from '../../flows/setup.js';
import { TextPrompt } from '../components/TextPrompt.js';
import { validateRuntimeModelId } from '../../core/iam/runtimeModels.js';
import { chosenRegion, modelKey } from '../../wizard/machine.js';
import type { ScreenProps } from './props.js';
import { pinnedSummary, stepLabel } from './steps.js';

export function ModelsScreen({ state, dispatch }: ScreenProps) {
  const region = chosenRegion(state);
  const others = otherModelRegions(region);
  const data = state.modelData.key === modelKey(state) ? state.modelData : NO_MODEL_DATA;

  const rows = modelRows(data);
  const loaded = Array.isArray(data.here) && data.codex !== undefined;
  const usable = (loaded ? usableModels(data.here, data.codex) : []).filter((id) => !state.allowed.models || state.allowed.models.includes(id));
  const profile = state.profiles[state.modelIndex];
  const suggestion = suggestedModel(state.modelIndex, data.here, data.codex);
  const current = profile.model || suggestion;
  // "m" pages the table (wrapping to the top), so every row can be read within the frame.
  const [offset, setOffset] = useState(0);
  const pageRows = 7;
  useInput((input) => {
    if (input === 'm' && rows.length > pageRows) setOffset((o) => (o + pageRows >= rows.length ? 0 : o + pageRows));
  });
  const total = state.profiles.length;
  const items = usable.map((id) => ({
    label: `${id}${data.codex && !data.codex.includes(id) ? '  ! no Codex metadata (fallback)' : ''}${id === suggestion ? '  (suggested)' : ''}`,
    value: id,
  }));
  return (
    <Frame {...stepLabel('models')} pinned={pinnedSummary(state)} hints={rows.length > pageRows ? [MOVE, SELECT, ['m', 'more rows'], BACK, QUIT] : [MOVE, SELECT, BACK, QUIT]}>
      <ModelTable rows={rows} region={region} otherRegions={others.length} elsewhere={data.elsewhere} maxRows={pageRows} offset={offset} />
      {data.codex === null ? (
        <StatusLine
          status="warn"
          text={`No Codex installed: ranked by a fallback catalogue (Codex ${FALLBACK_CATALOGUE.codexVersion}).`}
          detail={`Install Codex first: ${CODEX_UPDATE_COMMAND}`}
        />
      ) : null}
      {!loaded ? (
        <StatusLine status="pending" text={`Asking Bedrock Mantle in ${region}…`} />
      ) : usable.length === 0 ? (
        <StatusLine
          status="fail"
          text={`Mantle lists no model Codex can use in ${region}.`}
          detail={`${rows.some((r) => r.here && r.surface === '/v1') ? "Its models here are open-weight (served on /v1; Codex's built-in provider posts to /openai/v1). " : ''}Press esc to choose another region or sign-in.`}
        />
      ) : (
        <>
          <Text>
            Model for Codex profile <Text bold>{profile.name}</Text>
            {total > 1 ? ` (${state.modelIndex + 1} of ${total})` : ''} · {state.modelIndex === 0 ? 'strongest' : 'fastest'} suggested:
          </Text>
          <Menu
            key={profile.name}
            items={items}
            limit={5}
            initialIndex={Math.max(0, current ? usable.indexOf(current) : 0)}
            onSelect={(model) => dispatch({ type: 'SELECT_MODEL', model })}
          />
        </>
      )}
    </Frame>
  );
}

/** Bedrock Runtime lists no models for Codex: the id is typed (a suggestion from Codex's catalogue is filled in). */
export function RuntimeModelScreen({ state, dispatch }: ScreenProps) {
  const profile = state.profiles[state.modelIndex];
  const data = state.modelData.key === modelKey(state) ? state.modelData : NO_MODEL_DATA;
  const suggestion = profile.model || runtimeSuggestion(state.modelIndex, data.codex);
  return (
    <Frame {...stepLabel('models')} pinned={pinnedSummary(state)} hints={[['enter', 'confirm'], BACK, QUIT]}>
      <Wrapped>
        {chosenRegion(state)} is served through Bedrock Runtime (Codex's amazon-bedrock-runtime provider). Runtime takes a model id, or a
        cross-region inference profile: the same id behind global., us., eu. or apac.
      </Wrapped>
      {data.codex === undefined ? (
        <StatusLine status="pending" text="Asking Codex for its model catalogue…" />
      ) : (
        <TextPrompt
          key={profile.name}
          label={`Model for Codex profile ${profile.name}${state.profiles.length > 1 ? ` (${state.modelIndex + 1} of ${state.profiles.length})` : ''}:`}
          initial={suggestion}
          placeholder="global.openai.gpt-5.5"
          validate={(v) => {
            const r = validateRuntimeModelId(v);
            if (!r.ok) return r.message;
            return state.allowed.models && !state.allowed.models.includes(r.value) ? `Your team allows: ${state.allowed.models.join(', ')}` : null;
          }}
          onSubmit={(model) => dispatch({ type: 'SELECT_MODEL', model: model.trim() })}
        />
      )}
      <Text>The smoke test proves the id works before you leave this wizard.</Text>
    </Frame>
  );
}

/** The catalogue's strongest (first profile) or fastest (others) model, as a global inference profile. */
function runtimeSuggestion(index: number, codex: string[] | null | undefined): string {
  const id = suggestedModel(index, codex ?? [], codex ?? null) ?? 'openai.gpt-5.5';
  return `global.${id}`;
}
