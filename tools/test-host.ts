// The real-host half of `npm test`: installs what it needs once (setup.ts), starts code-server,
// runs the extension-host suite (test/host) inside it, then the browser test (test/ui) that uses
// the workbench like a person. Exits non-zero if anything fails.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { openWorkbench, REPO, startServer, workspaceCopy, type Server } from './host';
import { ensureHost, log, type Host } from './setup';

const HOST_SUITE_TIMEOUT = 25 * 60 * 1000;

async function runHostSuite(host: Host, server: Server): Promise<number> {
  const folder = workspaceCopy(server.runDir);
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  const started = Date.now();
  const workbench = await openWorkbench(host, server, {
    folder,
    testsPath: join(REPO, 'out', 'test', 'host', 'index.js'),
    onLog: (line) => process.stdout.write(line.endsWith('\n') ? line : line + '\n'),
    onExit: (code) => resolveExit(code),
  });
  const timer = setTimeout(() => resolveExit(124), HOST_SUITE_TIMEOUT);
  const code = await exited;
  clearTimeout(timer);
  if (code === 124) log(`the extension-host suite did not finish within ${HOST_SUITE_TIMEOUT / 60000} min`);
  await workbench.close();
  log(`extension-host suite: exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

/** The host suite's "@untrusted" tests, in a window with workspace trust on and the folder not trusted. */
async function runUntrusted(host: Host, runDir: string): Promise<number> {
  const dir = join(runDir, 'untrusted');
  mkdirSync(dir, { recursive: true });
  const server = await startServer(host, { runDir: dir, untrusted: true, env: { NEWSLENS_UNTRUSTED: '1', NEWSLENS_HOST_GREP: '@untrusted' } });
  try {
    log('extension-host suite, restricted mode (workspace not trusted):');
    return await runHostSuite(host, server);
  } finally {
    await server.stop();
  }
}

async function runUiTest(server: Server): Promise<number> {
  process.env.NEWSLENS_SERVER = JSON.stringify({ url: server.url, port: server.port, runDir: server.runDir });
  const mocha = new Mocha({ ui: 'bdd', timeout: 120000, reporter: 'spec' });
  mocha.addFile(join(REPO, 'out', 'test', 'ui', 'workbench.test.js'));
  return new Promise((resolve) => mocha.run((failures) => resolve(failures)));
}

async function main(): Promise<void> {
  if (process.env.NEWSLENS_SKIP_HOST === '1') {
    log('NEWSLENS_SKIP_HOST=1: skipped the extension-host suite and the browser test');
    return;
  }
  const host = ensureHost();
  const runDir = join(REPO, '.newslens-tmp', `host-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const server = await startServer(host, { runDir });
  let failed = false;
  try {
    const which = process.argv[2];
    if (which !== 'ui') failed = (await runHostSuite(host, server)) !== 0 || failed;
    if (which !== 'ui') failed = (await runUntrusted(host, runDir)) !== 0 || failed;
    if (which !== 'suite') failed = (await runUiTest(server)) !== 0 || failed;
  } finally {
    await server.stop();
    if (!failed) rmSync(runDir, { recursive: true, force: true });
    else log(`kept ${runDir} for a look; code-server said:\n${server.output().slice(-3000)}`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
