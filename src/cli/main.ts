/**
 * `hubmon`: dispatches to a command from the table and turns its outcome into an exit code.
 * A user mistake is one line on stderr (exit 2); a known failure one line with its code; only an
 * unexpected crash gets a stack, and only with HUBMON_DEBUG=1.
 */
import { version } from '../../package.json';
import { redact } from '../core/util/redact';
import { UsageError } from './args';
import { CliFailure, ExitCode, wantsHelp, type CliCommand, type CliIo } from './command';
import { COMMANDS, findCommand } from './commands/index';

const USAGE = 'hubmon <command> [options]';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${USAGE}`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  --version   print the version',
    '  -h, --help  this help; hubmon <command> --help for a command\'s options',
    '',
    'Exit codes: 0 done, 1 failure, 2 bad usage, 3 authentication failed.',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    // No command at all is a usage mistake: the help goes to stderr with exit 2.
    (first === undefined ? io.stderr : io.stdout).write(topHelp());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version}\n`);
    return ExitCode.ok;
  }
  const command = findCommand(first);
  if (command === undefined) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    return usageError(io, `${what} (usage: ${USAGE}; commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  }
  return runCommand(command, rest, io);
}

async function runCommand(command: CliCommand, args: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(command.help);
    return ExitCode.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, `${error.message} (usage: ${command.synopsis}; see hubmon ${command.name} --help)`);
    if (error instanceof CliFailure) {
      io.stderr.write(`hubmon: ${redact(error.message)}\n`);
      return error.exitCode;
    }
    const text = error instanceof Error ? error.message : String(error);
    io.stderr.write(`hubmon: unexpected error: ${redact(text)}\n`);
    if (io.env.HUBMON_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${redact(error.stack)}\n`);
    return ExitCode.failure;
  }
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`hubmon: ${message}\n`);
  return ExitCode.usage;
}

/** Exits once output is flushed; a forgotten handle cannot keep a finished command alive. */
function exitWith(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}

if (require.main === module) {
  // Last-resort guards: a stray rejection or throw is one line and exit 1, never a stack dump.
  const crash = (error: unknown): void => {
    process.stderr.write(`hubmon: unexpected error: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(ExitCode.failure);
  };
  process.on('unhandledRejection', crash);
  process.on('uncaughtException', crash);
  // `hubmon watch | head`: the reader left, which is a normal way to stop.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(ExitCode.ok) : crash(error)));
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(exitWith, crash);
}
