import { parseArgs } from './args.js';
import { ApiClient } from './client.js';
import type { CommandContext, CommandDef } from './command.js';
import { commandsCancel, commandsLs, commandsRetry, commandsShow } from './commands/commands.js';
import { auditExport, backup } from './commands/files.js';
import { agentsLs, servicesLs } from './commands/lists.js';
import { login, logout } from './commands/login.js';
import { run } from './commands/run.js';
import { resolveLogin, type Environment } from './config.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './output.js';

export const VERSION = '0.5.0';

export const COMMANDS: readonly CommandDef[] = [
  login,
  logout,
  servicesLs,
  agentsLs,
  run,
  commandsLs,
  commandsShow,
  commandsCancel,
  commandsRetry,
  auditExport,
  backup,
];

export interface CliDeps {
  io: Io;
  env: Environment;
  fetchImpl?: typeof fetch;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  readStdin?: () => Promise<string>;
}

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  const lines = COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    `opstage ${VERSION}: the Opstage CE command line (docs/api-tokens-and-cli.md)`,
    '',
    'usage: opstage <command> [options]    opstage <command> --help',
    '',
    ...lines,
    '',
    'The server and token come from `opstage login`, or OPSTAGE_URL and OPSTAGE_TOKEN.',
    'Exit codes: 0 ok, 1 error, 2 usage, 3 not authenticated, 4 forbidden, 5 rejected,',
    '10 command failed, 11 cancelled, 12 expired, 13 still running when --timeout ended.',
    '',
  ].join('\n');
}

function commandHelp(cmd: CommandDef): string {
  const flags = Object.entries(cmd.flags).map(
    ([name, f]) => `  --${name}${f.type === 'string' ? ' <value>' : ''}\n      ${f.description}`,
  );
  return [`usage: ${cmd.usage}`, '', cmd.summary, '', ...(flags.length ? ['options:', ...flags, ''] : [])].join('\n');
}

/** Finds the longest command path that prefixes argv. */
function find(argv: readonly string[]): { cmd: CommandDef; rest: string[] } | null {
  const matches = COMMANDS.filter((c) => c.path.every((p, i) => argv[i] === p));
  const best = matches.sort((a, b) => b.path.length - a.path.length)[0];
  return best ? { cmd: best, rest: argv.slice(best.path.length) } : null;
}

const readAll = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Runs one invocation; never throws: every failure is a message on stderr and an exit code. */
export async function main(argv: readonly string[], deps: CliDeps): Promise<ExitCode> {
  const { io } = deps;
  try {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      io.out(help());
      return argv.length === 0 ? EXIT.USAGE : EXIT.OK;
    }
    if (argv[0] === '--version' || argv[0] === 'version') {
      io.out(`${VERSION}\n`);
      return EXIT.OK;
    }
    const found = find(argv);
    if (!found) {
      io.err(`opstage: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${help()}`);
      return EXIT.USAGE;
    }
    if (found.rest.includes('--help')) {
      io.out(commandHelp(found.cmd));
      return EXIT.OK;
    }
    const fetchImpl = deps.fetchImpl ?? fetch;
    const ctx: Omit<CommandContext, 'args'> = {
      io,
      env: deps.env,
      fetchImpl,
      pollMs: deps.pollMs ?? 1000,
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      readStdin: deps.readStdin ?? readAll,
      now: deps.now ?? Date.now,
      client: async () => {
        const login = await resolveLogin(deps.env);
        return new ApiClient(login.url, login.token, fetchImpl);
      },
    };
    try {
      return await found.cmd.run({ ...ctx, args: parseArgs(found.rest, found.cmd.flags) });
    } catch (error) {
      if (error instanceof CliError && error.exitCode === EXIT.USAGE)
        throw new CliError(`${error.message}\nusage: ${found.cmd.usage}`, EXIT.USAGE);
      throw error;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`opstage: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`opstage: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.ERROR;
  }
}
