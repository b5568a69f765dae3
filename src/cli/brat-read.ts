// The brat reader moved to src/present/brat-read.ts (pure: the editor and the CLI share it); this
// module keeps the CLI's old import path working.
export * from '../present/brat-read';
