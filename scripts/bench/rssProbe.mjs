// Preloaded with --import by the memory bench: our own process's peak RSS, written at exit. GNU time's figure
// also counts the largest child it waited for, which is Codex itself when setup records Codex's request.
import { writeFileSync } from 'node:fs';

const out = process.env.CBS_BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
