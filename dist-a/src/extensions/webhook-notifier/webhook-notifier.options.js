"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_WEBHOOK_EVENTS = exports.WEBHOOK_OPTIONS = exports.WEBHOOK_NOTIFIER_NAME = void 0;
exports.resolveWebhookOptions = resolveWebhookOptions;
const index_1 = require("../index");
exports.WEBHOOK_NOTIFIER_NAME = 'webhook-notifier';
exports.WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
/** Events sent when `OPSTAGE_WEBHOOK_EVENTS` is empty: the ones an operator must hear about. */
exports.DEFAULT_WEBHOOK_EVENTS = ['agent.offline', 'agent.online', 'service.health.changed', 'command.failed'];
/** Validates at boot so a typo in OPSTAGE_WEBHOOK_EVENTS refuses to start instead of staying silent. */
function resolveWebhookOptions(options) {
    const fail = (problem) => {
        throw new index_1.ExtensionError(exports.WEBHOOK_NOTIFIER_NAME, problem);
    };
    const names = options.events ?? [];
    const unknown = names.filter((n) => !(0, index_1.isOpstageEventName)(n));
    if (unknown.length > 0)
        fail(`OPSTAGE_WEBHOOK_EVENTS has unknown event(s) ${unknown.join(', ')}; choose from ${index_1.OPSTAGE_EVENT_NAMES.join(', ')}.`);
    if (options.url !== undefined && !/^https?:\/\//i.test(options.url))
        fail('OPSTAGE_WEBHOOK_URL must be an http(s) URL.');
    const positive = (value, fallback, label) => {
        const v = value ?? fallback;
        return Number.isFinite(v) && v > 0 ? v : fail(`${label} must be a positive number.`);
    };
    return {
        url: options.url,
        secret: options.secret,
        events: new Set(names.length > 0 ? names.filter(index_1.isOpstageEventName) : exports.DEFAULT_WEBHOOK_EVENTS),
        maxAttempts: Math.floor(positive(options.maxAttempts, 3, 'maxAttempts')),
        backoffMs: positive(options.backoffMs, 500, 'backoffMs'),
        timeoutMs: positive(options.timeoutMs, 5000, 'timeoutMs'),
        queueLimit: Math.floor(positive(options.queueLimit, 1000, 'queueLimit')),
    };
}
//# sourceMappingURL=webhook-notifier.options.js.map