/**
 * Credential persistence (sdk/README.md, "Token file"): the agent id and agent token issued at registration.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';

import { TokenStoreError } from './errors.js';

/** Credentials issued by `POST /api/agents/register`. */
export interface AgentCredentials {
  /** Agent id, `agt_…`. */
  agentId: string;
  /** Agent token, `opstage_agent_…`. Never log it. */
  agentToken: string;
  /** Backend the token belongs to; the SDK refuses to send it to another backend. */
  backendUrl?: string;
  /** Agent code used at registration. */
  agentCode?: string;
  /** ISO-8601 time the credentials were saved. */
  savedAt?: string;
}

/**
 * Where credentials live. Implement it to keep the token in a secret manager.
 *
 * @example
 * ```ts
 * const store: TokenStore = { load: async () => vault.get('agent'), save: (c) => vault.put('agent', c), clear: () => vault.del('agent') };
 * ```
 */
export interface TokenStore {
  /** Returns stored credentials, or `null` when there are none (then the agent registers). */
  load(): Promise<AgentCredentials | null>;
  /** Persists credentials. */
  save(credentials: AgentCredentials): Promise<void>;
  /** Deletes credentials (called only after a definitive auth failure). */
  clear(): Promise<void>;
}

/** Options of {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** Called when an unreadable/legacy file is met (the agent wires it to its logger). */
  onWarning?: (message: string) => void;
}

const CHMOD_HINT = (file: string): string => `run \`chmod 600 ${file}\` (and check the file owner)`;

/**
 * Parses the content of a token file: canonical JSON `{ agentId, agentToken, … }`, legacy JSON
 * spellings (`id`/`token`), or legacy plain text `agt_…:opstage_agent_…` (on one line or two).
 * Returns `null` when nothing usable is found.
 *
 * @example
 * ```ts
 * parseTokenFile('agt_01:opstage_agent_abc'); // { agentId: 'agt_01', agentToken: 'opstage_agent_abc' }
 * ```
 *
 * @param text - file content
 */
export function parseTokenFile(text: string): AgentCredentials | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return null;
    }
    if (parsed === null || typeof parsed !== 'object') return null;
    const record = parsed as Record<string, unknown>;
    const agentId = record['agentId'] ?? record['id'];
    const agentToken = record['agentToken'] ?? record['token'];
    if (typeof agentId !== 'string' || typeof agentToken !== 'string' || agentId === '' || agentToken === '')
      return null;
    const out: AgentCredentials = { agentId, agentToken };
    if (typeof record['backendUrl'] === 'string') out.backendUrl = record['backendUrl'];
    if (typeof record['agentCode'] === 'string') out.agentCode = record['agentCode'];
    const saved = record['savedAt'] ?? record['createdAt'];
    if (typeof saved === 'string') out.savedAt = saved;
    return out;
  }
  const match = /^(agt_[A-Za-z0-9_-]+)\s*[:\n\r ]\s*(opstage_agent_[A-Za-z0-9_-]+)$/.exec(trimmed);
  if (!match?.[1] || !match[2]) return null;
  return { agentId: match[1], agentToken: match[2] };
}

/**
 * Token file store (default `./data/agent-token.json`).
 *
 * Writes are atomic (temp file with mode 0600 in the same directory, fsync, rename); the parent
 * directory is created with mode 0700. Reads refuse a file that group or others can access, with
 * a `TOKEN_FILE_INSECURE` error telling the operator to `chmod 600` it (POSIX only). Corrupted
 * files are treated as missing, with a warning.
 *
 * @example
 * ```ts
 * new CapsuleAgent({ service, tokenStore: new FileTokenStore('/var/lib/billing/agent-token.json') });
 * ```
 */
export class FileTokenStore implements TokenStore {
  /** Absolute or relative path of the token file. */
  readonly file: string;
  private readonly onWarning: ((message: string) => void) | undefined;

  /**
   * @param file - token file path
   * @param options - warning sink
   */
  constructor(file: string, options: FileTokenStoreOptions = {}) {
    this.file = file;
    this.onWarning = options.onWarning;
  }

  /** @inheritDoc */
  async load(): Promise<AgentCredentials | null> {
    let stat;
    try {
      stat = await fs.stat(this.file);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw new TokenStoreError(
        'TOKEN_FILE_UNREADABLE',
        `Cannot read token file ${this.file}: ${CHMOD_HINT(this.file)}.`,
        this.file,
        error,
      );
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new TokenStoreError(
        'TOKEN_FILE_INSECURE',
        `Token file ${this.file} has mode ${mode} and is readable by other users; ${CHMOD_HINT(this.file)}.`,
        this.file,
      );
    }
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      throw new TokenStoreError(
        'TOKEN_FILE_UNREADABLE',
        `Cannot read token file ${this.file}: ${CHMOD_HINT(this.file)}.`,
        this.file,
        error,
      );
    }
    const credentials = parseTokenFile(text);
    if (!credentials) {
      const reason = text.trim().startsWith('opstage_agent_')
        ? 'holds a bare token without its agent id (legacy format)'
        : 'is not a valid token file';
      this.onWarning?.(`Token file ${this.file} ${reason}; ignoring it (a registration token is needed).`);
    }
    return credentials;
  }

  /** @inheritDoc */
  async save(credentials: AgentCredentials): Promise<void> {
    const dir = dirname(this.file);
    const temp = join(dir, `.${basename(this.file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(credentials, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.chmod(temp, 0o600);
      await fs.rename(temp, this.file);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new TokenStoreError('TOKEN_FILE_WRITE_FAILED', `Cannot write token file ${this.file}.`, this.file, error);
    }
  }

  /** @inheritDoc */
  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

/**
 * In-memory store (tests, or hosts that persist credentials themselves).
 *
 * @example
 * ```ts
 * new CapsuleAgent({ service, tokenStore: new MemoryTokenStore({ agentId, agentToken }) });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  private credentials: AgentCredentials | null;

  /** @param initial - optional initial credentials */
  constructor(initial: AgentCredentials | null = null) {
    this.credentials = initial ? { ...initial } : null;
  }

  /** @inheritDoc */
  load(): Promise<AgentCredentials | null> {
    return Promise.resolve(this.credentials ? { ...this.credentials } : null);
  }

  /** @inheritDoc */
  save(credentials: AgentCredentials): Promise<void> {
    this.credentials = { ...credentials };
    return Promise.resolve();
  }

  /** @inheritDoc */
  clear(): Promise<void> {
    this.credentials = null;
    return Promise.resolve();
  }
}

function errnoCode(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
