import { parseEnvelope } from './cluster-message';

describe('parseEnvelope', () => {
  it('accepts the messages the bus sends', () => {
    expect(parseEnvelope('{"o":"r1/ab","c":"agent.wake","p":{"agentId":"agt_1"}}')).toEqual({
      o: 'r1/ab',
      c: 'agent.wake',
      p: { agentId: 'agt_1' },
    });
    expect(parseEnvelope('{"o":"r1","c":"settings.changed","p":{}}')?.c).toBe('settings.changed');
    const live = { type: 'audit', topics: ['audit'], ids: [], at: '2026-01-01T00:00:00.000Z', minRole: 'viewer' };
    expect(parseEnvelope(JSON.stringify({ o: 'r2', c: 'live.event', p: live }))?.p).toEqual(live);
  });

  it.each([
    ['not JSON', 'agent.wake'],
    ['an array', '[]'],
    ['no origin', '{"c":"agent.wake","p":{"agentId":"a"}}'],
    ['an unknown channel', '{"o":"r","c":"drop.tables","p":{}}'],
    ['a missing id', '{"o":"r","c":"command.settled","p":{"agentId":"a"}}'],
    ['an id of the wrong type', '{"o":"r","c":"cancel.notice","p":{"agentId":7}}'],
    ['a payload that is not an object', '{"o":"r","c":"settings.changed","p":"x"}'],
    ['a live event without topics', '{"o":"r","c":"live.event","p":{"type":"a","at":"b","minRole":"viewer","ids":[]}}'],
  ])('drops %s', (_label, text) => {
    expect(parseEnvelope(text)).toBeNull();
  });
});
