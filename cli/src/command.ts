import type { FlagSpec, Parsed } from './args.js';
import type { ApiClient } from './client.js';
import type { Environment } from './config.js';
import type { ExitCode } from './exit-codes.js';
import type { Io } from './output.js';

/** What a command gets: its parsed arguments, the output, the environment and a client on demand. */
export interface CommandContext {
  args: Parsed;
  io: Io;
  env: Environment;
  /** The logged-in client (throws exit 3 when there is no login). */
  client(): Promise<ApiClient>;
  fetchImpl: typeof fetch;
  /** Milliseconds between status reads while waiting (tests shorten it). */
  pollMs: number;
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch (tests pin it). */
  now(): number;
  readStdin(): Promise<string>;
}

export interface CommandDef {
  /** e.g. `['commands', 'ls']`. */
  path: readonly string[];
  usage: string;
  summary: string;
  flags: Readonly<Record<string, FlagSpec>>;
  run(ctx: CommandContext): Promise<ExitCode>;
}

export const JSON_FLAG: FlagSpec = { type: 'boolean', description: 'print the API answer as JSON' };
