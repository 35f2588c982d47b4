import { displayLabels, EVENT_SEVERITY, labelsMatch, nextStep, severityAtLeast, type OpenAlert } from './alert-rules';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (seconds: number): number => T0 + seconds * 1000;
const iso = (seconds: number): string => new Date(at(seconds)).toISOString();
const rule = { delaySeconds: 300, reminderMinutes: 30, notifyRecovery: true };

describe('severity', () => {
  it('grades the events: offline critical, unhealthy and failed commands warning, approvals info', () => {
    expect(EVENT_SEVERITY).toEqual({
      'agent.offline': 'critical',
      'service.unhealthy': 'warning',
      'command.failed': 'warning',
      'approval.requested': 'info',
    });
  });

  it('orders info < warning < critical', () => {
    expect(severityAtLeast('critical', 'warning')).toBe(true);
    expect(severityAtLeast('warning', 'warning')).toBe(true);
    expect(severityAtLeast('info', 'warning')).toBe(false);
    expect(severityAtLeast('warning', 'critical')).toBe(false);
    expect(severityAtLeast('info', 'info')).toBe(true);
  });
});

describe('labelsMatch', () => {
  const billing = { team: 'billing', env: 'prod' };
  const search = { team: 'search', env: 'prod' };

  it('matches everything when the rule has no labels, even a subject without any', () => {
    expect(labelsMatch([], [])).toBe(true);
    expect(labelsMatch([], [billing])).toBe(true);
  });

  it('needs every pair in one set', () => {
    expect(labelsMatch([{ key: 'team', value: 'billing' }], [billing])).toBe(true);
    expect(
      labelsMatch(
        [
          { key: 'team', value: 'billing' },
          { key: 'env', value: 'prod' },
        ],
        [billing],
      ),
    ).toBe(true);
    expect(
      labelsMatch(
        [
          { key: 'team', value: 'billing' },
          { key: 'env', value: 'dev' },
        ],
        [billing],
      ),
    ).toBe(false);
    expect(labelsMatch([{ key: 'team', value: 'billing' }], [search])).toBe(false);
    expect(labelsMatch([{ key: 'team', value: 'billing' }], [])).toBe(false);
  });

  it('lets an agent match through any one of its services, never by mixing two', () => {
    expect(labelsMatch([{ key: 'team', value: 'billing' }], [search, billing])).toBe(true);
    expect(
      labelsMatch(
        [
          { key: 'team', value: 'search' },
          { key: 'env', value: 'dev' },
        ],
        [search, { env: 'dev' }],
      ),
    ).toBe(false);
  });

  it('compares values exactly (no number/string coercion)', () => {
    expect(labelsMatch([{ key: 'tier', value: '1' }], [{ tier: 1 }])).toBe(false);
  });

  it('shows the union of label sets, string values only', () => {
    expect(displayLabels([billing, { team: 'x', zone: 'a', n: 1 }])).toEqual([
      { key: 'team', value: 'billing' },
      { key: 'env', value: 'prod' },
      { key: 'zone', value: 'a' },
    ]);
  });
});

describe('alert state machine (nextStep)', () => {
  const pending: OpenAlert = { state: 'pending', openedAt: iso(0), lastNotifiedAt: null };
  const firing: OpenAlert = { state: 'firing', openedAt: iso(0), lastNotifiedAt: iso(300) };

  it('waits out the delay, then fires', () => {
    expect(nextStep(pending, true, rule, at(0))).toBe('wait');
    expect(nextStep(pending, true, rule, at(299))).toBe('wait');
    expect(nextStep(pending, true, rule, at(300))).toBe('fire');
  });

  it('fires at once without a delay', () => {
    expect(nextStep(pending, true, { ...rule, delaySeconds: 0 }, at(0))).toBe('fire');
  });

  it('cancels a flap: the condition ends inside the delay and nobody is paged', () => {
    expect(nextStep(pending, false, rule, at(120))).toBe('cancel');
  });

  it('resolves a fired alert when the condition ends', () => {
    expect(nextStep(firing, false, rule, at(400))).toBe('resolve');
  });

  it('reminds every reminderMinutes counted from the last message', () => {
    expect(nextStep(firing, true, rule, at(300 + 29 * 60))).toBe('wait');
    expect(nextStep(firing, true, rule, at(300 + 30 * 60))).toBe('remind');
    const reminded = { ...firing, lastNotifiedAt: iso(300 + 30 * 60) };
    expect(nextStep(reminded, true, rule, at(300 + 45 * 60))).toBe('wait');
    expect(nextStep(reminded, true, rule, at(300 + 60 * 60))).toBe('remind');
  });

  it('never reminds when reminderMinutes is 0', () => {
    expect(nextStep(firing, true, { ...rule, reminderMinutes: 0 }, at(86_400))).toBe('wait');
  });

  it('flapping sequence: down, up inside the delay, down again starts a new delay', () => {
    // Evaluated every 60 s with a 300 s delay: down 0-120, up at 180, down again from 240.
    expect(nextStep(pending, true, rule, at(60))).toBe('wait');
    expect(nextStep(pending, false, rule, at(180))).toBe('cancel');
    const again: OpenAlert = { state: 'pending', openedAt: iso(240), lastNotifiedAt: null };
    expect(nextStep(again, true, rule, at(480))).toBe('wait');
    expect(nextStep(again, true, rule, at(540))).toBe('fire');
  });
});
