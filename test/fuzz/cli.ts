import 'reflect-metadata';
import { describeFailure, healthy, runFuzz } from './runner';

/**
 * `npm run fuzz -- --requests 100000 --seed 7` (defaults 20,000 and 1). `--only I` replays one
 * request of a run; `--concurrency C` sets requests in flight (default 8). Exit 1 on any finding.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): number | undefined => {
    const i = args.indexOf(`--${name}`);
    if (i === -1) return undefined;
    const value = Number(args[i + 1]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} needs a non-negative integer`);
    return value;
  };
  const seed = flag('seed') ?? 1;
  const report = await runFuzz({
    requests: flag('requests') ?? 20_000,
    seed,
    only: flag('only'),
    concurrency: flag('concurrency'),
    log: (l) => process.stdout.write(`${l}\n`),
  });
  for (const f of report.failures) process.stdout.write(`${describeFailure(seed, f)}\n`);
  for (const line of report.errorLogs) process.stdout.write(`server error log: ${line}\n`);
  const ok = report.failures.length === 0 && report.errorLogs.length === 0 && healthy(report);
  process.stdout.write(
    `fuzz: seed ${seed}, ${report.sent} requests over ${report.operations} operations in ${report.seconds.toFixed(1)} s; ` +
      `statuses ${JSON.stringify(report.byStatus)}; ${report.failures.length} failures, ${report.errorLogs.length} error log lines, health ${report.health.status}\n`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
