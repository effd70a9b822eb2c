// Standalone emulator for other processes: prints {url, proxyUrl, caPath} as one JSON line,
// then serves until SIGINT/SIGTERM. State patches: POST /__emulator/state on the direct port.
// Latency: --call-ms=N, --first-token-ms=N, --region-latency=us-east-1=20,eu-west-1=60 (or EMULATOR_CALL_MS,
// EMULATOR_FIRST_TOKEN_MS, EMULATOR_REGION_LATENCY_MS).
import { startEmulator } from './index.js';
import { latencyKnobs } from './knobs.js';

function parseArgs(argv: string[]): { proxy: boolean; port: number } {
  const portArg = argv.find((a) => a.startsWith('--port='));
  return { proxy: argv.includes('--proxy'), port: portArg ? Number(portArg.slice('--port='.length)) : 0 };
}

const argv = process.argv.slice(2);
const { proxy, port } = parseArgs(argv);
const knobs = (() => {
  try {
    return latencyKnobs(argv, process.env);
  } catch (e) {
    process.stderr.write(`emulator: ${(e as Error).message}\n`);
    process.exit(2);
  }
})();
const emulator = await startEmulator({ proxy, port });
emulator.update(knobs);
process.stdout.write(`${JSON.stringify({ url: emulator.url, proxyUrl: emulator.proxyUrl, caPath: emulator.caPath })}\n`);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
