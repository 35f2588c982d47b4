"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TERMINAL_OUTCOMES = exports.COUNTER_KEYS = void 0;
exports.commandOutcomeTotals = commandOutcomeTotals;
/**
 * Names of the persisted CountersService keys this module reads or writes. The commands module
 * owns the first three; the sweep adds `commands.pruned.<STATUS>` so that "commands by outcome"
 * stays monotonic (rows still in the table + rows retention deleted) for Prometheus counters.
 */
exports.COUNTER_KEYS = {
    polls: 'agent.polls',
    heartbeats: 'agent.heartbeats',
    dispatched: 'commands.dispatched',
    oversized: 'commands.results.oversized',
    prunedPrefix: 'commands.pruned.',
};
exports.TERMINAL_OUTCOMES = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
/** Terminal commands ever seen per status: current rows plus rows pruned by retention. */
function commandOutcomeTotals(byStatus, counters) {
    const out = {};
    for (const status of exports.TERMINAL_OUTCOMES)
        out[status] = (byStatus[status] ?? 0) + (counters[`${exports.COUNTER_KEYS.prunedPrefix}${status}`] ?? 0);
    return out;
}
//# sourceMappingURL=operational-counters.js.map