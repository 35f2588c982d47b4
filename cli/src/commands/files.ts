import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { expectPositionals, stringFlag } from '../args.js';
import type { CommandContext, CommandDef } from '../command.js';
import { CliError, EXIT, usage } from '../exit-codes.js';

/** Streams a download to `--output` (created 0600: backups and audit logs are sensitive) or to stdout. */
async function save(
  ctx: CommandContext,
  res: Response,
  output: string | undefined,
  fallbackName: string,
): Promise<string> {
  if (!res.body) throw new CliError('the server sent an empty answer', EXIT.ERROR);
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  const target = output ?? fallbackName;
  if (target === '-') {
    await pipeline(body, process.stdout, { end: false });
    return 'stdout';
  }
  try {
    await pipeline(body, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
  } catch (error) {
    throw new CliError(`cannot write ${target}: ${(error as Error).message}`, EXIT.ERROR);
  }
  return target;
}

function attachmentName(res: Response, fallback: string): string {
  const match = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '');
  const name = match?.[1] ?? fallback;
  // Only a plain file name in the current folder, whatever the header says.
  return /^[A-Za-z0-9._-]+$/.test(name) ? name : fallback;
}

export const auditExport: CommandDef = {
  path: ['audit', 'export'],
  usage: 'opstage audit export [--format json|csv] [--from ISO] [--to ISO] [--action A] [--output FILE|-]',
  summary: 'download the audit log (operator token); to stdout with --output -',
  flags: {
    format: { type: 'string', description: 'json (default) or csv' },
    from: { type: 'string', description: 'from this time (ISO-8601)' },
    to: { type: 'string', description: 'up to this time (ISO-8601)' },
    action: { type: 'string', description: 'only this action, e.g. command.created' },
    'actor-type': { type: 'string', description: 'USER, AGENT, SYSTEM or API_TOKEN' },
    output: { type: 'string', description: 'file to create (must not exist), or - for stdout' },
  },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const format = stringFlag(ctx.args, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw usage('--format must be json or csv');
    const res = await (
      await ctx.client()
    ).download('GET', '/api/admin/audit-events/export', {
      format,
      from: stringFlag(ctx.args, 'from'),
      to: stringFlag(ctx.args, 'to'),
      action: stringFlag(ctx.args, 'action'),
      actorType: stringFlag(ctx.args, 'actor-type'),
    });
    const where = await save(ctx, res, stringFlag(ctx.args, 'output'), attachmentName(res, `audit.${format}`));
    ctx.io.err(`audit log written to ${where}\n`);
    return EXIT.OK;
  },
};

export const backup: CommandDef = {
  path: ['backup'],
  usage: 'opstage backup [--output FILE]',
  summary: 'download a consistent SQLite backup (operator token, unscoped)',
  flags: { output: { type: 'string', description: 'file to create (must not exist); default: the server’s name' } },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const res = await (await ctx.client()).download('POST', '/api/admin/backup/sqlite');
    const where = await save(ctx, res, stringFlag(ctx.args, 'output'), attachmentName(res, 'opstage-backup.sqlite'));
    ctx.io.err(`backup written to ${where}\n`);
    return EXIT.OK;
  },
};
