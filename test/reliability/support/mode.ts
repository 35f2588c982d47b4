import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server-process';

/**
 * Short form (default, part of `npm test`) or long form (`npm run reliability`, which sets
 * OPSTAGE_RELIABILITY=long): the same tests with more agents, iterations and longer outages.
 */
export const LONG = process.env.OPSTAGE_RELIABILITY === 'long';

/** The short-form value, or the long-form one under `npm run reliability`. */
export function scale<T>(short: T, long: T): T {
  return LONG ? long : short;
}

/**
 * Prints the figures of a run and keeps them in test-output/reliability/<name>.json (the long
 * forms' figures are copied into docs/operations.md from there).
 */
export function report(name: string, figures: Record<string, unknown>): void {
  const dir = join(ROOT, 'test-output', 'reliability');
  mkdirSync(dir, { recursive: true });
  const record = { test: name, form: LONG ? 'long' : 'short', at: new Date().toISOString(), ...figures };
  writeFileSync(join(dir, `${name}${LONG ? '-long' : ''}.json`), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`reliability ${name} (${record.form}): ${JSON.stringify(figures)}\n`);
}

/** Resolves after `ms`. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
