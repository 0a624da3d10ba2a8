/** The command table's contract: each `hubmon` command is one file exporting a CliCommand. */

/** 0 done, 1 anything else, 2 bad usage, 3 authentication failed. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, auth: 3 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** What a command may touch of its process: injected so main.ts owns process-wide concerns. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** One line, e.g. "hubmon demo [--port N] [--json]", shown with every usage error. */
  readonly synopsis: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Resolves with the exit code; throws UsageError (exit 2) or CliFailure for a known failure. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A failure the command already explained: one line (no "hubmon:" prefix) and its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** True when `args` asks for help: main prints the command's help before it parses anything. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
