import type { Response } from 'express';

/**
 * Writes chunks in order, waiting for `drain` whenever the socket buffer is full, so a slow
 * client slows the database reads instead of growing memory. Stops pulling if the client leaves.
 */
export async function streamToResponse(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) break;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed && !res.writableEnded) res.end();
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
