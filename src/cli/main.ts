// The command line: `node dist/cli.js <command> [options]` (installed as `newslens`).
// Exit status: 0 success, 1 some input failed, 2 usage error.

import { version } from '../../package.json';
import { runAnnotate } from './annotate';
import { runEval } from './eval-cmd';
import { isAnnotateWorker } from './pool';

const USAGE = `Usage: newslens <command> [options]

Finds who said what in news articles.

Commands:
  annotate [options] PATH...  annotate .txt articles (or folders of them)
  eval [options]              score the analysis against gold annotations

Options:
  -h, --help     show this help
  -v, --version  show the version

Run 'newslens <command> --help' or 'newslens help <command>' for the options
of a command.
`;

const HINT = "Run 'newslens --help' for usage.";

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case '-h':
    case '--help':
      return help(undefined);
    case 'help':
      return help(rest[0]);
    case '-v':
    case '--version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'annotate':
      return runAnnotate(rest);
    case 'eval':
      return runEval(rest);
    case undefined:
      return usageError('missing command (annotate or eval)');
    default:
      return usageError(command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`);
  }
}

/** `newslens help [COMMAND]`: the general help, or that command's own. */
function help(topic: string | undefined): number | Promise<number> {
  switch (topic) {
    case undefined:
      process.stdout.write(USAGE);
      return 0;
    case 'annotate':
      return runAnnotate(['--help']);
    case 'eval':
      return runEval(['--help']);
    default:
      return usageError(`no help for '${topic}' (commands: annotate, eval)`);
  }
}

function usageError(message: string): number {
  process.stderr.write(`newslens: ${message}\n${HINT}\n`);
  return 2;
}

/** A reader that stops early (`| head`) is not an error; other write errors get one line. */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') crash(error);
  process.exit(process.exitCode ?? 0);
}

/** Never a stack trace for users; NEWSLENS_DEBUG=1 shows it. */
function crash(error: unknown): void {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`newslens: internal error: ${message}\n`);
  if (process.env.NEWSLENS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}

// dist/cli.js is also the script of annotate's worker threads (pool.ts), which only serve jobs.
if (!isAnnotateWorker()) {
  process.stdout.on('error', onStdoutError);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, crash);
}
