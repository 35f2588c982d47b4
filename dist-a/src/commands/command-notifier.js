"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InMemoryCommandNotifier = exports.CommandNotifier = void 0;
/**
 * In-process wake-ups for long-polls (per agent) and prepare requests (per command), decision
 * 27. Abstract so a PostgreSQL LISTEN/NOTIFY implementation can replace it when several
 * replicas share one database: `notify*` would then also `pg_notify`, and a listener would
 * call the local fan-out.
 */
class CommandNotifier {
}
exports.CommandNotifier = CommandNotifier;
const TICK_MS = 50;
class Subscription {
    owner;
    key;
    signalled = false;
    deadline = Number.POSITIVE_INFINITY;
    resolver;
    closed = false;
    onAbort;
    signal;
    constructor(owner, key) {
        this.owner = owner;
        this.key = key;
    }
    wait(timeoutMs, signal) {
        if (this.signalled) {
            this.signalled = false;
            return Promise.resolve(true);
        }
        if (this.closed || signal?.aborted || timeoutMs <= 0)
            return Promise.resolve(false);
        return new Promise((resolve) => {
            this.resolver = resolve;
            this.deadline = this.owner.nowMs() + timeoutMs;
            this.owner.arm(this);
            if (signal) {
                this.signal = signal;
                this.onAbort = () => this.settle(false);
                signal.addEventListener('abort', this.onAbort, { once: true });
            }
        });
    }
    /** Called by the notifier: wake a waiter, or latch the signal for the next `wait`. */
    fire() {
        if (this.resolver)
            this.settle(true);
        else
            this.signalled = true;
    }
    settle(value) {
        const resolve = this.resolver;
        this.resolver = undefined;
        this.deadline = Number.POSITIVE_INFINITY;
        this.owner.disarm(this);
        if (this.signal && this.onAbort)
            this.signal.removeEventListener('abort', this.onAbort);
        this.signal = undefined;
        this.onAbort = undefined;
        resolve?.(value);
    }
    get waiting() {
        return this.resolver !== undefined;
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.settle(false);
        this.owner.remove(this);
    }
}
/**
 * Single-process notifier. Waiters live in maps keyed by agent or command id, so a wake-up
 * costs one map lookup. Timeouts are handled by ONE shared ticker that runs only while
 * someone is waiting (no timer per waiting agent, no database polling).
 */
class InMemoryCommandNotifier extends CommandNotifier {
    clockMs;
    subscriptions = new Map();
    armed = new Set();
    ticker;
    constructor(clockMs = () => Date.now()) {
        super();
        this.clockMs = clockMs;
    }
    nowMs() {
        return this.clockMs();
    }
    notifyAgent(agentId) {
        this.fire(`agent:${agentId}`);
    }
    notifyCommand(commandId) {
        this.fire(`command:${commandId}`);
    }
    subscribeAgent(agentId) {
        return this.subscribe(`agent:${agentId}`);
    }
    subscribeCommand(commandId) {
        return this.subscribe(`command:${commandId}`);
    }
    size() {
        let n = 0;
        for (const set of this.subscriptions.values())
            n += set.size;
        return n;
    }
    releaseAll() {
        for (const set of [...this.subscriptions.values()])
            for (const sub of [...set])
                sub.close();
        this.stopTicker();
    }
    /** Before the HTTP server and the database close, so held polls answer promptly. */
    onModuleDestroy() {
        this.releaseAll();
    }
    arm(sub) {
        this.armed.add(sub);
        if (!this.ticker) {
            this.ticker = setInterval(() => this.tick(), TICK_MS);
            this.ticker.unref();
        }
    }
    disarm(sub) {
        this.armed.delete(sub);
        if (this.armed.size === 0)
            this.stopTicker();
    }
    remove(sub) {
        const set = this.subscriptions.get(sub.key);
        if (!set)
            return;
        set.delete(sub);
        if (set.size === 0)
            this.subscriptions.delete(sub.key);
    }
    subscribe(key) {
        const sub = new Subscription(this, key);
        let set = this.subscriptions.get(key);
        if (!set) {
            set = new Set();
            this.subscriptions.set(key, set);
        }
        set.add(sub);
        return sub;
    }
    /**
     * Wakes every subscriber of the key. Several polls of one agent all wake; the conditional
     * claim decides which of them gets the command, the others wait again.
     */
    fire(key) {
        const set = this.subscriptions.get(key);
        if (!set)
            return;
        for (const sub of [...set])
            sub.fire();
    }
    tick() {
        const now = this.nowMs();
        for (const sub of [...this.armed])
            if (sub.waiting && sub.deadline <= now)
                sub.settle(false);
    }
    stopTicker() {
        if (this.ticker)
            clearInterval(this.ticker);
        this.ticker = undefined;
    }
}
exports.InMemoryCommandNotifier = InMemoryCommandNotifier;
//# sourceMappingURL=command-notifier.js.map