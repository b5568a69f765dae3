// A real VS Code for the checks and for `npm start`: code-server (VS Code 1.139 in the browser)
// on Node 24, driven by Debian's chromium through playwright-core. The recipe and its pitfalls are
// in ../shared/design/REAL_HOST.md; the installs are in setup.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { log, type Host } from './setup';

export const REPO = resolve(__dirname, '..', '..');

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'editor.hover.delay': 300,
  // Articles are paragraphs on one line each: wrapped, they can be read (and seen by the UI test).
  'editor.wordWrap': 'on',
  // Built-in extensions that scan every document opened in the extension host (a 10 MB article:
  // 50-60 ms of its thread at once, with or without NewsLens): off, so that the responsiveness
  // test measures NewsLens's own holds of that thread (test/host/responsive.test.ts).
  'git.enabled': false,
  'merge-conflict.codeLens.enabled': false,
  'merge-conflict.decorators.enabled': false,
};

export interface Server {
  url: string;
  port: number;
  /** This run's own folder (user data, temp files, the workspace copy). */
  runDir: string;
  /** stderr and stdout of code-server, for a failure report. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.once('error', () => resolveFree(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolveFree(true)));
  });
}

async function waitFor(url: string, ms: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with status ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000} s`);
}

/** The environment of code-server and chromium: everything they write stays in the run folder. */
function runEnv(host: Host, runDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, dir] of [
    ['TMPDIR', 'tmp'],
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CACHE_HOME', 'cache'],
  ] as const) {
    env[key] = join(runDir, dir);
    mkdirSync(env[key]!, { recursive: true });
  }
  env.PATH = `${host.nodeBin}:${process.env.PATH ?? ''}`;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Starts code-server on a free local port, its state in a fresh folder. */
export async function startServer(
  host: Host,
  opts: {
    runDir?: string;
    extensionsDir?: string;
    port?: number;
    /** Workspace trust on, and folders not trusted: the window opens in restricted mode. */
    untrusted?: boolean;
    /** Extra environment for code-server and so for the extension host (the host suite reads it). */
    env?: Record<string, string>;
  } = {},
): Promise<Server> {
  const runDir = opts.runDir ?? mkdtempSync(join(tmpdir(), 'newslens-host-'));
  const port = opts.port !== undefined && (await portIsFree(opts.port)) ? opts.port : await freePort();
  const userData = join(runDir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settings = opts.untrusted
    ? { ...USER_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
    : USER_SETTINGS;
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = join(runDir, 'code-server.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const extensionsDir = opts.extensionsDir ?? join(runDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    host.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.untrusted ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--config', config,
    '--reconnection-grace-time', '10',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  let output = '';
  const child = spawn(host.node, args, { env: { ...runEnv(host, runDir), ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // gone
          }
          r(undefined);
        }, 3000);
        child.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
    if (!opts.runDir) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/healthz`, 60000, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { url, port, runDir, output: () => output, stop };
}

/** A copy of seeds/ for a run, so tests that edit or export never touch the repository. */
export function workspaceCopy(runDir: string, name = 'workspace'): string {
  const dir = join(runDir, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(REPO, 'seeds'), dir, { recursive: true });
  return dir;
}

/**
 * The extension as a web extension only: its manifest without `main` and with extensionKind
 * ["web"], beside dist/web/ and media/. The workbench then runs dist/web/extension.js in its web
 * worker extension host (as vscode.dev would), not in the Node extension host.
 */
export function webExtensionCopy(runDir: string): string {
  const dir = join(runDir, 'web-extension');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  cpSync(join(REPO, 'dist', 'web'), join(dir, 'dist', 'web'), { recursive: true });
  cpSync(join(REPO, 'media'), join(dir, 'media'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.main;
  manifest.extensionKind = ['web'];
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export interface WorkbenchOptions {
  folder: string;
  /** Loads the extension from the repository (an "[Extension Development Host]"). */
  development?: boolean;
  /** Loads the extension from this folder instead of the repository (see webExtensionCopy). */
  extensionPath?: string;
  /** Compiled extension-host test index to run (implies development). */
  testsPath?: string;
  /** A file to open at start. */
  openFile?: string;
  onLog?: (line: string) => void;
  onExit?: (code: number) => void;
}

export interface Workbench {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Opens the workbench in headless chromium. */
export async function openWorkbench(host: Host, server: Server, opts: WorkbenchOptions): Promise<Workbench> {
  const profile = mkdtempSync(join(server.runDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: host.chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: runEnv(host, server.runDir) as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = context.pages()[0] ?? (await context.newPage());
  const { format } = await import('node:util');
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    opts.onLog?.(format(...(Array.isArray(args) ? args : [args])));
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    opts.onExit?.(code);
  });
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (opts.development || opts.testsPath || opts.extensionPath) {
    payload.push(['extensionDevelopmentPath', remote(opts.extensionPath ?? REPO)]);
  }
  if (opts.testsPath) payload.push(['extensionTestsPath', remote(opts.testsPath)]);
  if (opts.openFile) payload.push(['openFile', remote(opts.openFile)]);
  const url = `${server.url}/?folder=${encodeURIComponent(opts.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export { log };
