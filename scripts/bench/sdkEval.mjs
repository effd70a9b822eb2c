// Which AWS SDK packages are evaluated before a given moment: an instrumented twin of dist/cli.js marks
// every @aws-sdk/* and @smithy/* module as it is initialised, and writes the list when the process exits.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { oneFileBuildOptions } from '../build.mjs';

const SDK = /node_modules[\\/]((?:@aws-sdk|@smithy)[\\/][^\\/]+)[\\/].*\.(?:m?js|cjs)$/;

const markSdk = {
  name: 'mark-sdk',
  setup(b) {
    b.onLoad({ filter: SDK }, async (args) => {
      const pkg = SDK.exec(args.path)[1].replace(/\\/g, '/');
      const source = await readFile(args.path, 'utf8');
      return { contents: `(globalThis.__cbsSdk ??= new Set()).add(${JSON.stringify(pkg)});\n${source}`, loader: 'js', resolveDir: join(args.path, '..') };
    });
  },
};

export async function buildSdkProbe(repo, dir) {
  const outfile = join(dir, 'cli-sdk-probe.mjs');
  const base = oneFileBuildOptions(outfile);
  await build({
    ...base,
    absWorkingDir: repo,
    metafile: false,
    plugins: [...base.plugins, markSdk],
    banner: {
      js: `${base.banner.js}\nprocess.on('exit', () => { if (process.env.CBS_SDK_PROBE) require('node:fs').writeFileSync(process.env.CBS_SDK_PROBE, JSON.stringify([...(globalThis.__cbsSdk ?? [])])); });`,
    },
  });
  return outfile;
}
