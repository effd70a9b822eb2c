// What both matrix files need: a world whose PATH finds one Codex version as `codex`, and one real turn with it.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Emulator, RecordedRequest } from '../../src/emulator/index.js';
import { makeWorld, type World } from '../e2e/helpers.js';
import { codexBinary } from '../../scripts/codex-versions.mjs';

/** A world whose PATH finds this Codex version as `codex`, as a user who installed it has it. */
export async function worldFor(emu: Emulator, version: string, extraEnv: Record<string, string> = {}): Promise<World> {
  const world = await makeWorld(emu, { extraEnv });
  const bin = join(world.root, 'bin');
  await mkdir(bin);
  await symlink(codexBinary(version), join(bin, 'codex'));
  world.env.PATH = `${bin}:${world.env.PATH}`;
  return world;
}

/** One `codex exec` turn with the bedrock-prod profile; `turns` are the Responses requests the emulator saw for it. */
export async function codexExec(emu: Emulator, world: World, version: string) {
  const before = emu.requests.length;
  const r = await execa(codexBinary(version), ['exec', '--profile', 'bedrock-prod', '--skip-git-repo-check', '--ephemeral', '--sandbox', 'read-only', 'say hi'], {
    cwd: world.root,
    env: world.env,
    extendEnv: false,
    reject: false,
    timeout: 90_000,
    stdin: 'ignore',
  });
  const turns = emu.requests.slice(before).filter((q: RecordedRequest) => q.path === '/openai/v1/responses');
  return { ...r, output: `${r.stdout}\n${r.stderr}`, turns };
}
