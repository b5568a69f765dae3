// The extension's settings, read in one place (names and defaults live in package.json).
import * as vscode from 'vscode';
import type { Category } from '../present/view';

/** The setting under `newslens.show.` for each decoration category. */
export const CATEGORY_SETTINGS: Readonly<Record<Category, string>> = {
  speaker: 'speakers',
  direct: 'directQuotes',
  indirect: 'reportedSpeech',
  mixed: 'mixedQuotes',
  cue: 'cues',
  credit: 'credits',
  anonymous: 'anonymousSources',
  boilerplate: 'boilerplate',
};

export interface Settings {
  enable: boolean;
  include: string[];
  exclude: string[];
  detectProse: boolean;
  maxFileSize: number;
  debounce: number;
  statusBar: boolean;
  followCursor: boolean;
  show: Record<Category, boolean>;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('newslens', scope);
  const show = {} as Record<Category, boolean>;
  for (const [category, key] of Object.entries(CATEGORY_SETTINGS) as [Category, string][]) {
    show[category] = c.get<boolean>(`show.${key}`, true);
  }
  const strings = (key: string, fallback: string[]): string[] => {
    const value = c.get<unknown>(key, fallback);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
  };
  const number = (key: string, fallback: number, min: number): number => {
    const value = c.get<unknown>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, value) : fallback;
  };
  return {
    enable: c.get<boolean>('enable', true),
    include: strings('files.include', ['**/*.txt']),
    exclude: strings('files.exclude', []),
    detectProse: c.get<boolean>('files.detectProse', true),
    maxFileSize: number('maxFileSize', 300000, 1000),
    debounce: number('debounce', 300, 0),
    statusBar: c.get<boolean>('statusBar.enable', true),
    followCursor: c.get<boolean>('sources.followCursor', true),
    show,
  };
}
