export * from './model';
export { analyze, type AnalyzeOptions } from './analyze';
