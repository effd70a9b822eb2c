// Preflight checks as data: what the installed tools and environment mean for setup. Pure.
import { codexCredential, describeCredential, type ManagedBedrockAuth } from '../core/codexCredential.js';
import { MIN_AWS_CLI, awsCliSituation, awsCliUsable, firstUsableAws } from '../core/awsCli.js';
import { CODEX_UPDATE_COMMAND, codexSince, codexSupports } from '../core/codexVersions.js';
import { httpOnlyProxyVariable, noProxyFromEnv, proxySetting } from '../core/proxy.js';
import { codexInstallCheck } from '../core/codexInstall.js';
import type { AuthChoice, AwsCliInfo, CheckResult, CodexInfo } from '../types.js';
import type { CodexSettings } from '../services/types.js';

const AWS_INSTALL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

export function nodeCheck(version: string): CheckResult {
  const major = parseInt(version.replace(/^v/, ''), 10);
  return major >= 20
    ? { id: 'node', status: 'pass', summary: `Node ${version}` }
    : { id: 'node', status: 'fail', summary: `Node ${version} is too old`, fix: 'Install Node 20 or newer.' };
}

/** The wizard and doctor judge the installed Codex by the same rule. */
export { codexInstallCheck as codexCheck } from '../core/codexInstall.js';

/**
 * --demo is a rehearsal that goes on without Codex: a missing Codex is
 * a warning that says how to get it, not a failure mark on a first day. Every other verdict is the usual one.
 */
export function demoCodexCheck(codex: CodexInfo | null): CheckResult {
  const c = codexInstallCheck(codex);
  if (codex) return c;
  // The command on a line of its own (the detail), so it is never split when the row wraps.
  return { id: 'codex', status: 'warn', summary: 'Codex CLI not found: the demo goes on without it', why: 'install with npm i -g @openai/codex' };
}

/** The aws CLI the SSO flow will run: the same rule as setup and doctor (core/awsCli). */
export function firstAwsV2(clis: AwsCliInfo[]): AwsCliInfo | undefined {
  return firstUsableAws(clis) ?? undefined;
}

export function awsChecks(clis: AwsCliInfo[]): CheckResult[] {
  const rows: CheckResult[] = clis.map((c, i) => ({
    id: `aws-${i}`,
    status: awsCliUsable(c) ? 'pass' : 'warn',
    summary: `aws ${c.version ?? '(version unknown)'} at ${c.path}`,
  }));
  const aws = awsCliSituation(clis);
  if (aws.kind !== 'usable') {
    rows.push({
      id: 'aws-v2',
      status: 'warn',
      summary: aws.kind === 'none' ? 'No aws CLI on PATH' : `No aws CLI ${MIN_AWS_CLI}+ on PATH (the newest is ${aws.best.version ?? 'of unknown version'}, at ${aws.best.path})`,
      why: `IAM Identity Center (SSO) setup needs aws CLI ${MIN_AWS_CLI} or later; the other sign-in methods work without it.`,
      fix: `Install aws CLI v2: ${AWS_INSTALL}`,
    });
  } else if (aws.shadowedBy) {
    rows.push({
      id: 'aws-shadow',
      status: 'warn',
      summary: `aws ${aws.shadowedBy.major === 1 ? 'v1' : (aws.shadowedBy.version ?? '(version unknown)')} at ${aws.shadowedBy.path} shadows aws v2 at ${aws.cli.path}`,
      why: 'Typing `aws` runs the first one on PATH, which has no `configure sso` with sso-session. The wizard uses the newer one directly.',
      fix: `\`pip uninstall awscli\`, or link only the v2 ahead of it: \`ln -s ${aws.cli.path} ~/bin/aws\` (with ~/bin first on PATH)`,
    });
  }
  return rows;
}

/** Keeps scheme and host so people can see which proxy is used, never its credentials. */
export function redactProxy(url: string): string {
  // Without a scheme, URL would read "user:" as the protocol.
  if (url.includes('://')) {
    try {
      const u = new URL(url);
      return `${u.protocol}//${u.host}`;
    } catch {
      // fall through to the plain strip
    }
  }
  // Up to the last @: an unencoded / in the password must not leave half of it behind.
  return url.replace(/^([a-z]+:\/\/)?[^@]*@/i, '$1');
}

