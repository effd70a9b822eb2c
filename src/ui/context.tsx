import { createContext, useContext, type ReactNode } from 'react';
import type { Services } from '../services/types.js';

export interface PolicyRequest {
  account?: string;
  regions: string[];
  models: string[];
  bearer: boolean;
}

export interface UiEnv {
  services: Services;
  color: boolean;
  /** Writes the least-privilege IAM policy JSON for an administrator; resolves with the file path. */
  writePolicy?: (req: PolicyRequest) => Promise<string>;
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

export function useServices(): Services {
  return useUi().services;
}

/** A colour name when colour is on; undefined (plain text) under NO_COLOR / --no-color. */
export function useTint(): (c: string) => string | undefined {
  const { color } = useUi();
  return (c) => (color ? c : undefined);
}
