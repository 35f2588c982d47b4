import { readFile } from 'node:fs/promises';
import { boolFlag, expectPositionals, intFlag, stringFlag } from '../args.js';
import type { ApiClient } from '../client.js';
import { JSON_FLAG, type CommandContext, type CommandDef } from '../command.js';
import { CliError, EXIT, exitForStatus, usage, type ExitCode } from '../exit-codes.js';
import { json } from '../output.js';
import { summary, waitForCommand, type CommandView } from './wait.js';

const DEFAULT_TIMEOUT_S = 600;

/** `--payload '{"a":1}'` or `--payload @file.json`; it must be a JSON object. */
export async function readPayload(raw: string | undefined): Promise<Record<string, unknown>> {
  if (raw === undefined) return {};
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = await readFile(raw.slice(1), 'utf8');
    } catch (error) {
      throw usage(`--payload: cannot read ${raw.slice(1)}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usage(`--payload is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw usage('--payload must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** A service by id (`svc_…`) or by its exact code. */
async function resolveService(client: ApiClient, ref: string): Promise<string> {
  if (ref.startsWith('svc_')) return ref;
  const { data } = await client.call<{ id: string; code: string }[]>('GET', '/api/admin/capsule-services', {
    query: { q: ref, pageSize: 100 },
  });
  const match = data.find((s) => s.code === ref);
  if (!match) throw new CliError(`no service with code ${ref} (or the token may not see it)`, EXIT.REJECTED);
  return match.id;
}

/** Prints the outcome and turns it into the exit code (docs/api-tokens-and-cli.md, "Exit codes"). */
export function finish(ctx: CommandContext, cmd: CommandView, waited: boolean): ExitCode {
  if (boolFlag(ctx.args, 'json')) ctx.io.out(json(cmd));
  else ctx.io.out(summary(cmd));
  return waited ? exitForStatus(cmd.status) : EXIT.OK;
}

export const run: CommandDef = {
  path: ['run'],
  usage: 'opstage run <service> <action> [--payload JSON|@file] [--confirm] [--wait [--timeout S]] [--json]',
  summary: 'run an action; with --wait, follow it and exit with its outcome',
  flags: {
    payload: { type: 'string', description: 'the action input: a JSON object, or @path to a file holding one' },
    confirm: { type: 'boolean', description: 'confirm an action that requires it (HIGH danger or marked so)' },
    wait: { type: 'boolean', description: 'wait until the command is finished; exit code from its status' },
    timeout: { type: 'string', description: `seconds to wait at most (default ${DEFAULT_TIMEOUT_S})` },
    json: JSON_FLAG,
  },
  async run(ctx) {
    const [serviceRef, action] = expectPositionals(ctx.args, ['service', 'action']) as [string, string];
    const payload = await readPayload(stringFlag(ctx.args, 'payload'));
    const timeoutS = intFlag(ctx.args, 'timeout', DEFAULT_TIMEOUT_S, 86_400);
    if (stringFlag(ctx.args, 'timeout') !== undefined && !boolFlag(ctx.args, 'wait'))
      throw usage('--timeout only applies with --wait');
    const client = await ctx.client();
    const serviceId = await resolveService(client, serviceRef);
    const body: Record<string, unknown> = { payload };
    if (boolFlag(ctx.args, 'confirm')) body.confirmation = true;
    const { data } = await client.call<CommandView>(
      'POST',
      `/api/admin/capsule-services/${encodeURIComponent(serviceId)}/actions/${encodeURIComponent(action)}`,
      { body },
    );
    if (!boolFlag(ctx.args, 'wait')) return finish(ctx, data, false);
    const done = await waitForCommand(ctx, client, data.id, timeoutS * 1000);
    return finish(ctx, done, true);
  },
};
