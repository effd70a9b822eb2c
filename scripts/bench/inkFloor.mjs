// The floor for a first frame: a one-line Ink app bundled as dist/cli.js is (production React, minified).
// Its ratio to bare Node shows how much of our first-frame time is Ink's own and how much is ours.
import { build } from 'esbuild';
import { join } from 'node:path';

const APP = `import React from 'react'; import { render, Text } from 'ink';
render(React.createElement(Text, null, 'Welcome'));`;

export async function buildInkFloor(repo, dir) {
  const outfile = join(dir, 'ink-floor.mjs');
  await build({
    stdin: { contents: APP, resolveDir: repo, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'no-devtools',
        setup(b) {
          b.onResolve({ filter: /^react-devtools-core$|^\.\/devtools\.js$/ }, () => ({ path: 'x', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};', loader: 'js' }));
        },
      },
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
