"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppLogger = void 0;
const redact_1 = require("../redaction/redact");
const ORDER = { error: 0, warn: 1, info: 2, debug: 3 };
/** Writes one JSON object per line to stdout/stderr, redacting before anything leaves the process. */
class AppLogger {
    level;
    write;
    constructor(level = 'info', write = defaultWrite) {
        this.level = level;
        this.write = write;
    }
    log(message, ...rest) {
        this.emit('info', message, rest);
    }
    error(message, ...rest) {
        this.emit('error', message, rest);
    }
    warn(message, ...rest) {
        this.emit('warn', message, rest);
    }
    debug(message, ...rest) {
        this.emit('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.emit('debug', message, rest);
    }
    emit(level, message, rest) {
        if (ORDER[level] > ORDER[this.level])
            return;
        // Nest passes the context as the last string argument.
        const context = typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
        const entry = { time: new Date().toISOString(), level };
        if (context)
            entry.context = context;
        if (message instanceof Error) {
            entry.msg = (0, redact_1.redactString)(message.message);
            entry.stack = message.stack ? (0, redact_1.redactString)(message.stack) : undefined;
        }
        else if (typeof message === 'object' && message !== null) {
            Object.assign(entry, (0, redact_1.redact)(message));
        }
        else {
            entry.msg = (0, redact_1.redactString)(String(message));
        }
        const extra = rest.filter((r) => r !== undefined);
        if (extra.length > 0)
            entry.extra = (0, redact_1.redact)(extra);
        this.write(JSON.stringify(entry), level === 'error');
    }
}
exports.AppLogger = AppLogger;
function defaultWrite(line, isError) {
    (isError ? process.stderr : process.stdout).write(line + '\n');
}
//# sourceMappingURL=app-logger.js.map