/**
 * Exit codes of `opstage` (docs/api-tokens-and-cli.md, "Exit codes"). Scripts branch on them, so they never change
 * meaning; new ones are appended.
 */
export const EXIT = {
  /** Done; for `run --wait` the command SUCCEEDED. */
  OK: 0,
  /** Anything unexpected: the server answered 5xx, the network failed, a file could not be written. */
  ERROR: 1,
  /** Bad flags or arguments (nothing was sent). */
  USAGE: 2,
  /** Not logged in, or the token is unknown, expired or revoked (401), or throttled (429). */
  AUTH: 3,
  /** The token may not do this: role, session-only route or outside its scope (403). */
  FORBIDDEN: 4,
  /** The server refused the request: not found, validation, conflict (other 4xx). */
  REJECTED: 5,
  /** `run --wait`: the command FAILED. */
  COMMAND_FAILED: 10,
  /** `run --wait`: the command was CANCELLED. */
  COMMAND_CANCELLED: 11,
  /** `run --wait`: the command EXPIRED (the agent never finished it in time). */
  COMMAND_EXPIRED: 12,
  /** `run --wait --timeout`: still open when the CLI stopped waiting (the command keeps running). */
  WAIT_TIMEOUT: 13,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for a command's final status. */
export function exitForStatus(status: string): ExitCode {
  switch (status) {
    case 'SUCCEEDED':
      return EXIT.OK;
    case 'FAILED':
      return EXIT.COMMAND_FAILED;
    case 'CANCELLED':
      return EXIT.COMMAND_CANCELLED;
    case 'EXPIRED':
      return EXIT.COMMAND_EXPIRED;
    default:
      return EXIT.WAIT_TIMEOUT;
  }
}

/** Terminal statuses: waiting stops there. */
export const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED']);

/** An error with the exit code the process ends with; `message` goes to stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usage = (message: string): CliError => new CliError(message, EXIT.USAGE);
