import { usage } from './exit-codes.js';

/** A flag a command accepts: `boolean` flags take no value, `string` flags take exactly one. */
export interface FlagSpec {
  type: 'boolean' | 'string';
  /** Shown in help. */
  description: string;
}

export interface Parsed {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/**
 * A strict parser: unknown flags, missing values and repeated flags are usage errors (exit 2), so a typo never runs
 * something else. `--flag=value` and `--flag value` both work; `--` ends the flags.
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): Parsed {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1) throw usage(`unknown option ${arg} (options are --long)`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = spec[name];
    if (!flag) throw usage(`unknown option --${name}`);
    if (name in flags) throw usage(`--${name} given twice`);
    if (flag.type === 'boolean') {
      if (eq !== -1) throw usage(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw usage(`--${name} needs a value`);
    flags[name] = value;
  }
  return { positionals, flags };
}

export function stringFlag(parsed: Parsed, name: string): string | undefined {
  const value = parsed.flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function boolFlag(parsed: Parsed, name: string): boolean {
  return parsed.flags[name] === true;
}

/** A positive whole number flag (`--timeout 60`), or the fallback. */
export function intFlag(parsed: Parsed, name: string, fallback: number, max: number): number {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw usage(`--${name} must be a whole number from 1 to ${max}`);
  return Number(raw);
}

/** Exactly `count` positionals named `names`, or a usage error. */
export function expectPositionals(parsed: Parsed, names: readonly string[]): string[] {
  if (parsed.positionals.length !== names.length) {
    const want = names.map((n) => `<${n}>`).join(' ');
    throw usage(
      parsed.positionals.length < names.length
        ? `missing ${want}`
        : `unexpected ${parsed.positionals.slice(names.length).join(' ')}`,
    );
  }
  return parsed.positionals;
}
