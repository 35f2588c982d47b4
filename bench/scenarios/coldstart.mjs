// Scenario 4: process spawn -> first 200 from /api/system/health (build excluded: dist/ is prebuilt).
import { makeDataDir, startOpstage } from '../lib/server.mjs';
import { median, round } from '../lib/stats.mjs';
import { rmSync } from 'node:fs';

export async function coldStart(cfg, log) {
  const fresh = [];
  const warm = [];
  const dataDir = makeDataDir();
  try {
    // The reused data dir is created once, unmeasured; then fresh and existing-DB starts alternate so
    // both see the same machine load.
    // It also runs long enough for the production entry to write its code cache, as a server that has
    // run once in production has (docs/performance.md, "Start-up").
    const first = await startOpstage({ dataDir });
    await new Promise((r) => setTimeout(r, 7000));
    await first.stop({ removeData: false });
    for (let i = 0; i < cfg.runs; i++) {
      // Empty data dir: includes creating the DB, running migrations and hashing the bootstrap owner.
      const a = await startOpstage();
      fresh.push(a.coldStartMs);
      await a.stop();
      const b = await startOpstage({ dataDir });
      warm.push(b.coldStartMs);
      await b.stop({ removeData: false });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const result = {
    runs: cfg.runs,
    freshMs: fresh.map((v) => round(v, 0)),
    existingDbMs: warm.map((v) => round(v, 0)),
    freshMedianMs: round(median(fresh), 0),
    existingDbMedianMs: round(median(warm), 0),
  };
  log(
    `  cold start median: empty data dir ${result.freshMedianMs} ms, existing DB ${result.existingDbMedianMs} ms (runs ${JSON.stringify(result.freshMs)} / ${JSON.stringify(result.existingDbMs)})`,
  );
  return result;
}
