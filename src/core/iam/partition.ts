// ARNs name the partition: a GovCloud policy that says arn:aws:… allows nothing there.
const PARTITIONS: [RegExp, string][] = [
  [/^us-gov-/, 'aws-us-gov'],
  [/^cn-/, 'aws-cn'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^us-iso-/, 'aws-iso'],
  [/^eusc-/, 'aws-eusc'],
];

export function partitionOf(region: string): string {
  return PARTITIONS.find(([re]) => re.test(region))?.[1] ?? 'aws';
}
