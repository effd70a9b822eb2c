// Least-privilege IAM policy for Codex on Bedrock Mantle. These are Mantle actions; the
// article's bedrock:InvokeModel* on foundation-model/* ARNs is the Bedrock Runtime policy.

export interface PolicyInput {
  /** 12-digit account id; `*` (or absent) when unknown. */
  account?: string;
  /** Regions Codex may call; empty means every region. */
  regions: string[];
  /**
   * Models the team intends to use. No Mantle condition key for the model id is documented,
   * so they are not encoded in the policy; CreateInference is granted per project ARN.
   */
  models?: string[];
  /** Bedrock API keys (Authorization: Bearer …) also need CallWithBearerToken. */
  bearer?: boolean;
}

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
}

export function buildPolicy(input: PolicyInput): { Version: '2012-10-17'; Statement: Statement[] } {
  const account = input.account && /^\d{12}$/.test(input.account) ? input.account : '*';
  const regions = input.regions.length > 0 ? [...new Set(input.regions)].sort() : ['*'];
  const projects = regions.map((r) => `arn:aws:bedrock-mantle:${r}:${account}:project/*`);
  const statements: Statement[] = [
    { Sid: 'MantleInference', Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: one(projects) },
  ];
  if (input.bearer) {
    statements.push({ Sid: 'MantleBearerToken', Effect: 'Allow', Action: 'bedrock-mantle:CallWithBearerToken', Resource: one(projects) });
  }
  statements.push(
    // Listing reads are not scoped to a project.
    { Sid: 'MantleListModels', Effect: 'Allow', Action: ['bedrock-mantle:ListModels', 'bedrock-mantle:Get*'], Resource: '*' },
    { Sid: 'BedrockListFoundationModels', Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*' },
  );
  return { Version: '2012-10-17', Statement: statements };
}

/** The policy as pretty-printed JSON (two-space indent, trailing newline). */
export function iamPolicy(input: PolicyInput): string {
  return JSON.stringify(buildPolicy(input), null, 2) + '\n';
}

function one(list: string[]): string | string[] {
  return list.length === 1 ? list[0]! : list;
}
