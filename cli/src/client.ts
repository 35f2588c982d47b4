import { CliError, EXIT, type ExitCode } from './exit-codes.js';

export type Query = Record<string, string | number | undefined>;

interface Envelope {
  success?: boolean;
  data?: unknown;
  pagination?: { page: number; pageSize: number; total: number };
  error?: { code?: string; message?: string; details?: { issues?: { path?: string; message?: string }[] } };
}

export interface ApiAnswer<T> {
  data: T;
  pagination?: { page: number; pageSize: number; total: number };
}

/** The admin API with a bearer token (no cookie, so no CSRF); failures become `CliError`s with stable exit codes. */
export class ApiClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async call<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<ApiAnswer<T>> {
    const res = await this.send(method, path, options);
    const envelope = (await res.json().catch(() => ({}))) as Envelope;
    return { data: envelope.data as T, pagination: envelope.pagination };
  }

  /** For downloads (audit export, backup): the raw response once it is known to be a success. */
  async download(method: string, path: string, query: Query = {}): Promise<Response> {
    return this.send(method, path, { query });
  }

  private async send(method: string, path: string, options: { query?: Query; body?: unknown }): Promise<Response> {
    const url = new URL(this.base + path);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CliError(`cannot reach ${this.base}${cause}`, EXIT.ERROR);
    }
    if (res.ok) return res;
    const envelope = (await res.json().catch(() => ({}))) as Envelope;
    throw apiError(res.status, envelope);
  }
}

function apiError(status: number, envelope: Envelope): CliError {
  const code = envelope.error?.code ?? `HTTP_${status}`;
  const issues = (envelope.error?.details?.issues ?? []).map((i) => `\n  ${i.path ?? ''}: ${i.message ?? ''}`).join('');
  return new CliError(`${code}: ${envelope.error?.message ?? 'request failed'}${issues}`, exitForHttp(status));
}

export function exitForHttp(status: number): ExitCode {
  if (status === 401 || status === 429) return EXIT.AUTH;
  if (status === 403) return EXIT.FORBIDDEN;
  if (status >= 400 && status < 500) return EXIT.REJECTED;
  return EXIT.ERROR;
}
