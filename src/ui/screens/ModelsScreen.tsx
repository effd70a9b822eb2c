import { Text } from 'ink';
import { Frame } from '../components/Frame.js';
import { Menu } from '../components/Menu.js';
import { ModelTable } from '../components/ModelTable.js';
import { StatusLine } from '../components/StatusLine.js';
import { BACK, MOVE, QUIT, SELECT } from '../components/KeyHints.js';
import { FALLBACK_CATALOGUE } from '../../core/codexCatalogue.fallback.js';
import { CODEX_UPDATE_COMMAND } from '../../core/codexVersions.js';
import { modelRows, suggestedModel, usableModels } from '../../wizard/models.js';
import { NO_MODEL_DATA, otherModelRegions } from '../../flows/setup.js';
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
  const items = usable.map((id) => ({
    label: `${id}${data.codex && !data.codex.includes(id) ? '  ! no Codex metadata (fallback)' : ''}${id === suggestion ? '  (suggested)' : ''}`,
    value: id,
  }));
  return (
    <Frame {...stepLabel('models')} pinned={pinnedSummary(state)} hints={[MOVE, SELECT, BACK, QUIT]}>
      <ModelTable rows={rows} region={region} otherRegions={others.length} maxRows={7} />
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
            Model for Codex profile <Text bold>{profile.name}</Text> ({state.modelIndex === 0 ? 'strongest' : 'fastest'} suggested):
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
