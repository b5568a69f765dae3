// The VS Code face of NewsLens. It presents the core's newslens/1 analysis and never parses text
// itself. For now it offers one command, showing the analysis of the active article as JSON; the
// decorations, hovers and views arrive with the extension issue.
import * as vscode from 'vscode';
import { analyze } from '../core';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('newslens.showAnalysis', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('NewsLens: open an article (a text file) first.');
        return;
      }
      const doc = editor.document;
      const analysis = analyze(doc.getText(), { file: vscode.workspace.asRelativePath(doc.uri) });
      const json = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(analysis, null, 2) + '\n' });
      await vscode.window.showTextDocument(json, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}

export function deactivate(): void {
  // Nothing to release: every disposable is in context.subscriptions.
}
