import { boolFlag, expectPositionals, intFlag, stringFlag } from '../args.js';
import { JSON_FLAG, type CommandDef } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { json, table } from '../output.js';

interface Service {
  id: string;
  code: string;
  name: string;
  status: string;
  healthStatus?: string | null;
  agentId?: string | null;
  version?: string | null;
}

interface Agent {
  id: string;
  code: string;
  name: string;
  status: string;
  version?: string | null;
  lastHeartbeatAt?: string | null;
}

export const servicesLs: CommandDef = {
  path: ['services', 'ls'],
  usage: 'opstage services ls [--label key:value] [--status STATUS] [--limit N] [--json]',
  summary: 'list Capsule Services (a scoped token sees only its own)',
  flags: {
    label: { type: 'string', description: 'manifest labels, key:value[,key:value] (all must match)' },
    status: { type: 'string', description: 'effective status, e.g. HEALTHY or UNHEALTHY,OFFLINE' },
    limit: { type: 'string', description: 'at most this many (default 100, max 100)' },
    json: JSON_FLAG,
  },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const client = await ctx.client();
    const { data } = await client.call<Service[]>('GET', '/api/admin/capsule-services', {
      query: {
        label: stringFlag(ctx.args, 'label'),
        status: stringFlag(ctx.args, 'status'),
        pageSize: intFlag(ctx.args, 'limit', 100, 100),
      },
    });
    if (boolFlag(ctx.args, 'json')) ctx.io.out(json(data));
    else
      ctx.io.out(
        table(data, [
          { header: 'ID', value: (s) => s.id },
          { header: 'CODE', value: (s) => s.code },
          { header: 'STATUS', value: (s) => s.status },
          { header: 'HEALTH', value: (s) => s.healthStatus },
          { header: 'VERSION', value: (s) => s.version },
          { header: 'NAME', value: (s) => s.name },
        ]),
      );
    return EXIT.OK;
  },
};

export const agentsLs: CommandDef = {
  path: ['agents', 'ls'],
  usage: 'opstage agents ls [--status STATUS] [--limit N] [--json]',
  summary: 'list agents',
  flags: {
    status: { type: 'string', description: 'e.g. ONLINE or OFFLINE' },
    limit: { type: 'string', description: 'at most this many (default 100, max 100)' },
    json: JSON_FLAG,
  },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const client = await ctx.client();
    const { data } = await client.call<Agent[]>('GET', '/api/admin/agents', {
      query: { status: stringFlag(ctx.args, 'status'), pageSize: intFlag(ctx.args, 'limit', 100, 100) },
    });
    if (boolFlag(ctx.args, 'json')) ctx.io.out(json(data));
    else
      ctx.io.out(
        table(data, [
          { header: 'ID', value: (a) => a.id },
          { header: 'CODE', value: (a) => a.code },
          { header: 'STATUS', value: (a) => a.status },
          { header: 'VERSION', value: (a) => a.version },
          { header: 'LAST HEARTBEAT', value: (a) => a.lastHeartbeatAt },
        ]),
      );
    return EXIT.OK;
  },
};
