// The part of AWS's Service Authorization Reference our policy uses (snapshot written by scripts/iam-snapshot.mjs).
import reference from './reference.json' with { type: 'json' };

export type IamService = 'bedrock-mantle' | 'bedrock';

interface ServiceReference {
  actions: Record<string, { resourceTypes: string[]; conditionKeys: string[] }>;
  resourceTypes: Record<string, string>;
  conditionKeys: Record<string, string>;
}

const SERVICES = reference.services as Record<IamService, ServiceReference>;

/** `service:Action`, refusing an action the snapshot does not hold (a typo would otherwise ship). */
export function action(service: IamService, name: string): string {
  if (!SERVICES[service].actions[name]) throw new Error(`${service}:${name} is not in src/core/iam/reference.json`);
  return `${service}:${name}`;
}

/** The resource types an action takes; empty means it takes none, so only "Resource": "*" can allow it. */
export function resourceTypesOf(service: IamService, name: string): string[] {
  return SERVICES[service].actions[name]?.resourceTypes ?? [];
}

/** The condition key, checked to be one the action supports. */
export function conditionKey(service: IamService, name: string, key: string): string {
  if (!SERVICES[service].actions[name]?.conditionKeys.includes(key) || !SERVICES[service].conditionKeys[key]) {
    throw new Error(`${service}:${name} has no condition key ${key} in src/core/iam/reference.json`);
  }
  return key;
}

/** The ARN of a resource type, its `${…}` placeholders filled in. */
export function arnOf(service: IamService, type: string, parts: { partition: string; region: string; account?: string; id: string }): string {
  const format = SERVICES[service].resourceTypes[type];
  if (!format) throw new Error(`${service} resource type ${type} is not in src/core/iam/reference.json`);
  return format
    .replace('${Partition}', parts.partition)
    .replace('${Region}', parts.region)
    .replace('${Account}', parts.account ?? '')
    .replace('${ResourceId}', parts.id);
}

export const REFERENCE_SOURCE: string = reference.source;
