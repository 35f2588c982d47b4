import type { ApiClient } from '../client.js';
import type { CommandContext } from '../command.js';
import { TERMINAL } from '../exit-codes.js';

export interface CommandView {
  id: string;
  serviceId: string;
  actionName: string;
  status: string;
  createdByType?: string;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  completedAt: string | null;
  durationMs: number | null;
  serviceCode?: string | null;
  result?: { success: boolean; message: string | null; data: Record<string, unknown> } | null;
}

/**
 * Reads the command until it is terminal or `timeoutMs` passed, printing each status change (and a dot per
 * unchanged read) to stderr; returns the last view read.
 */
export async function waitForCommand(
  ctx: CommandContext,
  client: ApiClient,
  commandId: string,
  timeoutMs: number,
): Promise<CommandView> {
  const now = (): number => ctx.now();
  const started = now();
  let last = '';
  for (;;) {
    const { data } = await client.call<CommandView>('GET', `/api/admin/commands/${encodeURIComponent(commandId)}`);
    const seconds = ((now() - started) / 1000).toFixed(1);
    if (data.status !== last) {
      ctx.io.err(`${last === '' ? '' : '\n'}${commandId}: ${data.status} (${seconds} s)`);
      last = data.status;
    } else ctx.io.err('.');
    if (TERMINAL.has(data.status) || now() - started >= timeoutMs) {
      ctx.io.err('\n');
      return data;
    }
    await ctx.sleep(ctx.pollMs);
  }
}

/** One human line for a finished (or still open) command. */
export function summary(cmd: CommandView): string {
  const took = cmd.durationMs === null ? '' : ` in ${cmd.durationMs} ms`;
  const error = cmd.errorCode ? ` ${cmd.errorCode}${cmd.errorMessage ? `: ${cmd.errorMessage}` : ''}` : '';
  const message = cmd.result?.message ? ` — ${cmd.result.message}` : '';
  return `${cmd.id} ${cmd.actionName} ${cmd.status}${took}${error}${message}\n`;
}