export function envChecks(env: NodeJS.ProcessEnv): CheckResult[] {
  const rows: CheckResult[] = [];
  const plain = (name: string) => {
    if (env[name]) rows.push({ id: name, status: 'pass', summary: `${name}=${env[name]}` });
  };
  plain('AWS_PROFILE');
  plain('AWS_REGION');
  plain('AWS_DEFAULT_REGION');
  if (env.AWS_BEARER_TOKEN_BEDROCK) {
    rows.push({ id: 'AWS_BEARER_TOKEN_BEDROCK', status: 'pass', summary: 'AWS_BEARER_TOKEN_BEDROCK is set (Bedrock API key)' });
  }
  // The variable Codex's HTTPS calls use (core/proxy), named in capitals whichever spelling set it.
  const proxy = proxySetting(env);
  const noProxy = noProxyFromEnv(env);
  if (proxy) {
    const name = proxy.variable.toUpperCase();
    rows.push({ id: name, status: 'pass', summary: `${name}=${redactProxy(env[proxy.variable]!)}${noProxy ? ` (NO_PROXY=${noProxy})` : ''}` });
  }
  const httpOnly = httpOnlyProxyVariable(env);
  if (httpOnly) {
    rows.push({
      id: 'HTTP_PROXY',
      status: 'warn',
      summary: `${httpOnly}=${redactProxy(env[httpOnly]!)} is not used for Bedrock`,
      why: 'Codex sends its HTTPS calls through HTTPS_PROXY or ALL_PROXY only; HTTP_PROXY is for http:// URLs.',
      fix: `If AWS is reachable only through that proxy: export HTTPS_PROXY="$${httpOnly}"`,
    });
  }
  plain('AWS_CA_BUNDLE');
  return rows;
}

/** What is already in the Codex config, so the diff later holds no surprise. */
export function codexConfigCheck(s: CodexSettings, codexVersion: string | null = null): CheckResult {
  if (!s.configExists) return { id: 'codex-config', status: 'pass', summary: `No Codex config yet (${s.configPath} will be created)` };
  const legacy = [...(s.legacyProfileSelector ? [`profile = "${s.legacyProfileSelector}"`] : []), ...s.legacyProfileTables.map((t) => `[profiles.${t}]`)];
  // A Codex without profile files reads exactly this layout; setup keeps it for that version.
  if (legacy.length && codexSupports(codexVersion, 'profile-files')) {
    return {
      id: 'codex-config',
      status: 'warn',
      summary: `Codex config has the legacy layout: ${legacy.join(', ')}`,
      why: 'Codex 0.134+ refuses it with --profile; the config step migrates it to profile files.',
    };
  }
  const provider = s.modelProvider ? `, model_provider ${s.modelProvider}` : '';
  const files = s.profileFiles.length ? `, profiles: ${s.profileFiles.join(', ')}` : '';
  return { id: 'codex-config', status: 'pass', summary: `Codex config ${s.configPath}${provider}${files}` };
}


/**
 * What the installed Codex will sign with once the wizard's config is written, and whether that is what the user
 * chose here: a bearer token in the environment or a login stored by Codex can win over the choice.
 */
export function codexCredentialCheck(input: { codexVersion: string | null; auth: AuthChoice; managedAuth: ManagedBedrockAuth | null; env: NodeJS.ProcessEnv }): CheckResult {
  const { auth, env } = input;
  const c = codexCredential({
    codexVersion: input.codexVersion,
    awsProfile: auth.kind === 'profile' ? auth.profile : undefined,
    hasCredentialExport: false, // the config step removes it beside aws.profile
    managedAuth: input.managedAuth,
    // A pasted key reaches Codex only through AWS_BEARER_TOKEN_BEDROCK, which the last screen asks to export.
    bearerInEnv: auth.kind === 'api-key' || !!env.AWS_BEARER_TOKEN_BEDROCK,
    envProfile: env.AWS_PROFILE,
    envAccessKeys: !!env.AWS_ACCESS_KEY_ID,
  });
  const summary = `Codex will use: ${describeCredential(c)}`;
  const chosen = auth.kind === 'profile' ? c.kind === 'aws-profile' : auth.kind === 'api-key' ? c.kind === 'bearer-token' : c.kind === 'sdk-chain';
  if (chosen) return { id: 'codex-credential', status: 'pass', summary, why: c.why };
  const fix =
    c.kind === 'bearer-token'
      ? `unset AWS_BEARER_TOKEN_BEDROCK before running codex${codexSupports(input.codexVersion, 'profile-over-bearer') ? '' : `, or upgrade Codex to ${codexSince('profile-over-bearer')}+ (${CODEX_UPDATE_COMMAND}), where aws.profile wins`}`
      : c.kind === 'managed-api-key' || c.kind === 'managed-access-keys'
        ? 'codex logout removes the Bedrock login Codex stored, so the credential chosen here is used'
        : 'choose that credential here instead';
  return { id: 'codex-credential', status: 'warn', summary: `${summary}, not the one chosen here`, why: c.why, fix };
}
