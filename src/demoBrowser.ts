// The --demo's browser. aws CLI 2.22+ signs in through a browser by default (PKCE) and waits, up to 10 minutes,
// for it to come back to a callback on localhost; no real browser can reach the emulator's sign-in page. So
// $BROWSER only notes the URL (a shell script: it runs wherever the aws CLI does), and this process opens it.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoBrowser {
  /** For $BROWSER. */
  command: string;
  stop(): void;
}

const AUTHORIZE = /^https:\/\/oidc\.([a-z0-9-]+)\.amazonaws\.com\/authorize\?/;
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/;

/** Opens each IAM Identity Center /authorize URL on the emulator and follows its redirect to the aws CLI's callback. */
export function startDemoBrowser(dir: string, emulatorUrl: string): DemoBrowser {
  const log = join(dir, 'browser-urls');
  const command = join(dir, 'browser');
  writeFileSync(log, '', { mode: 0o600 });
  // Python's webbrowser waits for this command, and the aws CLI answers its callback only after: return at once.
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log.replace(/'/g, `'\\''`)}'\n`);
  chmodSync(command, 0o700);
  let handled = 0;
  const open = async (url: string) => {
    const m = AUTHORIZE.exec(url);
    // Device-code pages are left alone: the emulator approves those codes by itself.
    if (!m) return;
    const page = await fetch(`${emulatorUrl}/oidc/${m[1]}/authorize?${url.slice(m[0].length)}`, { redirect: 'manual' });
    const to = page.headers.get('location');
    if (to && LOOPBACK.test(to)) await (await fetch(to)).arrayBuffer();
  };
  const timer = setInterval(() => {
    let urls: string[];
    try {
      urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    } catch {
      return;
    }
    for (; handled < urls.length; handled++) void open(urls[handled]!).catch(() => undefined);
  }, 200);
  timer.unref();
  return { command, stop: () => clearInterval(timer) };
}
