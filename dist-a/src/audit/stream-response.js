"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.streamToResponse = streamToResponse;
/**
 * Writes chunks in order, waiting for `drain` whenever the socket buffer is full, so a slow
 * client slows the database reads instead of growing memory. Stops pulling if the client leaves.
 */
async function streamToResponse(res, chunks) {
    for await (const chunk of chunks) {
        if (res.destroyed)
            break;
        if (!res.write(chunk))
            await drainedOrClosed(res);
    }
    if (!res.destroyed && !res.writableEnded)
        res.end();
}
function drainedOrClosed(res) {
    return new Promise((resolve) => {
        const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
        };
        res.on('drain', done);
        res.on('close', done);
    });
}
//# sourceMappingURL=stream-response.js.map