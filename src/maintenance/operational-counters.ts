import { TERMINAL_STATUSES } from '../commands/command-state';

/**
 * Names of the persisted CountersService keys this module reads or writes. The commands module
 * owns the first three; the sweep adds `commands.pruned.<STATUS>` so that "commands by outcome"
 * stays monotonic (rows still in the table + rows retention deleted) for Prometheus counters.
 */
export const COUNTER_KEYS = {
  polls: 'agent.polls',
  heartbeats: 'agent.heartbeats',
  dispatched: 'commands.dispatched',
  oversized: 'commands.results.oversized',
  prunedPrefix: 'commands.pruned.',
} as const;

/** The commands module's terminal statuses (one definition, src/commands/command-state.ts). */
export const TERMINAL_OUTCOMES = TERMINAL_STATUSES;

/** Terminal commands ever seen per status: current rows plus rows pruned by retention. */
export function commandOutcomeTotals(
  byStatus: Record<string, number>,
  counters: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const status of TERMINAL_OUTCOMES)
    out[status] = (byStatus[status] ?? 0) + (counters[`${COUNTER_KEYS.prunedPrefix}${status}`] ?? 0);
  return out;
}
