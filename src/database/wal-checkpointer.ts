import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { isStorageFull, StorageGuard } from './storage-guard';

/** How often the background connection moves WAL pages into the database file. */
export const WAL_CHECKPOINT_INTERVAL_MS = 1000;
/** A log file larger than this is truncated once writing has calmed down (docs/operations.md). */
export const WAL_TRUNCATE_ABOVE_BYTES = 4 * 1024 * 1024;
/** "Calm": at most this many pages appended since the previous tick (about 256 KB/s). */
export const WAL_QUIET_PAGES_PER_TICK = 64;

/**
 * The checkpointer thread: its own connection to the same file, running PASSIVE checkpoints
 * (they never block the writer or readers). A checkpoint empties the log but not the file, so
 * after a burst the WAL would keep its high-water size for good; once the burst is over (few new
 * pages since the last tick, everything already copied) a TRUNCATE checkpoint gives the space
 * back. It is cheap then: nothing is left to copy, and it only resets the file; it never waits for
 * a reader (busy timeout 0), so it cannot hold up the app's writes. Plain JavaScript
 * evaluated in the worker, so the same code runs from the build and under the tests;
 * better-sqlite3 is passed as a resolved path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 5000 });
const walSize = () => { try { return statSync(workerData.path + '-wal').size; } catch { return 0; } };
let lastLog = 0;
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    const calm = r.log - lastLog <= workerData.quietPages;
    lastLog = r.log;
    if (calm && r.busy === 0 && r.log === r.checkpointed && walSize() > workerData.truncateAboveBytes) {
      // Without waiting: a TRUNCATE that waited for a reader would hold the write lock meanwhile
      // and stall the app's next write. Busy now means "try again on a later tick".
      db.pragma('busy_timeout = 0');
      try { lastLog = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy ? lastLog : 0; } finally { db.pragma('busy_timeout = 5000'); }
    }
  } catch (error) { parentPort.postMessage({ code: String(error && error.code || ''), message: String(error && error.message || error) }); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves SQLite's write-ahead-log checkpoints off the event loop. By default the connection that
 * commits the 1,000th WAL page copies the log into the database and syncs it inside that commit:
 * with a fleet's stream of liveness writes and audits that is a 5–35 ms stall several times a
 * second on the one thread that answers every request (bench/). The app's connection therefore
 * runs with `wal_autocheckpoint = 0` and a worker thread checkpoints once a second instead.
 * Closing the app's connection (the last one, the worker stops first) still checkpoints and
 * removes the log, as SQLite always does.
 */
@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('database');
  private worker: Worker | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageGuard,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const path = this.dataSource.options.database;
    if (this.dataSource.options.type !== 'better-sqlite3' || typeof path !== 'string' || path === ':memory:') return;
    await this.dataSource.query('PRAGMA wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        path,
        intervalMs: WAL_CHECKPOINT_INTERVAL_MS,
        truncateAboveBytes: WAL_TRUNCATE_ABOVE_BYTES,
        quietPages: WAL_QUIET_PAGES_PER_TICK,
      },
    });
    this.worker.on('message', (error: { code: string; message: string }) => {
      // A full disk fails every checkpoint: the storage guard reports it once, not every second.
      if (isStorageFull(error)) this.storage.refusedWrite('WAL checkpoint', error.message);
      else this.logger.warn({ msg: 'WAL checkpoint failed', error: error.message });
    });
    this.worker.on('error', (error) => this.logger.error({ msg: 'WAL checkpointer stopped', error: error.message }));
    this.worker.unref();
  }

  /** Before TypeORM closes the app's connection, so that close is the last one and checkpoints. */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // A worker still starting when the app closes may fail to open a file that is going away
    // with it (temporary data dirs): that is not an error of the running server, so it is not logged.
    worker.removeAllListeners('error').removeAllListeners('message');
    worker.on('error', () => undefined);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
    await worker.terminate();
  }
}
