// Works where the manifest says it does: on a virtual file system (an article that is not on
// disk, read and exported through workspace.fs only) and in an untrusted workspace (restricted
// mode). Runs inside a real extension host; the untrusted case runs in a second window that
// tools/test-host.ts opens without workspace trust (it greps for "@untrusted").
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { hoverText } from './hovers';
import type { NewsLensApi } from '../../src/editor/extension';

const SEED = '000_8f484521c7ff1466.txt';
const SCHEME = 'newslens-memfs';

/** A file system that lives in memory: nothing of it is on disk, as with vscode.dev's providers. */
class MemoryFs implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: data.length };
    if (uri.path === '/' || [...this.files.keys()].some((p) => p.startsWith(uri.path.replace(/\/?$/, '/')))) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path.replace(/\/?$/, '/');
    return [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => [p.slice(prefix.length), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const data = this.readFile(from);
    this.files.delete(from.path);
    this.files.set(to.path, data);
  }
}

let api: NewsLensApi;

async function seedText(): Promise<string> {
  const root = vscode.workspace.workspaceFolders?.[0];
  assert.ok(root, 'the test opens a folder');
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root.uri, SEED)));
}


describe('where it runs', function () {
  this.timeout(120000);

  before(async () => {
    const ext = vscode.extensions.getExtension<NewsLensApi>('newslens.newslens');
    assert.ok(ext, 'the NewsLens extension is installed');
    api = await ext.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('annotates an article on a virtual file system and exports it there, through workspace.fs only', async () => {
    const fs = new MemoryFs();
    const registration = vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isCaseSensitive: true });
    try {
      const text = await seedText();
      const uri = vscode.Uri.from({ scheme: SCHEME, path: '/articles/summit.txt' });
      fs.files.set(uri.path, new TextEncoder().encode(text));
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await api.whenDrawn(doc);
      const analysis = api.analysisOf(doc);
      assert.ok(analysis, 'the article on the virtual file system is annotated');
      assert.ok((api.decorationsOf(editor)['direct'] ?? []).length > 0, 'its direct quotes are drawn');
      const at = doc.getText().indexOf('Lavrov');
      assert.match(await hoverText(doc, doc.positionAt(at + 2)), /Sergei Lavrov/, 'a hover on “Lavrov” names him');
      const target = vscode.Uri.from({ scheme: SCHEME, path: '/articles/summit.newslens.json' });
      await vscode.commands.executeCommand('newslens.export', 'json', target);
      const written = fs.files.get(target.path);
      assert.ok(written, 'the export was written to the virtual file system');
      const exported = JSON.parse(new TextDecoder().decode(written)) as { schema: string; quotes: unknown[] };
      assert.equal(exported.schema, 'newslens/1');
      assert.equal(exported.quotes.length, analysis.quotes.length, 'the export has every quote drawn');
    } finally {
      registration.dispose();
    }
  });

  // Run by tools/test-host.ts in a second window without workspace trust (test/host/index.ts).
  it('@untrusted annotates in an untrusted workspace (restricted mode)', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this window is in restricted mode');
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test opens a folder');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root.uri, SEED));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenDrawn(doc);
    assert.ok(api.analysisOf(doc), 'the article is annotated in restricted mode');
    assert.ok((api.decorationsOf(editor)['direct'] ?? []).length > 0, 'its direct quotes are drawn');
    const at = doc.getText().indexOf('Lavrov');
    assert.match(await hoverText(doc, doc.positionAt(at + 2)), /Sergei Lavrov/, 'a hover on “Lavrov” names him');
  });
});
