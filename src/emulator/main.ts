// Standalone emulator for other processes: prints {url, proxyUrl, caPath} as one JSON line,
// then serves until SIGINT/SIGTERM. State patches: POST /__emulator/state on the direct port.
import { startEmulator } from './index.js';

function parseArgs(argv: string[]): { proxy: boolean; port: number } {
  const portArg = argv.find((a) => a.startsWith('--port='));
  return { proxy: argv.includes('--proxy'), port: portArg ? Number(portArg.slice('--port='.length)) : 0 };
}

const { proxy, port } = parseArgs(process.argv.slice(2));
const emulator = await startEmulator({ proxy, port });
process.stdout.write(`${JSON.stringify({ url: emulator.url, proxyUrl: emulator.proxyUrl, caPath: emulator.caPath })}\n`);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
