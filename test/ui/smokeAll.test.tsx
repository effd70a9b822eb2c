// The smoke and done screens when the wizard wrote two Codex profiles: each is tested, each has its line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { deferred, fakeServices, smokeResult } from './fakes.js';
import { DOWN, ENTER, renderApp } from './helpers.js';
import { atSmoke } from './states.js';
import type { SmokeEvent, SmokeResult } from '../../src/types.js';

afterEach(() => cleanup());

const PROD = 'openai.gpt-6.1-sol';
const STAGING = 'openai.gpt-6-luna';

function fits(frame: string, columns: number, rows: number) {
  for (const line of frame.split('\n')) expect(line.length, `${columns}: ${line}`).toBeLessThanOrEqual(columns);
  expect(frame.split('\n').length, `rows at ${columns}×${rows}`).toBeLessThan(rows);
}

describe('smoke test of every profile written', () => {
  for (const columns of [60, 80, 100, 200]) {
    it(`at ${columns} columns: live figures for the one running, a line per finished profile, then one line each on Done`, async () => {
      const s = fakeServices();
      const staging = deferred<SmokeResult>();
      let emit!: (e: SmokeEvent) => void;
      s.aws.smokeTest = async (opts, onEvent) => {
        s.calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
        if (opts.model === PROD) return { ...smokeResult(opts.model, opts.region, opts.auth), latency: { ...smokeResult(opts.model, opts.region, opts.auth).latency, ttftMs: 210, tokensPerSecond: 42.5, totalMs: 900 } };
        emit = onEvent;
        return staging.promise;
      };
      const ui = renderApp(s, atSmoke(), { columns, rows: 24 });
      let f = await ui.waitText('Smoke test 2 of 2: bedrock-staging (openai.gpt-6-luna)');
      f = await ui.waitText('✓ bedrock-prod: openai.gpt-6.1-sol');
      expect(f.replace(/\s+/g, ' ')).toMatch(/TTFT 210 ms · 42\.5 tok(ens)?\/s · (total )?900 ms/);
      expect(f).toContain('Streaming…');
      expect(f).not.toContain("Codex's request works");
      // The installed Codex is asked for its request first; the stream starts after that.
      await vi.waitFor(() => expect(emit).toBeTypeOf('function'));
      emit({ type: 'connected', atMs: 7 });
      emit({ type: 'delta', atMs: 31, text: 'staging here' });
      f = await ui.waitText('staging here');
      // The panel shows the running profile's figures, not the finished one's.
      expect(f).toContain('first token 31 ms');
      expect(f).toContain('Streaming…');
      fits(f, columns, 24);
      staging.resolve(smokeResult(STAGING, 'us-east-1', { kind: 'profile', profile: 'dev' }, 'staging here'));
      f = await ui.waitText("Codex's request works for both profiles");
      expect(f).toContain('✓ bedrock-prod: openai.gpt-6.1-sol');
      expect(f).toContain('✓ bedrock-staging: openai.gpt-6-luna');
      fits(f, columns, 24);
      expect(s.calls.smokeTest.map((c) => c.model)).toEqual([PROD, STAGING]);
      await ui.press(ENTER);
      f = await ui.waitText('Next:');
      const flat = f.replace(/\s+/g, ' ');
      expect(flat).toMatch(/✓ bedrock-prod: openai\.gpt-6\.1-sol (· )?smoke test TTFT 210 ms · 42\.5 tok(ens)?\/s/);
      expect(flat).toMatch(/✓ bedrock-staging: openai\.gpt-6-luna (· )?smoke test TTFT 55 ms · 150\.0 tok(ens)?\/s/);
      fits(f, columns, 24);
    });
  }

  it('a failure of the second profile names it; Retry re-tests it alone; Change model asks for its model', async () => {
    const s = fakeServices();
    let stagingFails = true;
    s.aws.smokeTest = async (opts) => {
      s.calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
      if (opts.model === STAGING && stagingFails) {
        return { ...smokeResult(opts.model, opts.region, opts.auth, ''), ok: false, failure: { kind: 'http', status: 404, service: 'bedrock-mantle', message: `The model ${STAGING} does not exist` } };
      }
      return smokeResult(opts.model, opts.region, opts.auth);
    };
    const ui = renderApp(s, atSmoke());
    let f = await ui.waitText('Change model');
    expect(f.replace(/\s+/g, ' ')).toContain('Smoke test 2 of 2: bedrock-staging (openai.gpt-6-luna) failed (bedrock-prod passed)');
    expect(s.calls.smokeTest.map((c) => c.model)).toEqual([PROD, STAGING]);
    stagingFails = false;
    await ui.press(ENTER); // Retry
    f = await ui.waitText("Codex's request works for both profiles");
    // bedrock-prod passed already: only the failing profile was tested again.
    expect(s.calls.smokeTest.map((c) => c.model)).toEqual([PROD, STAGING, STAGING]);
    expect(f).toContain('✓ bedrock-prod: openai.gpt-6.1-sol');

    stagingFails = true;
    const again = renderApp(s, atSmoke());
    await again.waitText('Change model');
    await again.press(DOWN, DOWN, ENTER);
    await again.waitText('Model for Codex profile bedrock-staging');
  });
});
