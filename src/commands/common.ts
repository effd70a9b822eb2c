import type { CliOptions } from '../args.js';
import { UsageError } from '../args.js';
import { codexHomeShown, type DiagnosisParams } from '../core/diagnosis.js';
import type { Services } from '../services/types.js';
import { redactDiff } from '../core/redact.js';
import { parseRegion } from '../core/regions.js';
import { validateAwsProfileName } from '../core/validate.js';
import type { AuthChoice, Diagnosis } from '../types.js';
import { diagnosisFor } from '../core/wording.js';
import type { Io } from './context.js';

export interface ResolvedAuth {
  auth: AuthChoice;
  /** AWS profile for Codex's config; undefined = the SDK default chain (env) or bearer. */
  awsProfile?: string;
  method: 'sso' | 'profile' | 'api-key' | 'env';
  /** Where the choice came from, so we can say it ("from AWS_PROFILE"). */
  source: string;
}

export function resolveRegion(options: Pick<CliOptions, 'region'>, env: NodeJS.ProcessEnv, fallback = 'us-east-1'): string {
  const raw = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? fallback;
  const parsed = parseRegion(raw);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.region;
}

/** `configured`: the AWS profile Codex already uses, kept when neither --aws-profile nor AWS_PROFILE names one. */
export function resolveAuth(options: Pick<CliOptions, 'auth' | 'awsProfile'>, env: NodeJS.ProcessEnv, configured?: { awsProfile: string; file: string }): ResolvedAuth {
  // A key exported for this shell says more about this run than what an earlier run configured.
  const keep = options.auth === 'profile' || options.auth === 'sso' || (options.auth === undefined && !env.AWS_BEARER_TOKEN_BEDROCK);
  const kept = keep ? configured : undefined;
  const profile = options.awsProfile ?? env.AWS_PROFILE ?? kept?.awsProfile;
  if (profile !== undefined) {
    const checked = validateAwsProfileName(profile);
    if (!checked.ok) throw new UsageError(`${options.awsProfile ? '--aws-profile' : env.AWS_PROFILE !== undefined ? 'AWS_PROFILE' : kept!.file}: ${checked.message}`);
  }
  const profileSource = options.awsProfile ? '--aws-profile' : env.AWS_PROFILE !== undefined ? 'AWS_PROFILE' : `${kept?.file}, as configured`;
  const method = options.auth ?? (profile ? 'profile' : env.AWS_BEARER_TOKEN_BEDROCK ? 'api-key' : 'env');
  switch (method) {
    case 'profile':
    case 'sso':
      if (!profile) {
        throw new UsageError(
          method === 'sso'
            ? '--auth sso needs --aws-profile NAME: an existing SSO profile, or a new one created with --sso-start-url URL --sso-region R (the wizard asks for these interactively).'
            : '--auth profile needs --aws-profile NAME (or AWS_PROFILE). List profiles: aws configure list-profiles',
        );
      }
      return { auth: { kind: 'profile', profile }, awsProfile: profile, method, source: profileSource };
    case 'api-key': {
      const key = env.AWS_BEARER_TOKEN_BEDROCK;
      if (!key) throw new UsageError('--auth api-key reads the key from AWS_BEARER_TOKEN_BEDROCK, which is not set. Export it first (it is never written to any file).');
      return { auth: { kind: 'api-key', apiKey: key }, method, source: 'AWS_BEARER_TOKEN_BEDROCK' };
    }
    case 'env':
      return { auth: { kind: 'env' }, method, source: 'environment / default credential chain' };
  }
}

export { diagnosisOf } from '../flows/diagnosisOf.js';

/** The diagnosis parameter every command knows: where this run's Codex config lives. */
export function homeParams(services: Pick<Services, 'config' | 'env'>): DiagnosisParams {
  return { codexHome: codexHomeShown(services.config.codexHome, services.env.HOME) };
}

export function sayDiagnosis(io: Io, given: Diagnosis): void {
  const d = diagnosisFor(given, 'command');
  const red = io.color ? '\u001B[31m' : '';
  const reset = io.color ? '\u001B[0m' : '';
  io.say(`${red}✗ ${d.title}${reset}`);
  io.say(`  Why: ${d.why}`);
  io.say(`  Fix: ${d.fix}`);
}

export function mark(io: Io, ok: boolean | 'warn' | 'skipped'): string {
  const [sym, colour] = ok === 'skipped' ? ['–', '\u001B[2m'] : ok === 'warn' ? ['!', '\u001B[33m'] : ok ? ['✓', '\u001B[32m'] : ['✗', '\u001B[31m'];
  return io.color ? `${colour}${sym}\u001B[0m` : sym;
}

/** A planned change for display: values of secret-looking keys masked, context lines included (the file itself is written as planned). */
export function colourDiff(io: Io, diff: string): string {
  const shown = redactDiff(diff);
  if (!io.color) return shown;
  return shown
    .split('\n')
    .map((l) =>
      l.startsWith('+') && !l.startsWith('+++') ? `\u001B[32m${l}\u001B[0m` : l.startsWith('-') && !l.startsWith('---') ? `\u001B[31m${l}\u001B[0m` : l,
    )
    .join('\n');
}

