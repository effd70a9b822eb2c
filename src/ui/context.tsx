import { createContext, useContext, type ReactNode } from 'react';
import type { Services } from '../services/types.js';

export interface UiEnv {
  color: boolean;
  /** The doctor view's checks run on these; the wizard's screens never see them. */
  services?: Services;
}

const UiContext = createContext<UiEnv | null>(null);

export function UiProvider({ value, children }: { value: UiEnv; children: ReactNode }) {
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiEnv {
  const v = useContext(UiContext);
  if (!v) throw new Error('UiProvider missing at the root');
  return v;
}

/** A colour name when colour is on; undefined (plain text) under NO_COLOR / --no-color. */
export function useTint(): (c: string) => string | undefined {
  const { color } = useUi();
  return (c) => (color ? c : undefined);
}
