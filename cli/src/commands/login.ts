import { boolFlag, expectPositionals, stringFlag } from '../args.js';
import { ApiClient } from '../client.js';
import type { CommandDef } from '../command.js';
import { removeLogin, writeLogin } from '../config.js';
import { EXIT, usage } from '../exit-codes.js';

const TOKEN_PREFIX = 'opstage_api_';

export const login: CommandDef = {
  path: ['login'],
  usage: 'opstage login --url <server> [--token-stdin | --token <token>]',
  summary: 'check a token against the server and store both in a 0600 file',
  flags: {
    url: { type: 'string', description: 'server address, e.g. https://opstage.example.com (or OPSTAGE_URL)' },
    token: { type: 'string', description: 'the API token (visible in the process list; prefer --token-stdin)' },
    'token-stdin': { type: 'boolean', description: 'read the token from standard input' },
  },
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const url = stringFlag(ctx.args, 'url') ?? ctx.env.OPSTAGE_URL;
    if (!url) throw usage('--url is required (or set OPSTAGE_URL)');
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw usage('--url must be an http:// or https:// address');
    const fromFlag = stringFlag(ctx.args, 'token');
    if (fromFlag !== undefined && boolFlag(ctx.args, 'token-stdin'))
      throw usage('give --token or --token-stdin, not both');
    const token =
      (boolFlag(ctx.args, 'token-stdin') ? (await ctx.readStdin()).trim() : fromFlag) ?? ctx.env.OPSTAGE_TOKEN;
    if (!token) throw usage('no token: pass --token-stdin (or --token, or set OPSTAGE_TOKEN)');
    if (!token.startsWith(TOKEN_PREFIX)) throw usage(`an API token starts with ${TOKEN_PREFIX}`);
    // Any token may list services (a scoped one sees its own), so this proves the token without side effects.
    await new ApiClient(url, token, ctx.fetchImpl).call('GET', '/api/admin/capsule-services', {
      query: { pageSize: 1 },
    });
    const path = await writeLogin(ctx.env, { url, token });
    ctx.io.err(`logged in to ${url}; token stored in ${path}\n`);
    return EXIT.OK;
  },
};

export const logout: CommandDef = {
  path: ['logout'],
  usage: 'opstage logout',
  summary: 'forget the stored login (the token stays valid until revoked)',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.args, []);
    const path = await removeLogin(ctx.env);
    ctx.io.err(`removed ${path}\n`);
    return EXIT.OK;
  },
};
