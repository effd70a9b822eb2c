// Renders a real `--demo` run (the smoke test screen with its latency panel) to assets/wizard.svg and .png for
// the README. Needs a build (`npm run build`) and rsvg-convert (Debian: librsvg2-bin); CI only uses the committed PNG.
// Run: npx tsx scripts/record-demo.mjs (100×30, assets/wizard.png); RECORD_COLS=70 RECORD_ROWS=24 RECORD_NAME=wizard-70 for the narrow one.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { isolatedEnv } from '../test/e2e/helpers.ts';
import { KEY, spawnCli } from '../test/e2e/pty.ts';

const COLS = Number(process.env.RECORD_COLS ?? 100);
const ROWS = Number(process.env.RECORD_ROWS ?? 30);
const NAME = process.env.RECORD_NAME ?? 'wizard';
const CELL_W = 9.6;
const CELL_H = 20;
const PAD = 20;
const BAR = 28;

// A dark theme close to common terminal defaults.
const PALETTE = {
  fg: '#d4d4d4',
  bg: '#1e1e1e',
  black: '#3c3c3c',
  red: '#f14c4c',
  green: '#23d18b',
  yellow: '#f5f543',
  blue: '#3b8eea',
  magenta: '#d670d6',
  cyan: '#29b8db',
  white: '#e5e5e5',
  gray: '#8a8a8a',
};

const colour = (name) => (name ? (PALETTE[name.replace(/^bright-/, '')] ?? (name.startsWith('#') ? name : PALETTE.fg)) : undefined);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function capture() {
  const run = spawnCli(['--demo'], { env: isolatedEnv({ FORCE_COLOR: '1' }), cols: COLS, rows: ROWS });
  try {
    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
    // Let the region measurement finish (the fastest is marked).
    await run.waitFor(/← fastest/);
    await run.press(KEY.enter, '❯ IAM Identity Center');
    await run.press(KEY.down, '❯ Existing AWS profile');
    await run.press(KEY.enter, /❯ demo\s+\[keys\]/);
    await run.press(KEY.enter, 'signed in as');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-prod');
    await run.press(KEY.enter, 'Model for Codex profile bedrock-staging');
    await run.press(KEY.enter, '❯ Write these files');
    await run.press(KEY.enter, '❯ Run the smoke test');
    await run.press(KEY.enter, 'enter finish');
    // From the wizard's title to its key hints: the demo's one-line preamble above is not part of the picture.
    const lines = run.screen.lines();
    const top = lines.findIndex((l) => l.startsWith('codex-bedrock-setup ·'));
    const bottom = lines.findLastIndex((l) => l.trim() !== '');
    return run.screen.cells.slice(top, bottom + 1).map((row) => row.map((c) => ({ ch: c.ch, attr: { ...c.attr } })));
  } finally {
    run.write(KEY.ctrlC);
    await Promise.race([run.exited, new Promise((r) => setTimeout(r, 5000))]);
    run.kill();
  }
}

function svg(cells) {
  const width = Math.ceil(COLS * CELL_W + PAD * 2);
  const height = Math.ceil(cells.length * CELL_H + PAD * 2 + BAR);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<rect width="${width}" height="${height}" rx="8" fill="${PALETTE.bg}"/>`);
  out.push(`<rect width="${width}" height="${BAR}" rx="8" fill="#323233"/><rect y="${BAR - 8}" width="${width}" height="8" fill="#323233"/>`);
  ['#ff5f57', '#febc2e', '#28c840'].forEach((c, i) => out.push(`<circle cx="${18 + i * 20}" cy="${BAR / 2}" r="6" fill="${c}"/>`));
  out.push(`<text x="${width / 2}" y="${BAR / 2 + 4}" fill="${PALETTE.gray}" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle">npx codex-bedrock-setup --demo</text>`);
  out.push(`<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="16" xml:space="preserve">`);
  cells.forEach((row, y) => {
    const baseline = PAD + BAR + y * CELL_H + CELL_H * 0.75;
    // One <text> per run of cells with the same attributes; each glyph placed on its cell so box drawing lines up.
    let x = 0;
    while (x < row.length) {
      const a = row[x].attr;
      const key = JSON.stringify(a);
      let end = x;
      while (end < row.length && JSON.stringify(row[end].attr) === key) end++;
      const chars = row.slice(x, end);
      const text = chars.map((c) => c.ch).join('');
      if (text.trim()) {
        const fill = a.dim ? PALETTE.gray : (colour(a.fg) ?? PALETTE.fg);
        const xs = chars.map((_, i) => (PAD + (x + i) * CELL_W).toFixed(1)).join(' ');
        const weight = a.bold ? ' font-weight="bold"' : '';
        const glyphs = chars.map((c) => esc(c.ch || ' ')).join('');
        out.push(`<text x="${xs}" y="${baseline.toFixed(1)}" fill="${fill}"${weight}>${glyphs}</text>`);
      }
      x = end;
    }
  });
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}

const cells = await capture();
writeFileSync(`assets/${NAME}.svg`, svg(cells));
execFileSync('rsvg-convert', ['--zoom', '2', '-o', `assets/${NAME}.png`, `assets/${NAME}.svg`]);
process.stdout.write(`wrote assets/${NAME}.svg and assets/${NAME}.png\n`);
