import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/teamTemplate.js';
import { createTeamTemplateSource, TEMPLATE_MAX_BYTES } from '../../src/services/teamTemplateSource.js';
import type { StreamResponse } from '../../src/services/http.js';

function serving(status: number, chunks: Uint8Array[]) {
  let cancelled = false;
  const http = {
    requestStream: async (): Promise<StreamResponse> => ({
      status,
      headers: {},
      timing: { startAt: 0, connectedAt: null, tlsAt: null, headersAt: 0 },
      bodyConsumed: false,
      body: (async function* () {
        for (const c of chunks) yield c;
      })(),
      text: async () => '',
      cancel: () => void (cancelled = true),
    }),
  };
  return { http, wasCancelled: () => cancelled };
}

const text = 'region = "us-east-1"\n';
const bytes = new TextEncoder().encode(text);
const pinned = `https://example.com/t.toml#sha256=${sha256Hex(bytes)}`;

describe('team template source', () => {
  it('downloads, checks the pin and parses', async () => {
    const { http } = serving(200, [bytes.slice(0, 5), bytes.slice(5)]);
    const loaded = await createTeamTemplateSource({ http }).load(pinned);
    expect(loaded.template.region).toBe('us-east-1');
    expect(loaded.where).toBe('https://example.com/t.toml');
  });

  it('stops reading past the size bound', async () => {
    const big = new Uint8Array(64 * 1024).fill(0x20);
    const s = serving(200, Array.from({ length: TEMPLATE_MAX_BYTES / big.length + 2 }, () => big));
    await expect(createTeamTemplateSource({ http: s.http }).load(pinned)).rejects.toThrow(/larger than 256 kB/);
    expect(s.wasCancelled()).toBe(true);
  });

  it('says which HTTP status the server answered', async () => {
    await expect(createTeamTemplateSource({ http: serving(403, []).http }).load(pinned)).rejects.toThrow(/answered HTTP 403/);
  });

  it('reads a local file, pinned or not, and refuses a pinned file that changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-team-'));
    const path = join(dir, 'team.toml');
    await writeFile(path, text);
    const source = createTeamTemplateSource({ http: serving(500, []).http });
    expect((await source.load(path)).template.region).toBe('us-east-1');
    expect((await source.load(`${path}#sha256=${sha256Hex(bytes)}`)).template.region).toBe('us-east-1');
    await writeFile(path, text.replace('1', '2'));
    await expect(source.load(`${path}#sha256=${sha256Hex(bytes)}`)).rejects.toThrow(/does not match its pin/);
  });
});
