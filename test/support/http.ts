import request from 'supertest';
import type { Server } from 'node:http';
import { TEST_ADMIN } from './create-test-app';

/** A logged-in operator: keeps the session cookie and sends the CSRF token on mutations. */
export interface AdminClient {
  agent: ReturnType<typeof request.agent>;
  csrfToken: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export async function loginAs(
  server: Server,
  username: string = TEST_ADMIN.username,
  password: string = TEST_ADMIN.password,
): Promise<AdminClient> {
  const agent = request.agent(server);
  const res = await agent.post('/api/admin/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const client: AdminClient = {
    agent,
    csrfToken: (res.body as { data: { csrfToken: string } }).data.csrfToken,
    get: (path) => agent.get(path),
    post: (path, body = {}) => agent.post(path).set('X-CSRF-Token', client.csrfToken).send(body),
    patch: (path, body = {}) => agent.patch(path).set('X-CSRF-Token', client.csrfToken).send(body),
    put: (path, body = {}) => agent.put(path).set('X-CSRF-Token', client.csrfToken).send(body),
    delete: (path) => agent.delete(path).set('X-CSRF-Token', client.csrfToken),
  };
  return client;
}

/** Bearer-authenticated agent calls. */
export function asAgent(
  server: Server,
  token: string,
): { get(path: string): request.Test; post(path: string, body?: object): request.Test } {
  return {
    get: (path) => request(server).get(path).set('Authorization', `Bearer ${token}`),
    post: (path, body = {}) => request(server).post(path).set('Authorization', `Bearer ${token}`).send(body),
  };
}
