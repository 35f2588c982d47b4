import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './exit-codes.js';

/** What `opstage login` stores. */
export interface StoredLogin {
  url: string;
  token: string;
}

export interface Environment {
  OPSTAGE_URL?: string;
  OPSTAGE_TOKEN?: string;
  XDG_CONFIG_HOME?: string;
  HOME?: string;
}

/** `$XDG_CONFIG_HOME/opstage/config.json`, else `~/.config/opstage/config.json`. */
export function configPath(env: Environment): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0
      ? env.XDG_CONFIG_HOME
      : join(env.HOME ?? homedir(), '.config');
  return join(base, 'opstage', 'config.json');
}

export async function readLogin(env: Environment): Promise<StoredLogin | null> {
  let text: string;
  try {
    text = await readFile(configPath(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { url, token } = parsed as Record<string, unknown>;
  return typeof url === 'string' && typeof token === 'string' ? { url, token } : null;
}

/**
 * Writes the file readable by its owner only (0600, its folder 0700): it holds a secret. The mode is set on
 * creation and again after, because an existing file keeps its old mode on write.
 */
export async function writeLogin(env: Environment, login: StoredLogin): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

export async function removeLogin(env: Environment): Promise<string> {
  const path = configPath(env);
  await rm(path, { force: true });
  return path;
}

/** The server and token to use: `OPSTAGE_URL` / `OPSTAGE_TOKEN` override the stored login, field by field. */
export async function resolveLogin(env: Environment): Promise<StoredLogin> {
  const stored = await readLogin(env);
  const url = env.OPSTAGE_URL || stored?.url;
  const token = env.OPSTAGE_TOKEN || stored?.token;
  if (!url || !token)
    throw new CliError(
      'not logged in: run `opstage login --url <server>` or set OPSTAGE_URL and OPSTAGE_TOKEN',
      EXIT.AUTH,
    );
  return { url, token };
}
