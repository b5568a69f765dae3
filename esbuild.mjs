// Builds the bundles users run (dist/) and the test files mocha runs (out/).
// dist/cli.js: the command line, one file with compromise inside, runnable with plain `node`.
// dist/extension.js: the extension for the desktop and remote (Node) extension host.
// dist/web/extension.js: the same source for the browser (web worker) extension host; the build
//   fails if anything in it needs a Node built-in.
// out/: every source, test and tool file transpiled one-to-one (not bundled), so mocha reports real
//   file names and the host tests load the compiled suite.
// --production (used by `vsce package`) minifies dist/ and leaves out source maps.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
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
    entryPoints: ['src/editor/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/editor/extension.ts'],
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
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
