// A current aws CLI v2 (2.22+: the browser sign-in with a localhost callback by default, and --use-device-code)
// for the sign-in tests, when scripts/aws-cli-current.sh has installed one: CBS_AWS_CLI_CURRENT=<its bin/aws>.
// And the browser those tests need for it: the aws CLI "opens" a URL, the test follows it like a browser would.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { Emulator } from '../../src/emulator/index.js';

const configured = process.env.CBS_AWS_CLI_CURRENT;
/** The wrapper's path, or undefined when no current aws CLI is installed (the tests that need it are skipped). */
export const AWS_CURRENT = configured && existsSync(configured) ? configured : undefined;
/** The directory to put first on PATH so that `aws` is the current CLI. */
export const AWS_CURRENT_DIR = AWS_CURRENT ? dirname(AWS_CURRENT) : '';
/** As `aws --version` says it, e.g. 2.36.17. A wrapper that cannot run fails its own tests, not the file's others. */
export const AWS_CURRENT_VERSION = AWS_CURRENT ? currentVersion(AWS_CURRENT) : '';

function currentVersion(aws: string): string {
  try {
    return /aws-cli\/(\d+\.\d+\.\d+)/.exec(execFileSync(aws, ['--version'], { encoding: 'utf8', timeout: 30_000 }))?.[1] ?? 'unknown';
  } catch (e) {
    return `unusable: ${(e as Error).message.split('\n')[0]}`;
  }
}

export interface Browser {
  /** For BROWSER=: a shell script (the aws CLI may run in a chroot with no node), it only records the URL. */
  command: string;
  /** Every URL the aws CLI opened, in order. */
  opened(): string[];
  /** The localhost callbacks reached, each with the page the aws CLI answered. */
  callbacks: { url: string; status: number }[];
  stop(): void;
}

/**
 * Plays the person at the browser: each IAM Identity Center /authorize URL the aws CLI opens is fetched through
 * the emulator's proxy (as AWS would be reached), and the redirect is followed to the aws CLI's localhost callback.
 * Device-code pages (device.sso…) are left alone: the emulator approves those by its poll count.
 */
export function startBrowser(emu: Emulator, dir: string): Browser {
  const log = join(dir, 'browser-urls.log');
  const command = join(dir, 'browser.sh');
  writeFileSync(log, '');
  // Python's webbrowser waits for this command; it must return at once.
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(command, 0o755);
  const agent = new HttpsProxyAgent(emu.proxyUrl!, { ca: readFileSync(emu.caPath!) });
  const opened = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const callbacks: Browser['callbacks'] = [];
  let handled = 0;
  const follow = async (url: string) => {
    const location = await new Promise<string | undefined>((resolve, reject) => {
      get(url, { agent, ca: readFileSync(emu.caPath!) }, (res) => {
        res.resume();
        resolve(res.statusCode === 302 ? res.headers.location : undefined);
      }).on('error', reject);
    });
    if (!location) return;
    const page = await fetch(location);
    callbacks.push({ url: location, status: page.status });
  };
  const timer = setInterval(() => {
    const urls = opened();
    for (; handled < urls.length; handled++) {
      const url = urls[handled]!;
      if (/^https:\/\/oidc\.[a-z0-9-]+\.amazonaws\.com\/authorize\?/.test(url)) void follow(url).catch(() => undefined);
    }
  }, 100);
  return { command, opened, callbacks, stop: () => clearInterval(timer) };
}
