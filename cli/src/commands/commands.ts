import { boolFlag, expectPositionals, intFlag, stringFlag } from '../args.js';
import { JSON_FLAG, type CommandDef } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { json, table } from '../output.js';
import { finish } from './run.js';
import { waitForCommand, type CommandView } from './wait.js';

const path = (id: string): string => `/api/admin/commands/${encodeURIComponent(id)}`;

export const commandsLs: CommandDef = {
  path: ['commands', 'ls'],
  usage: 'opstage commands ls [--status S[,S]] [--service svc_…] [--action NAME] [--limit N] [--json]',
  summary: 'list recent commands, newest first',
  flags: {
    status: {
      type: 'string',
      description: 'PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED or EXPIRED (comma-separated)',
    },
    service: { type: 'string', description: 'only this service id' },
    action: { type: 'string', description: 'only this action name' },
    limit: { type: 'string', description: 'at most this many (default 20, max 100)' },
    json: JSON_FLAG,
  },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const client = await ctx.client();
    const { data } = await client.call<CommandView[]>('GET', '/api/admin/commands', {
      query: {
        status: stringFlag(ctx.args, 'status'),
        serviceId: stringFlag(ctx.args, 'service'),
        actionName: stringFlag(ctx.args, 'action'),
        pageSize: intFlag(ctx.args, 'limit', 20, 100),
      },
    });
    if (boolFlag(ctx.args, 'json')) ctx.io.out(json(data));
    else
      ctx.io.out(
        table(data, [
          { header: 'ID', value: (c) => c.id },
          { header: 'SERVICE', value: (c) => c.serviceCode ?? c.serviceId },
          { header: 'ACTION', value: (c) => c.actionName },
          { header: 'STATUS', value: (c) => c.status },
          { header: 'BY', value: (c) => c.createdByType },
          { header: 'CREATED', value: (c) => c.createdAt },
          { header: 'ERROR', value: (c) => c.errorCode },
        ]),
      );
    return EXIT.OK;
  },
};

export const commandsShow: CommandDef = {
  path: ['commands', 'show'],
  usage: 'opstage commands show <command-id> [--json]',
  summary: 'one command with its result (one-time fields stay redacted)',
  flags: { json: JSON_FLAG },
  async run(ctx) {
    const [id] = expectPositionals(ctx.args, ['command-id']) as [string];
    const { data } = await (await ctx.client()).call<CommandView>('GET', path(id));
    if (boolFlag(ctx.args, 'json')) {
      ctx.io.out(json(data));
      return EXIT.OK;
    }
    const lines: [string, string | number | null | undefined][] = [
      ['id', data.id],
      ['service', data.serviceCode ? `${data.serviceCode} (${data.serviceId})` : data.serviceId],
      ['action', data.actionName],
      ['status', data.status],
      ['created by', data.createdByType],
      ['created', data.createdAt],
      ['completed', data.completedAt],
      ['duration ms', data.durationMs],
      ['error', data.errorCode ? `${data.errorCode}: ${data.errorMessage ?? ''}` : null],
      ['result', data.result ? `${data.result.success ? 'success' : 'failure'} ${data.result.message ?? ''}` : null],
    ];
    ctx.io.out(
      table(lines, [
        { header: 'FIELD', value: (l) => l[0] },
        { header: 'VALUE', value: (l) => l[1] },
      ]),
    );
    if (data.result && Object.keys(data.result.data).length > 0) ctx.io.out(json(data.result.data));
    return EXIT.OK;
  },
};

export const commandsCancel: CommandDef = {
  path: ['commands', 'cancel'],
  usage: 'opstage commands cancel <command-id> [--json]',
  summary: 'cancel an open command',
  flags: { json: JSON_FLAG },
  async run(ctx) {
    const [id] = expectPositionals(ctx.args, ['command-id']) as [string];
    const { data } = await (await ctx.client()).call<CommandView>('POST', `${path(id)}/cancel`);
    return finish(ctx, data, false);
  },
};

export const commandsRetry: CommandDef = {
  path: ['commands', 'retry'],
  usage: 'opstage commands retry <command-id> [--confirm] [--wait [--timeout S]] [--json]',
  summary: 'run a finished command again (a new command; the checks run again)',
  flags: {
    confirm: { type: 'boolean', description: 'confirm an action that requires it' },
    wait: { type: 'boolean', description: 'wait for the new command; exit code from its status' },
    timeout: { type: 'string', description: 'seconds to wait at most (default 600)' },
    json: JSON_FLAG,
  },
  async run(ctx) {
    const [id] = expectPositionals(ctx.args, ['command-id']) as [string];
    const timeoutS = intFlag(ctx.args, 'timeout', 600, 86_400);
    const client = await ctx.client();
    const body = boolFlag(ctx.args, 'confirm') ? { confirmation: true } : {};
    const { data } = await client.call<CommandView>('POST', `${path(id)}/retry`, { body });
    if (!boolFlag(ctx.args, 'wait')) return finish(ctx, data, false);
    return finish(ctx, await waitForCommand(ctx, client, data.id, timeoutS * 1000), true);
  },
};
