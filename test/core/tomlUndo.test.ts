import { describe, expect, it } from 'vitest';
import { undoTomlKeys } from '../../src/core/tomlUndo.js';

const original = '# mine\napproval_policy = "on-request" # ask\n\n[model_providers.amazon-bedrock.aws]\nregion = "eu-west-1" # old region\n';
const ours = '# mine\napproval_policy = "on-request" # ask\n\n[model_providers.amazon-bedrock.aws]\nregion = "us-east-1" # old region\nprofile = "codex-bedrock"\n';

describe('undoTomlKeys', () => {
  it('gives our keys their earlier values back and keeps what the user added since', () => {
    const current = ours.replace('# mine\n', '# mine\nmodel_reasoning_effort = "high"\n');
    expect(undoTomlKeys(current, original, ours)).toEqual({
      text: original.replace('# mine\n', '# mine\nmodel_reasoning_effort = "high"\n'),
      undone: ['model_providers.amazon-bedrock.aws.profile', 'model_providers.amazon-bedrock.aws.region'],
      kept: [],
    });
  });

  it('leaves a key of ours the user changed since', () => {
    const current = ours.replace('region = "us-east-1"', 'region = "us-west-2"');
    const undo = undoTomlKeys(current, original, ours)!;
    expect(undo.kept).toEqual(['model_providers.amazon-bedrock.aws.region']);
    expect(undo.text).toBe(current.replace('profile = "codex-bedrock"\n', ''));
  });

  it('in a file we created, takes out our keys and the tables only we made; the user\'s key stays', () => {
    const created = '# Written by codex-bedrock-setup\nmodel = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\n\n[model_providers.amazon-bedrock.aws]\nregion = "us-west-2"\n';
    const undo = undoTomlKeys(created.replace('model_provider', 'approval_policy = "never"\nmodel_provider'), null, created)!;
    expect(undo.text).toBe('# Written by codex-bedrock-setup\napproval_policy = "never"\n');
  });

  it('nothing of ours left, or a file that does not parse: null', () => {
    expect(undoTomlKeys(original, original, ours)).toBeNull();
    expect(undoTomlKeys('a = = 1', original, ours)).toBeNull();
  });
});
