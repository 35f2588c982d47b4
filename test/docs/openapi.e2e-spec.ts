import { existsSync, readFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../support/openapi';

describe('docs/api/openapi.json', () => {
  it('matches the API the server serves (regenerate with `npm run docs:openapi`)', async () => {
    expect(existsSync(OPENAPI_FILE)).toBe(true);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    const current = await renderOpenApi();
    // Compare parsed first for a readable diff, then the text (formatting drift counts too).
    expect(JSON.parse(committed)).toEqual(JSON.parse(current));
    expect(committed).toBe(current);
  });

  it('documents both audiences: the admin API and the agent API', () => {
    const paths = Object.keys(
      (JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, unknown> }).paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/agents/{agentId}/heartbeat',
        '/api/agents/{agentId}/commands',
        '/api/admin/agents',
        '/api/admin/auth/login',
      ]),
    );
  });
});
