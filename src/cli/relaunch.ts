// A batch with a worker on every CPU runs best with V8's single-threaded garbage collection: the
// helper threads of parallel collection only take CPU time from the other workers (`npm run
// bench`: 2 workers on 2 CPUs did 1.5-1.65x the work of one pinned to one CPU with it, 1.8-2.0x
// without it). V8 flags cannot be given to worker threads nor set in a running process (setting
// this one there crashes V8), so such a run starts this command again in a Node process with the
// flag, sharing its standard streams, and passes on its exit status.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const BATCH_V8_FLAGS: readonly string[] = ['--single-threaded-gc'];

/**
 * Runs this command again in a new Node process with the V8 flags given added to this one's
 * options, stdin, stdout and stderr the same. Resolves with its exit status (128 + the signal's
 * number when a signal ended it), or null when this process already has the flags or the new one
 * could not be started (the caller then goes on itself).
 */
export function relaunchWith(flags: readonly string[]): Promise<number | null> {
  if (flags.every((f) => process.execArgv.includes(f))) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
    // Ctrl-C reaches both processes (one process group): this one waits for the other to stop.
    // A signal sent to this process alone is passed on.
    const ignore = (): void => {};
    const pass = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', pass);
    process.on('SIGHUP', pass);
    const done = (code: number | null): void => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', pass);
      process.off('SIGHUP', pass);
      resolve(code);
    };
    child.on('error', () => done(null));
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}
