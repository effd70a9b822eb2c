// The interactive wizard as a command: team template, pre-fill from flags, the effect runner on real services,
// and the loop that gives the terminal to the aws CLI and takes it back.
import { NOT_A_TTY_MESSAGE } from '../args.js';
import type { Services } from '../services/types.js';
import { runSession, whileChildOwnsTerminal, type Terminal } from '../ui/terminal.js';
import { deferredRunner } from '../wizard/deferredRunner.js';
import type { PolicyRequest } from '../wizard/effects.js';
import { initialState, reduce, type HandoffRequest, type WizardOptions, type WizardPaths, type WizardState } from '../wizard/machine.js';
import { wizardOptions, type WizardFlags } from '../wizard/prefill.js';

/** Accepts the CLI's parsed options as they are: the flags below pre-fill and pin wizard answers. */
export interface RunWizardOptions extends WizardFlags, Partial<Terminal> {
  /** Pre-fill given directly (tests); merged under the flags. */
  wizard?: WizardOptions;
  /** Path or pinned URL of a team template (--team-config). */
  teamConfig?: string;
  codexHome?: string;
  /** false for NO_COLOR / --no-color; default: colour unless NO_COLOR is set. */
  color?: boolean;
  writePolicy?: (req: PolicyRequest) => Promise<string>;
  /** --demo: the emulator's world (no hand-off to the aws CLI, which would call AWS). */
  demo?: boolean;
  /** Where the config files are, for the first frame while the services load (default: the given services'). */
  paths?: WizardPaths;
  /** Filled in, not pinned (--demo: the emulator's IAM Identity Center). */
  suggested?: WizardOptions['suggested'];
}

export { NOT_A_TTY_MESSAGE };

/**
 * Runs the wizard to its end; resolves with the process exit code (0 done, 1 cancelled, 2 no TTY, 130 interrupted).
 * The services may still be loading: the first frame does not wait for them, the effects do.
 */
export async function runWizard(given: Services | (() => Promise<Services>), options: RunWizardOptions = {}): Promise<number> {
  let loading: Promise<Services> | undefined;
  let load = typeof given === 'function' ? () => (loading ??= given()) : () => Promise.resolve(given);
  const term: Terminal = {
    stdin: options.stdin ?? process.stdin,
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    signals: options.signals ?? process,
    debug: options.debug,
  };
  // Ink would throw its raw-mode error on a non-TTY stdin; explain instead.
  if (!term.stdin.isTTY) {
    term.stderr.write(NOT_A_TTY_MESSAGE);
    return 2;
  }
  const color = options.color ?? !(typeof given === 'function' ? process.env : given.env).NO_COLOR;
  let team: WizardOptions = options.wizard ?? {};
  if (options.teamConfig) {
    const [{ loadTeamForWizard, withTeamPlanning }, { templateToWizard }] = await Promise.all([import('../flows/teamLoad.js'), import('../wizard/team.js')]);
    const ready = await load();
    const loaded = await loadTeamForWizard(ready, options.teamConfig);
    if ('error' in loaded) {
      term.stderr.write(loaded.error);
      return 2;
    }
    team = { ...team, ...templateToWizard(loaded.template) };
    const planning = withTeamPlanning(ready, loaded.template);
    load = () => Promise.resolve(planning);
  }
  // The policy command's generator and writer: atomic, and an earlier policy file is kept as a backup.
  const writePolicy =
    options.writePolicy ??
    (async (req: PolicyRequest) => {
      const { codexHome } = (await load()).config;
      return (await import('../services/policyFile.js')).writePolicyInto(options.codexHome ?? codexHome, req, { codexHome });
    });
  const paths = options.paths ?? (typeof given === 'function' ? undefined : { codexHome: given.config.codexHome, awsConfigPath: given.config.awsConfigPath });
  let state = initialState({ ...wizardOptions(options, team), ...(paths ? { paths } : {}), ...(options.suggested ? { suggested: options.suggested } : {}) });
  for (;;) {
    const runner = (handoff: (state: WizardState, req: HandoffRequest) => void) =>
      deferredRunner(async () => {
        const [{ createEffectRunner }, services] = await Promise.all([import('../wizard/effects.js'), load()]);
        return createEffectRunner({ services, writePolicy, handoff, demo: options.demo });
      });
    const outcome = await runSession(term, state, { color, runner });
    if (outcome.kind === 'exit') return outcome.code;
    const { args, awsPath } = outcome.req;
    const { sso } = await load();
    const result: { exitCode: number | null; signal: string | null; said?: string } = await whileChildOwnsTerminal(term, () => sso.runAwsInteractive(args, awsPath)).catch(() => ({ exitCode: null, signal: null }));
    state = reduce(outcome.state, { type: 'HANDOFF_DONE', exitCode: result.exitCode, signal: result.signal, ...(result.said ? { said: result.said } : {}) });
  }
}
