import type { WizardEvent, WizardState } from '../../wizard/machine.js';

export interface ScreenProps {
  state: WizardState;
  dispatch: (e: WizardEvent) => void;
}
