// The core runs in the desktop extension host, in vscode.dev and in the CLI, so src/core/ must not
// import 'vscode' nor any Node built-in, nor touch Node globals (process, Buffer, require...).
// src/present/ (what the editor and the CLI show of an analysis) runs in the same three places and
// follows the same rule. src/editor/ needs the VS Code API, but it is also bundled as a web
// extension (dist/web/extension.js), so it may import 'vscode' and nothing Node-only.
// Checked on the TypeScript syntax tree, so comments and strings never count.

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

interface Violation {
  file: string;
  line: number;
  what: string;
}

const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
const BUILTINS = new Set(builtinModules);

interface Rules {
  /** src/editor/ may use the VS Code API; src/core/ and src/present/ may not. */
  allowVscode: boolean;
}

const PURE: Rules = { allowVscode: false };

function forbiddenModule(specifier: string, rules: Rules): string | null {
  if (specifier === 'vscode') return rules.allowVscode ? null : 'the VS Code API';
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) {
    return 'a Node built-in';
  }
  return null;
}

/** The module named by an import, export, import-equals, dynamic import or import type. */
function moduleSpecifier(node: ts.Node): string | null {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : null;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const e = node.moduleReference.expression;
    return ts.isStringLiteral(e) ? e.text : null;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [arg] = node.arguments;
    return arg && ts.isStringLiteralLike(arg) ? arg.text : null;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
    return node.argument.literal.text;
  }
  return null;
}

/** True when the identifier refers to a variable, not a property name (`x.process`, `{ process: 1 }`). */
function isGlobalReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) {
    return ts.isIdentifier(parent.expression) && GLOBAL_OBJECTS.has(parent.expression.text);
  }
  const named =
    ts.isPropertyAssignment(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent);
  return !(named && parent.name === id) && !(ts.isQualifiedName(parent) && parent.right === id);
}

function findViolations(file: string, source: string, rules: Rules = PURE): Violation[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Violation[] = [];
  const line = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    const specifier = moduleSpecifier(node);
    const why = specifier === null ? null : forbiddenModule(specifier, rules);
    if (why) found.push({ file, line: line(node), what: `imports '${specifier}' (${why})` });
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isGlobalReference(node)) {
      found.push({ file, line: line(node), what: `uses ${node.text} (Node only)` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'core'))) return dir;
  }
  throw new Error(`no repository root above ${start}`);
}

/** Every violation in the .ts files under src/<folder>, one a line, after asserting there are files. */
function folderReport(folder: string, rules: Rules): string[] {
  const root = findRoot(__dirname);
  const dir = join(root, 'src', folder);
  assert.ok(existsSync(dir), `src/${folder} is missing`);
  const files = walk(dir);
  assert.ok(files.length > 0, `no .ts files under src/${folder}`);
  return files
    .flatMap((path) => findViolations(relative(root, path), readFileSync(path, 'utf8'), rules))
    .map((v) => `${v.file}:${v.line}: ${v.what}`);
}

describe('purity of src/core, src/present and src/editor', () => {
  it('src/core imports neither vscode nor Node built-ins and uses no Node globals', () => {
    const report = folderReport('core', PURE);
    assert.equal(report.length, 0, `src/core must run in a browser too:\n${report.join('\n')}`);
  });

  it('src/present imports neither vscode nor Node built-ins and uses no Node globals', () => {
    const report = folderReport('present', PURE);
    assert.equal(
      report.length,
      0,
      `src/present is shared by the CLI, the desktop extension and the web extension, so it must be as pure as src/core:\n${report.join('\n')}`,
    );
  });

  it('src/editor imports no Node built-in and uses no Node globals (vscode is allowed)', () => {
    const report = folderReport('editor', { allowVscode: true });
    assert.equal(
      report.length,
      0,
      `src/editor is also bundled as a web extension (dist/web/extension.js), where Node built-ins and globals do not exist:\n${report.join('\n')}`,
    );
  });

  describe('the checker', () => {
    const check = (source: string, rules: Rules = PURE): string[] =>
      findViolations('x.ts', source, rules).map((v) => `${v.line}: ${v.what}`);

    it('catches imports of vscode and Node built-ins in every form', () => {
      const source = [
        "import { readFileSync } from 'fs';",
        "import * as vscode from 'vscode';",
        "export * from 'node:path';",
        "import os = require('os');",
        "const c = await import('crypto');",
        "type P = import('fs/promises').FileHandle;",
        "import type { Readable } from 'stream';",
      ].join('\n');
      assert.deepEqual(check(source), [
        "1: imports 'fs' (a Node built-in)",
        "2: imports 'vscode' (the VS Code API)",
        "3: imports 'node:path' (a Node built-in)",
        "4: imports 'os' (a Node built-in)",
        "5: imports 'crypto' (a Node built-in)",
        "6: imports 'fs/promises' (a Node built-in)",
        "7: imports 'stream' (a Node built-in)",
      ]);
    });

    it('catches Node globals', () => {
      const source = [
        'if (process.env.X) {}',
        "const b = Buffer.from('x');",
        "const m = require('./m');",
        'const p = globalThis.process;',
        'let q: Buffer;',
      ].join('\n');
      assert.deepEqual(check(source), [
        '1: uses process (Node only)',
        '2: uses Buffer (Node only)',
        '3: uses require (Node only)',
        '4: uses process (Node only)',
        '5: uses Buffer (Node only)',
      ]);
    });

    it('ignores comments, strings, property names and relative imports', () => {
      const source = [
        "import { analyze } from './analyze';",
        "import nlp from 'compromise';",
        '// process.env and require( in a comment; Buffer too',
        "const words = 'the process. of a Buffer, require(x)';",
        'const o = { process: 1, require: 2 };',
        'const n = o.process + o.require;',
        'interface I { Buffer: string }',
      ].join('\n');
      assert.deepEqual(check(source), []);
    });

    it('lets the editor import vscode but still catches Node built-ins and globals there', () => {
      const source = [
        "import * as vscode from 'vscode';",
        "import type { Uri } from 'vscode';",
        "import { readFile } from 'node:fs/promises';",
        'const home = process.env.HOME;',
        'const w = vscode.window;',
      ].join('\n');
      assert.deepEqual(check(source, { allowVscode: true }), [
        "3: imports 'node:fs/promises' (a Node built-in)",
        '4: uses process (Node only)',
      ]);
    });
  });
});
