// Entrypoint of the interactive wizard. Ink is only loaded from here (the CLI imports this lazily).
import { render, type Instance } from 'ink';
import { App } from './App.js';
import type { PolicyRequest } from './context.js';
import type { Services } from '../services/types.js';
import { EXIT_INTERRUPTED, initialState, reduce, type HandoffRequest, type WizardOptions, type WizardState } from '../wizard/machine.js';
import { templateToWizard, wizardOptions, type WizardFlags } from '../wizard/team.js';
import { loadTeamForWizard, withTeamPlanning } from '../flows/teamLoad.js';
import { NOT_A_TTY_MESSAGE } from '../args.js';

/** Accepts the CLI's parsed options as they are: the flags below pre-fill and pin wizard answers. */
export interface RunWizardOptions extends WizardFlags {
  /** Pre-fill given directly (tests); merged under the flags. */
  wizard?: WizardOptions;
  /** Path of a team template TOML file (--team-config). */
  teamConfig?: string;
  codexHome?: string;
  /** false for NO_COLOR / --no-color; default: colour unless NO_COLOR is set. */
  color?: boolean;
  writePolicy?: (req: PolicyRequest) => Promise<string>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Ink debug rendering (every frame written in full): for tests on fake streams. */
  debug?: boolean;
  /** Where SIGINT/SIGTERM arrive; tests pass an emitter instead of the process. */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export { NOT_A_TTY_MESSAGE };

type Outcome = { kind: 'exit'; code: number } | { kind: 'handoff'; state: WizardState; req: HandoffRequest };

const SHOW_CURSOR = '\u001B[?25h';

/** Runs the wizard to its end; resolves with the process exit code (0 done, 1 cancelled, 2 no TTY, 130 interrupted). */
export async function runWizard(givenServices: Services, options: RunWizardOptions = {}): Promise<number> {
  let services = givenServices;
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  // Ink would throw its raw-mode error on a non-TTY stdin; explain instead.
  if (!stdin.isTTY) {
    stderr.write(NOT_A_TTY_MESSAGE);
    return 2;
  }
  const color = options.color ?? !services.env.NO_COLOR;
  const signals = options.signals ?? process;
  let team: WizardOptions = options.wizard ?? {};
  if (options.teamConfig) {
    const loaded = await loadTeamForWizard(services, options.teamConfig);
    if ('error' in loaded) {
      stderr.write(loaded.error);
      return 2;
    }
    team = { ...team, ...templateToWizard(loaded.template) };
    services = withTeamPlanning(services, loaded.template);
  }
  const writePolicy = options.writePolicy ?? defaultPolicyWriter(options.codexHome ?? services.config.codexHome);
  let state = initialState(wizardOptions(options, team));
  for (;;) {
    const outcome = await session(state);
    if (outcome.kind === 'exit') return outcome.code;
    // The child owns the terminal now: Ctrl-C is for it, so this process must not die of the same SIGINT.
    const ignore = () => {};
    signals.on('SIGINT', ignore);
    let result: { exitCode: number | null; signal: string | null };
    try {
      result = await services.sso.runAwsInteractive(outcome.req.args, outcome.req.awsPath);
    } catch {
      result = { exitCode: null, signal: null };
    } finally {
      signals.off('SIGINT', ignore);
    }
    state = reduce(outcome.state, { type: 'HANDOFF_DONE', exitCode: result.exitCode, signal: result.signal });
  }

  function session(start: WizardState): Promise<Outcome> {
    return new Promise((resolve) => {
      let settled = false;
      let instance: Instance | undefined;
      const finish = (o: Outcome) => {
        if (settled) return;
        settled = true;
        signals.off('SIGTERM', onSignal);
        signals.off('SIGINT', onSignal);
        // Unmount outside React's commit phase: onExit/onHandoff are called from effects.
        setImmediate(async () => {
          instance?.unmount();
          await instance?.waitUntilExit().catch(() => undefined);
          // One more turn so the stream has noticed Ink's listener is gone and pause() can stop the read.
          await new Promise((r) => setImmediate(r));
          restoreTerminal();
          resolve(o);
        });
      };
      const onSignal = () => finish({ kind: 'exit', code: EXIT_INTERRUPTED });
      signals.on('SIGTERM', onSignal);
      signals.on('SIGINT', onSignal);
      // Raw mode before the first frame: Ink enables it only in an effect after painting, and a key typed in
      // between is echoed by the terminal (shifting every later frame a line) and arrives as '\n', not Enter.
      if (typeof stdin.setRawMode === 'function') stdin.setRawMode(true);
      startReading(stdin);
      instance = render(
        <App
          services={services}
          color={color}
          writePolicy={writePolicy}
          initial={start}
          onExit={(code) => finish({ kind: 'exit', code })}
          onHandoff={(s, req) => finish({ kind: 'handoff', state: s, req })}
        />,
        { stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: false, debug: options.debug ?? false },
      );
    });
  }

  function defaultPolicyWriter(dir: string) {
    // The policy command's generator and writer: atomic, and an earlier policy file is kept as a backup.
    return async (req: PolicyRequest) => (await import('../services/policyFile.js')).writePolicyInto(dir, req);
  }

  function restoreTerminal() {
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    // Ink only removes its listener and the handle keeps reading: during a hand-off this process would race the
    // aws CLI for every byte typed, and for the terminal's answers to its cursor-position queries.
    stdin.pause();
    stopReading(stdin);
    stdout.write(SHOW_CURSOR);
  }
}

/**
 * pause() does not stop a TTY from reading (Node stops a socket's reads only once its buffer is full), so
 * the first key typed after a hand-off would still come to us. Stop the handle as Node does internally,
 * and start it again when the wizard takes the terminal back: the stream still counts its read as pending,
 * so it would not ask the handle itself.
 */
type TtyHandle = { reading?: boolean; readStop?: () => number; readStart?: () => number };
const handleOf = (stdin: NodeJS.ReadStream) => (stdin as { _handle?: TtyHandle })._handle;

function stopReading(stdin: NodeJS.ReadStream): void {
  const handle = handleOf(stdin);
  if (!handle?.reading || typeof handle.readStop !== 'function') return;
  handle.reading = false;
  handle.readStop();
}

function startReading(stdin: NodeJS.ReadStream): void {
  const handle = handleOf(stdin);
  if (!handle || handle.reading !== false || typeof handle.readStart !== 'function') return;
  handle.reading = true;
  handle.readStart();
}
