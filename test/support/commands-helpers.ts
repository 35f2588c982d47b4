import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Response } from 'supertest';
import { CommandNotifier } from '../../src/commands/command-notifier';
import { asAgent } from './http';

export interface AgentCommand {
  id: string;
  type: string;
  actionName: string;
  status: string;
  payload: Record<string, unknown>;
  startedAt: string | null;
}

/** Runs a supertest request now (supertest only sends when `then` is called). */
export function start(test: PromiseLike<Response>): Promise<Response> {
  return Promise.resolve(test);
}

export async function poll(server: Server, agentId: string, token: string, query = ''): Promise<Response> {
  return start(asAgent(server, token).get(`/api/agents/${agentId}/commands${query}`));
}

export async function report(
  server: Server,
  agentId: string,
  token: string,
  commandId: string,
  body: object,
): Promise<Response> {
  return start(asAgent(server, token).post(`/api/agents/${agentId}/commands/${commandId}/result`, body));
}

/** Waits until `n` long-poll/prepare subscriptions are open in the notifier. */
export async function waitForSubscribers(app: INestApplication, n: number, timeoutMs = 3000): Promise<void> {
  const notifier = app.get(CommandNotifier);
  const until = Date.now() + timeoutMs;
  while (notifier.size() < n) {
    if (Date.now() > until) throw new Error(`expected ${n} subscribers, have ${notifier.size()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A one-shot fake agent: long-polls once and answers the first command with `answer(cmd)`. */
export async function answerNext(
  server: Server,
  agentId: string,
  token: string,
  answer: (cmd: AgentCommand) => object,
): Promise<AgentCommand> {
  const res = await poll(server, agentId, token, '?waitSeconds=10');
  const cmds = (res.body as { data: AgentCommand[] }).data;
  const cmd = cmds[0];
  if (!cmd) throw new Error(`no command delivered: ${JSON.stringify(res.body)}`);
  const out = await report(server, agentId, token, cmd.id, answer(cmd));
  if (out.status !== 200) throw new Error(`result rejected: ${out.status} ${JSON.stringify(out.body)}`);
  return cmd;
}
