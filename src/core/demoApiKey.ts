// The demo's Bedrock API keys: one per region, each valid in its own region only, as AWS binds a short-term key to
// the region it was issued in (its presigned URL names that region). The emulator accepts them (--demo turns it on);
// the wizard's API-key screen offers the one for the region chosen. They are no secret: the emulator is local.

const PREFIX = 'bedrock-api-key-emulator-demo-';

export function demoApiKey(region: string): string {
  return `${PREFIX}${region}`;
}

/** The region a demo key was issued for; null for any other key. */
export function demoApiKeyRegion(token: string): string | null {
  return token.startsWith(PREFIX) && token.length > PREFIX.length ? token.slice(PREFIX.length) : null;
}
