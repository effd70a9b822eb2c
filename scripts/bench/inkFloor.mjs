// The floor for a first frame: a one-line Ink app bundled exactly as dist/cli.js is (same plugins,
// production React, minified). Its ratio to bare Node shows how much of our first-frame time is Ink's own.
import { build } from 'esbuild';
import { join } from 'node:path';
import { oneFileBuildOptions } from '../build.mjs';

const APP = `import React from 'react'; import { render, Text } from 'ink';
render(React.createElement(Text, null, 'Welcome'));`;

export async function buildInkFloor(repo, dir) {
  const outfile = join(dir, 'ink-floor.mjs');
  const { entryPoints: _entry, metafile: _meta, ...base } = oneFileBuildOptions(outfile);
  await build({ ...base, absWorkingDir: repo, stdin: { contents: APP, resolveDir: repo, loader: 'js' } });
  return outfile;
}
