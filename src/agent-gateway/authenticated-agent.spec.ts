import type { Request } from 'express';
import type { AgentEntity } from '../agents/agent.entity';
import { attachAgent, authenticatedAgentOf, detachAgent } from './authenticated-agent';

describe('authenticated agent on the request', () => {
  const agent = { id: 'agt_01JAAAAAAAAAAAAAAAAAAAAAAA', code: 'a1' } as AgentEntity;

  it('hands back the row the authenticator attached', () => {
    const req = {} as Request;
    attachAgent(req, agent);
    expect(authenticatedAgentOf(req)).toBe(agent);
  });

  it('forgets the row once detached, so a parked poll does not keep it alive', () => {
    const req = {} as Request;
    attachAgent(req, agent);
    detachAgent(req);
    expect(() => authenticatedAgentOf(req)).toThrow('AuthenticatedAgent used on a route without @AgentAuth()');
    // The key stays (set to undefined) so the request keeps its hidden class.
    expect(Object.getOwnPropertySymbols(req)).toHaveLength(1);
  });
});
