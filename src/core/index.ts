export * from './model';
export { analyze, type AnalyzeOptions } from './analyze';
export { IncrementalAnalyzer, type UpdateStats } from './incremental';
