// One setup flow behind two front doors: for the same choices, the wizard (keys in a real terminal) and
// `setup --yes` (flags) write the same bytes, send Codex's request the same way, and print the same next steps.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type RecordedRequest } from '../../src/emulator/index.js';
import { makeWorld, runCli, type World } from './helpers.js';
import { KEY, spawnCli, type PtyRun } from './pty.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
}, 60_000);
afterAll(() => emu?.close());
const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

// A config someone already has: comments, a model of their own, an MCP server. Both runs start from it.
const EXISTING = [
  '# my settings, by hand',
  'model = "o3" # for OpenAI',
  '',
  '[mcp_servers.docs]',
  'command = "docs-mcp" # keep me',
  '',
].join('\n');

const MODEL = 'openai.gpt-6.1-sol';
const PROFILE = 'bedrock-prod';

async function seeded(): Promise<World> {
  const world = await makeWorld(emu);
  await writeFile(join(world.codexHome, 'config.toml'), EXISTING);
  return world;
}

/** The Responses calls a run made, without the web_search probe; what Codex makes new per run (ids, its scratch folder, the clock) is masked. */
function smokeBodies(requests: RecordedRequest[]): unknown[] {
  return requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/responses') && !r.body.includes('Reply with the word ok.'))
    .map((r) =>
      r.body
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
        .replace(/cbs-capture-[A-Za-z0-9]+/g, '<capture-dir>')
        .replace(/(turn_started_at_unix_ms\\*":)\d+/g, '$1<ms>')
        .replace(/<current_date>[^<]*</g, '<current_date><date><'),
    )
    // Parsed: Codex orders some object keys differently from run to run.
    .map((body) => JSON.parse(body));
}

async function filesOf(codexHome: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(codexHome)).filter((n) => n.endsWith('.toml')).sort()) out[name] = await readFile(join(codexHome, name), 'utf8');
  return out;
}

describe('the wizard and setup --yes', () => {
  it('write the same files, send the same smoke request and print the same next steps for the same choices', { timeout: 240_000 }, async () => {
    // setup --yes, choices as flags.
    const a = await seeded();
    const before = emu.requests.length;
    const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'codex-bedrock', '--codex-profile', PROFILE, '--model', MODEL], a.env, { timeout: 120_000 });
    expect(setup.exitCode, setup.stderr + setup.stdout).toBe(0);
    const setupRequests = emu.requests.slice(before);
    const setupNext = setup.stdout.split('\nNext:\n')[1]!.trim().split('\n').map((l) => l.trim());

    // The wizard, choices as keys: region us-east-1, the existing profile, the suggested (same) model.
    const b = await seeded();
    const mid = emu.requests.length;
    const run = spawnCli(['--codex-profile', PROFILE], { env: b.env, cwd: b.root });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, '2/7 · Region');
    await run.waitFor(/❯ us-east-1 /);
    await run.press(KEY.enter, '3/7 · Sign in');
    await run.press(KEY.down, '❯ Existing AWS profile');
    await run.press(KEY.enter, '3/7 · Sign in: AWS profile');
    await run.press(KEY.enter, 'signed in as');
    const models = await run.press(KEY.enter, `Model for Codex profile ${PROFILE}`);
    expect(models).toMatch(new RegExp(`❯ ${MODEL.replace(/\./g, '\\.')}`));
    await run.press(KEY.enter, '❯ Write these files');
    await run.press(KEY.enter, '❯ Run the smoke test');
    await run.press(KEY.enter, '6/7 · Smoke test');
    await run.waitFor('enter finish');
    const done = await run.press(KEY.enter, '7/7 · Done');
    const wizardRequests = emu.requests.slice(mid);
    const wizardNext = done.split('Next:')[1]!.split('\n').map((l) => l.trim()).filter((l) => l && !/^enter /.test(l) && !l.startsWith('If it breaks'));

    // Same bytes, comments included, in every Codex file.
    const [fa, fb] = [await filesOf(a.codexHome), await filesOf(b.codexHome)];
    expect(Object.keys(fb)).toEqual(Object.keys(fa));
    expect(Object.keys(fa)).toEqual(['bedrock-prod.config.toml', 'config.toml']);
    for (const name of Object.keys(fa)) expect(fb[name], name).toBe(fa[name]);
    expect(fa['config.toml']).toContain('command = "docs-mcp" # keep me');

    // The same Codex request, signed the same way.
    const [sa, sb] = [smokeBodies(setupRequests), smokeBodies(wizardRequests)];
    expect(sa.length).toBe(1);
    expect(sb).toEqual(sa);
    const signer = (rs: RecordedRequest[]) => rs.filter((r) => r.path.endsWith('/responses')).map((r) => `${r.service}:${r.authKind}:${r.identityArn}`);
    expect(signer(wizardRequests)).toEqual(signer(setupRequests));

    // The same next steps, word for word.
    expect(setupNext).toEqual([`codex --profile ${PROFILE}`]);
    expect(wizardNext).toEqual(setupNext);
  });
});
