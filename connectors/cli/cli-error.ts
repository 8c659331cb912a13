// Exit codes and the one error type the CLI turns into a message instead of a stack trace.

export const EXIT = {
  ok: 0,
  /** The config or the input is wrong. */
  invalid: 1,
  usage: 2,
  /** The run finished but some records were skipped. */
  skipped: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalid,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
