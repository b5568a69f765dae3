// Builds the bundles users run (dist/) and the test files mocha runs (out/).
// dist/cli.js: the command line, one file with compromise inside, runnable with plain `node`.
// dist/extension.js: the extension for the desktop and remote (Node) extension host; it runs
//   analyses in dist/worker.js (a worker thread with the core and compromise), so the build fails
//   if compromise ends up in dist/extension.js (activation would load it).
// dist/web/extension.js: the same source for the browser (web worker) extension host; the build
//   fails if anything in it needs a Node built-in.
// out/: every source, test and tool file transpiled one-to-one (not bundled), so mocha reports real
//   file names and the host tests load the compiled suite.
// --production (used by `vsce package`) minifies dist/ and leaves out source maps.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: true,
};

const builds = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/platform/node.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    // The first and last things the bundle does: note when loading began and ended, so that the
    // activation time the extension reports (loading its code plus activate(), without the host's
    // own work in between) is what VS Code's own figure counts.
    banner: { js: '"use strict";\nvar __newslensLoadStart = typeof performance === "object" ? performance.now() : undefined;' },
    footer: { js: 'var __newslensLoadEnd = typeof performance === "object" ? performance.now() : undefined;' },
    external: ['vscode'],
    metafile: true,
  },
  {
    ...common,
    entryPoints: ['src/worker/node.ts'],
    outfile: 'dist/worker.js',
    format: 'cjs',
  },
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/platform/web.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    bundle: false,
    minify: false,
    sourcemap: true,
    entryPoints: [...walk('src'), ...walk('test'), ...walk('tools')],
    outdir: 'out',
    outbase: '.',
    format: 'cjs',
  },
];

if (process.argv.includes('--clean')) rmSync('out', { recursive: true, force: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  // `npm run bench` reads what each bundle is made of from these.
  const metaDir = process.env.NEWSLENS_METAFILE_DIR;
  builds.forEach((b, i) => {
    if (metaDir && b.outfile) writeFileSync(join(metaDir, b.outfile.replaceAll('/', '_') + '.json'), JSON.stringify(results[i].metafile));
  });
  const extension = results[builds.findIndex((b) => b.outfile === 'dist/extension.js')];
  const inside = Object.keys(extension.metafile.inputs).filter((f) => f.includes('node_modules/compromise'));
  if (inside.length > 0) {
    console.error(`dist/extension.js must not contain the analysis (it runs in dist/worker.js), but has:\n  ${inside.slice(0, 5).join('\n  ')}`);
    process.exit(1);
  }
}
