// The one yes/no question a command asks before it writes (restore, uninstall, doctor --fix): on stderr, so a
// --json document on stdout stays whole; anything but y/yes is no.
import { createInterface } from 'node:readline/promises';

export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
