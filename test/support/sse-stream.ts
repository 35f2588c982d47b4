import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from './create-test-app';

/** One event as sent on `GET /api/admin/events/stream`. */
export interface WireEvent {
  id: string;
  type: string;
  topics: string[];
  ids: string[];
  at: string;
  data?: Record<string, unknown>;
}

export interface LiveStream {
  connected(): boolean;
  events(): WireEvent[];
  close(): void;
}

/** Opens the console's SSE stream with a session cookie over a real socket and parses what arrives. */
export function openLiveStream(t: TestApp, cookie: string): Promise<LiveStream> {
  const { port } = t.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const headers = { cookie, accept: 'text/event-stream' };
    const req = http.get({ host: '127.0.0.1', port, path: '/api/admin/events/stream', headers }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      resolve({
        connected: () => raw.startsWith('retry: '),
        events: () =>
          raw
            .split('\n\n')
            .filter((block) => block.trim() !== '' && !block.includes('event:'))
            .map((block) => block.split('\n').find((line) => line.startsWith('data: ')))
            .filter((line): line is string => line !== undefined)
            .map((line) => JSON.parse(line.slice('data: '.length)) as WireEvent),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** Logs in on `t` and returns the session cookie header. */
export async function sessionCookie(t: TestApp, username: string, password: string): Promise<string> {
  const res = await request(t.server).post('/api/admin/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return setCookie.map((c) => c.split(';')[0]).join('; ');
}
