import { parseCli, UsageError, type CliOptions } from '../args.js';
import { VERSION } from '../version.js';
import { isServiceError } from '../services/errors.js';
import { setRunInfo } from '../services/runInfo.js';
import type { Services } from '../services/types.js';
import { awsConfigPathOf, codexHomeOf } from '../services/paths.js';
import type { WizardOptions, WizardPaths } from '../wizard/machine.js';
import { armCeiling, ceilingSeconds } from './ceiling.js';
import { makeIo, printJson, usageErrorDocument, type CommandContext } from './context.js';

/** Builds the services (real, or the demo world), runs one command, returns its exit code. */
export async function runCommand(options: CliOptions): Promise<number> {
  // policy without -o prints the policy itself on stdout (to redirect or pipe): its human lines go to stderr.
  const io = makeIo({ ...options, json: options.json || (options.command === 'policy' && !options.output) }, process.stdout, process.stderr);
  let env = process.env;
  let emulatorUrl: string | undefined;
  let awsCliEnv: (() => Promise<NodeJS.ProcessEnv>) | undefined;
  let demoSso: { startUrl: string; region: string } | undefined;
  let closeDemo = async () => {};
  let codexHome = options.codexHome;
  if (options.demo && options.codexHome) {
    const e = new UsageError('--demo runs in a throwaway home of its own and never reads or writes --codex-home; drop one of the two.');
    process.stderr.write(`codex-bedrock-setup: ${e.message}\n`);
    if (options.json) printJson(io, usageErrorDocument(e));
    return 2;
  }
  if (options.demo) {
    const { startDemo } = await import('../demo.js');
    const demo = await startDemo(process.env, { apiKeyRegion: options.region });
    env = demo.env;
    emulatorUrl = demo.emulatorUrl;
    awsCliEnv = demo.awsCliEnv;
    // The rehearsal of IAM Identity Center starts from the start URL and region the emulator answers for: filled
    // in on the wizard's screens; `setup --yes --auth sso` takes them when no --sso-start-url is given (a template
    // from `team init` never gets the demo's).
    demoSso = demo.sso;
    if (options.command === 'setup' && options.auth === 'sso') options = { ...options, ssoStartUrl: options.ssoStartUrl ?? demo.sso.startUrl, ssoRegion: options.ssoRegion ?? demo.sso.region };
    codexHome = demo.codexHome;
    closeDemo = demo.close;
    // stderr: the banner must not mix into a command's output (policy JSON, --json documents).
    process.stderr.write(
      `Demo: a local AWS emulator at ${demo.emulatorUrl}; Codex home ${demo.codexHome}; nothing of yours is touched.\n` +
        `Demo sign-ins: IAM Identity Center at ${demo.sso.startUrl} (the real aws CLI through the emulator's proxy; the emulator approves the code by itself), the AWS profile "demo" (keys), a Bedrock API key for each region (AWS_BEARER_TOKEN_BEDROCK holds ${options.region ?? 'us-east-1'}'s), or environment credentials.\n`,
    );
  }
  const disarm = armCeiling(options, io);
  try {
    const ceiling = ceilingSeconds(options);
    const deadlineAt = ceiling === null ? undefined : Date.now() + ceiling * 1000;
    const loadServices = async () => (await import('../services/real.js')).createRealServices({ env, codexHome, emulatorUrl, awsCliEnv, verbose: options.verbose, deadlineAt });
    // The wizard draws its first frame while the real services (Node's network modules, the SDK's glue) load.
    if (options.command === 'wizard') {
      const paths = { codexHome: codexHomeOf(env, codexHome), awsConfigPath: awsConfigPathOf(env) };
      const suggested = demoSso ? { ssoStartUrl: demoSso.startUrl, ssoRegion: demoSso.region } : undefined;
      return await runWizardCommand({ ...options, paths, ...(suggested ? { suggested } : {}) }, io, loadServices);
    }
    const services = await loadServices();
    if (options.demo && (options.command === 'smoke' || options.command === 'doctor')) await prepareDemoHome(services);
    return await runInContext({ options, services, io });
  } finally {
    disarm();
    await closeDemo();
  }
}

/** `--demo smoke|doctor` check a set-up Codex: the throwaway home gets one from `setup --yes` first, quietly. */
async function prepareDemoHome(services: CommandContext['services']): Promise<void> {
  const { runSetup } = await import('./all.js');
  const { DEMO_PROFILE } = await import('../demo.js');
  const quiet = { say: () => {}, out: () => {}, color: false };
  const options = parseCli(['setup', '--yes', '--skip-smoke-test', '--auth', 'profile', '--aws-profile', DEMO_PROFILE, '--region', 'us-east-1']);
  const code = await runSetup({ options, services, io: quiet });
  process.stderr.write(code === 0 ? 'Demo: Codex was set up in the throwaway home first (setup --yes), so there is something to check.\n' : 'Demo: setting up the throwaway home failed; the checks below start from an empty one.\n');
}

/**
 * One command on the services given (real ones from runCommand, in-memory ones in tests): bad usage is exit 2
 * (with --json, the error document), an expected failure exit 1 with its diagnosis.
 */
export async function runInContext(ctx: CommandContext, stderr: Pick<NodeJS.WritableStream, 'write'> = process.stderr): Promise<number> {
  const { options, io } = ctx;
  try {
    return await dispatch(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`codex-bedrock-setup: ${e.message}\n`);
      if (options.json) printJson(io, usageErrorDocument(e));
      return 2;
    }
    if (isServiceError(e)) {
      const { diagnosisOf, homeParams, sayDiagnosis } = await import('./common.js');
      sayDiagnosis(io, diagnosisOf(e, homeParams(ctx.services)));
      return 1;
    }
    throw e;
  }
}

async function dispatch(ctx: CommandContext): Promise<number> {
  const { options, services } = ctx;
  setRunInfo({ command: options.command, toolVersion: VERSION });
  switch (options.command) {
    case 'wizard':
      return await runWizardCommand(options, ctx.io, services);
    case 'setup':
      return (await import('./all.js')).runSetup(ctx);
    case 'models':
      return (await import('./all.js')).runModels(ctx);
    case 'smoke':
      return (await import('./all.js')).runSmoke(ctx);
    case 'policy':
      return (await import('./all.js')).runPolicy(ctx);
    case 'doctor':
      return (await import('./all.js')).runDoctor(ctx);
    case 'team':
      return (await import('./all.js')).runTeam(ctx);
    case 'regions':
      return (await import('./all.js')).runRegions(ctx);
    case 'restore':
      return (await import('./all.js')).runRestore(ctx);
    case 'uninstall':
      return (await import('./all.js')).runUninstall(ctx);
  }
}

async function runWizardCommand(options: CliOptions & { paths?: WizardPaths; suggested?: WizardOptions['suggested'] }, io: CommandContext['io'], services: Services | (() => Promise<Services>)): Promise<number> {
  setRunInfo({ command: options.command, toolVersion: VERSION });
  const { runWizard } = await import('./wizard.js');
  try {
    return await runWizard(services, options);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    const { diagnosisOf, homeParams, sayDiagnosis } = await import('./common.js');
    sayDiagnosis(io, diagnosisOf(e, homeParams(typeof services === 'function' ? await services() : services)));
    return 1;
  }
}
