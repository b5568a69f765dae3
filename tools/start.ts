// `npm start`: NewsLens in a real VS Code. Installs code-server and what it needs once (setup.ts),
// packages the extension (.vsix) and installs it, then serves the workbench on a fresh copy of the
// seeds/ folder (so trying it never edits the repository's files) with the seed article open, and
// prints the local address to open in a browser. Ctrl+C stops it.
//
//   NEWSLENS_PORT   port to listen on (default 8740; a free one if that is taken)
//   NEWSLENS_FOLDER folder to open instead (used as it is, not copied)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO, startServer } from './host';
import { ensureHost, log } from './setup';

async function main(): Promise<void> {
  const host = ensureHost();
  const state = join(REPO, '.newslens-tmp', 'start');
  const extensions = join(state, 'extensions');
  mkdirSync(extensions, { recursive: true });

  log('packaging the extension (npm run package)');
  execFileSync('npm', ['run', '-s', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = join(REPO, 'newslens.vsix');
  log('installing it into code-server');
  execFileSync(
    host.node,
    [host.codeServer, '--extensions-dir', extensions, '--user-data-dir', join(state, 'user-data'), '--force', '--install-extension', vsix],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PATH: `${host.nodeBin}:${process.env.PATH ?? ''}` } },
  );

  const folder = process.env.NEWSLENS_FOLDER
    ? resolve(process.env.NEWSLENS_FOLDER)
    : (rmSync(join(state, 'seeds'), { recursive: true, force: true }), cpSync(join(REPO, 'seeds'), join(state, 'seeds'), { recursive: true }), join(state, 'seeds'));
  const port = Number(process.env.NEWSLENS_PORT ?? 8740);
  const server = await startServer(host, { runDir: state, extensionsDir: extensions, port });
  const article = readdirSync(folder).find((f) => f.endsWith('.txt'));
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (article && existsSync(join(folder, article))) {
    payload.push(['openFile', `vscode-remote://127.0.0.1:${server.port}${join(folder, article)}`]);
  }
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  process.stdout.write(
    `\nNewsLens is running in VS Code (code-server) on ${folder}` +
      (process.env.NEWSLENS_FOLDER ? '.\n' : ',\na fresh copy of seeds/: edits and exports there do not touch the repository.\n') +
      `Open this address in a browser:\n\n  ${url}\n\n` +
      `(or just ${server.url}/ and open a .txt article). Press Ctrl+C to stop.\n`,
  );
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
