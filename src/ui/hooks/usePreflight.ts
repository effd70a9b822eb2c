import { useServices } from '../context.js';
import { useTask, type TaskState } from './useTask.js';
import type { AwsCliInfo, AwsProfile, CodexInfo, SsoSession } from '../../types.js';
import type { CodexSettings } from '../../services/types.js';

export interface PreflightTasks {
  codex: TaskState<CodexInfo | null>;
  aws: TaskState<AwsCliInfo[]>;
  profiles: TaskState<{ profiles: AwsProfile[]; ssoSessions: SsoSession[] }>;
  codexConfig: TaskState<CodexSettings>;
}

/** The slow checks run in parallel; each line on screen fills in when its answer arrives. */
export function usePreflight(attempt: number): PreflightTasks {
  const services = useServices();
  const codex = useTask(() => services.tools.findCodex(), [attempt]);
  const aws = useTask(() => services.tools.findAwsClis(), [attempt]);
  const profiles = useTask(() => services.config.readAwsProfiles(), [attempt]);
  const codexConfig = useTask(() => services.config.readCodexSettings(null), [attempt]);
  return { codex, aws, profiles, codexConfig };
}
