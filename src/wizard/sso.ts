// Small pure helpers for the IAM Identity Center path.

/** A readable session name from the portal URL: https://corp.awsapps.com/start → corp. */
export function ssoSessionName(startUrl: string | undefined): string {
  try {
    const host = new URL(startUrl ?? '').hostname;
    const first = host.split('.')[0];
    return /^[a-z0-9-]+$/i.test(first) && first !== 'www' ? first : 'codex';
  } catch {
    return 'codex';
  }
}
