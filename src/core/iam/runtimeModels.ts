// Model ids of Codex's amazon-bedrock-runtime provider: a foundation-model id (openai.gpt-oss-120b-1:0), or a
// cross-region inference profile id, the same id behind a geography prefix (global.openai.gpt-5.5, us.…).
import { validateInput, type Validation } from '../validate.js';

const GEOGRAPHIES = ['global', 'us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca'] as const;
const MODEL_SHAPE = /^[a-z0-9][a-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export interface RuntimeModel {
  /** The id as Codex sends it. */
  id: string;
  /** The geography of a cross-region inference profile; undefined for a foundation model called in its region. */
  geography?: string;
  /** The foundation model the request runs on. */
  foundationModel: string;
}

export function parseRuntimeModel(id: string): RuntimeModel {
  const dot = id.indexOf('.');
  const geography = id.slice(0, dot);
  if (dot > 0 && (GEOGRAPHIES as readonly string[]).includes(geography)) return { id, geography, foundationModel: id.slice(dot + 1) };
  return { id, foundationModel: id };
}

export function validateRuntimeModelId(input: string): Validation {
  const base = validateInput(input, 'The model id');
  if (!base.ok) return base;
  const v = base.value;
  if (v === '') return { ok: false, message: 'Enter a model id, e.g. global.openai.gpt-5.5.' };
  if (v.startsWith('arn:')) return { ok: false, message: 'That is an ARN. Codex on Bedrock Runtime wants the model or inference profile id, e.g. global.openai.gpt-5.5.' };
  if (v.length > 128 || !MODEL_SHAPE.test(parseRuntimeModel(v).foundationModel)) {
    return { ok: false, message: `"${v}" does not look like a Bedrock Runtime model id (e.g. global.openai.gpt-5.5 or openai.gpt-oss-120b-1:0).` };
  }
  return { ok: true, value: v };
}
