import { isOpenWeight } from './models.js';

// Validators for every prompt and flag. Values end up in TOML and INI files, so anything
// that could break out of a key, a quoted string or a section header is refused here.

export type Validation<T = string> = { ok: true; value: T } | { ok: false; message: string };

const MAX_INPUT = 1024;
const MAX_NAME = 64;
// Control characters, C1 and the line separators: what a name must never carry.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Common guard: size and control characters. Returns the trimmed value. */
export function validateInput(input: string, what = 'This value'): Validation {
  if (input.length > MAX_INPUT) return { ok: false, message: `${what} is too long (over 1 kB).` };
  if (CONTROL.test(input)) return { ok: false, message: `${what} contains control characters (a pasted newline or escape?).` };
  return { ok: true, value: input.trim() };
}

export function validateAwsProfileName(input: string): Validation {
  const base = validateInput(input, 'The AWS profile name');
  if (!base.ok) return base;
  const v = base.value;
  if (v === '') return { ok: false, message: 'Enter an AWS profile name, e.g. codex-bedrock.' };
  if (v.length > MAX_NAME) return { ok: false, message: `An AWS profile name can be at most ${MAX_NAME} characters.` };
  if (!/^[A-Za-z0-9_.@+-]+$/.test(v)) {
    return {
      ok: false,
      message: `"${v}" is not a usable AWS profile name: use letters, digits and - _ . @ + only (no spaces, quotes or brackets).`,
    };
  }
  return { ok: true, value: v };
}

export function validateCodexProfileName(input: string): Validation {
  const base = validateInput(input, 'The Codex profile name');
  if (!base.ok) return base;
  const v = base.value;
  if (v === '') return { ok: false, message: 'Enter a Codex profile name, e.g. bedrock-prod.' };
  if (v.length > MAX_NAME) return { ok: false, message: `A Codex profile name can be at most ${MAX_NAME} characters.` };
  // It becomes the file name <name>.config.toml in the Codex home.
  if (!/^[A-Za-z0-9_-]+$/.test(v)) {
    return { ok: false, message: `"${v}" cannot be a Codex profile name: use letters, digits, - and _ only (it becomes a file name, <name>.config.toml).` };
  }
  return { ok: true, value: v };
}

const RUNTIME_PREFIX = /^(us|eu|apac|ap|jp|au|ca|global|us-gov)\./;
// A version suffix: `-1:0`, `-v1:0` or a bare `:0` (Mantle ids never hold a colon).
const RUNTIME_SUFFIX = /(?:-v?\d+)?:\d+$/;

/** The Mantle id for a Bedrock Runtime id (strips `us.`/`global.` prefixes and `-1:0` suffixes). */
export function mantleModelId(id: string): string {
  return id.replace(RUNTIME_PREFIX, '').replace(RUNTIME_SUFFIX, '');
}

export function isRuntimeModelId(id: string): boolean {
  return RUNTIME_PREFIX.test(id) || RUNTIME_SUFFIX.test(id) || id.startsWith('arn:');
}

export function validateModelId(input: string): Validation {
  const base = validateInput(input, 'The model id');
  if (!base.ok) return base;
  const v = base.value;
  if (v === '') return { ok: false, message: 'Enter a model id, e.g. openai.gpt-5.5.' };
  if (v.startsWith('arn:')) {
    return { ok: false, message: 'That is a model ARN. Codex on Bedrock Mantle wants the model id, e.g. openai.gpt-5.5.' };
  }
  if (RUNTIME_PREFIX.test(v) || RUNTIME_SUFFIX.test(v)) {
    return {
      ok: false,
      message: `"${v}" is a Bedrock Runtime id. Codex on Bedrock Mantle uses the id without the region prefix and version suffix: ${mantleModelId(v)}.${isOpenWeight(mantleModelId(v)) ? ` That is an open-weight model, which Codex's built-in provider cannot reach (Mantle serves it under /v1): choose an OpenAI model such as openai.gpt-5.5.` : ''}`,
    };
  }
  if (v.length > 128 || !/^[a-z0-9][a-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)) {
    return { ok: false, message: `"${v}" does not look like a Bedrock model id (provider.model, e.g. openai.gpt-5.5).` };
  }
  // Everything this tool writes or tests goes through Codex's built-in provider, which only calls /openai/v1.
  if (isOpenWeight(v)) {
    const what = v.startsWith('openai.') ? 'an open-weight model: Bedrock Mantle serves it under /v1' : "not one of OpenAI's proprietary models, the only ones Mantle serves under /openai/v1";
    return {
      ok: false,
      message: `${v} is ${what}, but Codex's built-in amazon-bedrock provider always posts to /openai/v1, where it fails ("isn't supported on this route"). Choose an OpenAI model such as openai.gpt-5.5 (see: npx codex-bedrock-setup models).`,
    };
  }
  return { ok: true, value: v };
}

export function validateAccountId(input: string): Validation {
  const base = validateInput(input, 'The account id');
  if (!base.ok) return base;
  const v = base.value.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(v)) return { ok: false, message: 'An AWS account id is exactly 12 digits, e.g. 123456789012.' };
  return { ok: true, value: v };
}

export function validateSsoStartUrl(input: string): Validation {
  const base = validateInput(input, 'The SSO start URL');
  if (!base.ok) return base;
  const v = base.value;
  const example = 'e.g. https://my-company.awsapps.com/start';
  if (v === '') return { ok: false, message: `Enter your IAM Identity Center start URL, ${example}.` };
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return { ok: false, message: `"${v}" is not a URL; ${example}.` };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `The SSO start URL must use https://, ${example}.` };
  if (url.username || url.password) return { ok: false, message: 'The SSO start URL must not contain a user name or password.' };
  if (!url.hostname.includes('.') || /[\s"'\[\]]/.test(v)) return { ok: false, message: `"${v}" is not a well-formed start URL; ${example}.` };
  return { ok: true, value: v };
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** IAM role names: letters, digits and + = , . @ _ - (at most 64); they end up in the AWS config. */
export function validateSsoRoleName(input: string): Validation {
  const v = input.trim();
  if (!/^[\w+=,.@-]{1,64}$/.test(v)) return { ok: false, message: `"${JSON.stringify(v.slice(0, 60)).slice(1, -1)}" is not an IAM role name (letters, digits and + = , . @ _ - only, at most 64).` };
  return { ok: true, value: v };
}

/** It becomes an `[sso-session NAME]` header, so the profile-name rules keep it from breaking the file. */
export function validateSsoSessionName(input: string): Validation {
  const r = validateAwsProfileName(input);
  return r.ok ? r : { ok: false, message: r.message.replace(/AWS profile name/g, 'SSO session name') };
}
