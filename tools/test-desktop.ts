// The extension-host suite in desktop VS Code, for users with the network: @vscode/test-electron
// downloads VS Code (stable, or the version in NEWSLENS_VSCODE_VERSION) into .vscode-test/ and runs
// test/host inside it on a copy of seeds/. The same suite runs here in code-server (test-host.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO, workspaceCopy } from './host';

async function main(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'newslens-desktop-'));
  const folder = workspaceCopy(runDir);
  try {
    await runTests({
      version: process.env.NEWSLENS_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: join(REPO, 'out', 'test', 'host', 'index.js'),
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`desktop extension-host tests failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
