// doctor's proxy probe was the one socket opened outside services/: it now lives in services/net.ts.
// Only services/ (and the emulator, which stands apart) may import Node's network modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const NETWORK = /from\s+['"](?:node:)?(net|tls|http|https|http2|dgram)['"]|import\(\s*['"](?:node:)?(net|tls|http|https|http2|dgram)['"]\s*\)/;

describe('sockets only behind the services boundary', () => {
  it('no module outside src/services and src/emulator imports a Node network module', () => {
    const offenders = sources('src').filter((f) => !/^src[\\/](services|emulator)[\\/]/.test(f) && NETWORK.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('the scan sees the imports it forbids (services/net.ts opens the probe socket)', () => {
    expect(NETWORK.test(readFileSync('src/services/net.ts', 'utf8'))).toBe(true);
  });
});
