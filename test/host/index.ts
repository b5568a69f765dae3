// The extension-host suite's entry: VS Code (desktop through @vscode/test-electron, or code-server
// through tools/test-host.ts) loads this file inside a real extension host and awaits run().
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.NEWSLENS_HOST_GREP;
  if (grep) mocha.grep(grep);
  // "@untrusted" tests need a window in restricted mode: tools/test-host.ts runs them in one.
  else if (process.env.NEWSLENS_UNTRUSTED !== '1') mocha.grep('@untrusted').invert();
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(__dirname, name));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
