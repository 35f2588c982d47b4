import { timelineChanges, timelineSegments, timelineShares } from './timeline';
import { formatDateTime, formatRelative } from './format';
import { Selection } from './selection';
import { nextTheme } from '../../core/theme/theme.service';
import { tileView } from '../../features/dashboard/dashboard.page';
import { commonActions } from '../../features/services/bulk-action.dialog';
import { actionsUnavailable } from '../../features/services/service-actions.component';
import { pointsFromHistory } from '../../features/services/service-health.component';
import { splitList } from '../../features/services/services-list.page';
import { diagRows, diagValue } from '../../features/settings/diagnostics-format';
import { searchHits } from '../../core/layout/global-search.component';
import { prepareTimeoutSeconds } from '../../features/actions/action-dialog.component';
import { ApiError } from '../../core/http/api-error';
import type { CapsuleServiceResponse, PublicCommand } from '@opstage/contracts';
import { actionDefinition } from '../../testing/contract-fixtures';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const H = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

describe('health timeline', () => {
  it('cuts points into segments over the window, with no-data before the first report', () => {
    const segments = timelineSegments(
      [
        { status: 'DOWN', at: at(3) },
        { status: 'UP', at: at(1) },
        { status: 'DOWN', at: at(2) },
      ],
      T0,
      T0 + 4 * H,
    );
    expect(segments.map((s) => [s.status, s.fraction])).toEqual([
      ['NONE', 0.25],
      ['UP', 0.25],
      ['DOWN', 0.5],
    ]);
    expect(timelineChanges(segments)).toBe(1);
    expect(timelineShares(segments)['DOWN']).toBe(0.5);
  });

  it('starts with the state before the window and ignores an empty window', () => {
    const segments = timelineSegments(
      [
        { status: 'DEGRADED', at: at(-5) },
        { status: 'UP', at: at(1) },
      ],
      T0,
      T0 + 2 * H,
    );
    expect(segments.map((s) => [s.status, s.fraction])).toEqual([
      ['DEGRADED', 0.5],
      ['UP', 0.5],
    ]);
    expect(timelineSegments([], T0, T0)).toEqual([]);
    expect(timelineSegments([], T0, T0 + H).map((s) => s.status)).toEqual(['NONE']);
  });

  it('turns a newest-first history page into oldest-first points at each row start', () => {
    expect(
      pointsFromHistory([
        { status: 'UP', createdAt: at(2) },
        { status: 'DOWN', createdAt: at(1) },
      ]),
    ).toEqual([
      { status: 'DOWN', at: at(1) },
      { status: 'UP', at: at(2) },
    ]);
  });
});

describe('dates in the console language', () => {
  it('formats absolute and relative times for the chosen language, not the browser', () => {
    expect(formatDateTime(at(0), 'zh-CN')).toMatch(/2026\/01\/01/);
    expect(formatDateTime(at(0), 'en-US')).toMatch(/01\/01\/2026/);
    expect(formatRelative(at(0), T0 + 3 * 60_000, 'en-US')).toBe('3 minutes ago');
    expect(formatRelative(at(0), T0 + 3 * 60_000, 'zh-CN')).toBe('3分钟前');
    expect(formatRelative(at(2), T0, 'en-US')).toBe('in 2 hours');
    expect(formatRelative(null, T0, 'en-US')).toBe('-');
  });
});

describe('fleet helpers', () => {
  it('links a dashboard tile to its list with the very query it counted', () => {
    const view = tileView({
      id: 'commands-failed',
      list: 'commands',
      query: { status: 'FAILED,EXPIRED', type: 'ACTION_EXECUTE' },
      count: 2,
    });
    expect(view).toMatchObject({
      link: '/commands',
      query: { status: 'FAILED,EXPIRED', type: 'ACTION_EXECUTE' },
      alert: true,
      label: 'dashboard.tile.commands-failed',
    });
    expect(tileView({ id: 'services-all', list: 'services', query: {}, count: 3 }).alert).toBe(
      false,
    );
  });

  it('offers only actions every selected service has, without row-only actions', () => {
    const a = actionDefinition;
    const common = commonActions([
      [
        a('echo'),
        a('restart'),
        a('details', { category: 'row-action' }),
        a('off', { enabled: false }),
      ],
      [a('restart'), a('echo'), a('details', { category: 'row-action' })],
    ]);
    expect(common.map((x) => x.name)).toEqual(['echo', 'restart']);
    expect(commonActions([])).toEqual([]);
  });

  it('explains why actions are unavailable from the agent status', () => {
    expect(actionsUnavailable({ status: 'OFFLINE', agentStatus: 'DISABLED' })).toBe(
      'actions.unavailable.DISABLED',
    );
    expect(actionsUnavailable({ status: 'OFFLINE', agentStatus: null })).toBe(
      'actions.unavailable.NO_AGENT',
    );
    expect(actionsUnavailable({ status: 'HEALTHY', agentStatus: 'ONLINE' })).toBeNull();
    expect(actionsUnavailable({ status: 'OFFLINE', agentStatus: 'OFFLINE' })).toBe(
      'actions.unavailable.OFFLINE',
    );
  });

  it('keeps a selection to the visible rows', () => {
    const s = new Selection();
    s.setAll(['a', 'b', 'c'], true);
    s.toggle('b');
    expect(s.ids()).toEqual(['a', 'c']);
    expect(s.allOf(['a', 'c'])).toBe(true);
    s.keep(['c', 'd']);
    expect(s.ids()).toEqual(['c']);
    expect(s.count()).toBe(1);
    expect(splitList('A,,B')).toEqual(['A', 'B']);
  });

  it('labels diagnostics values: sizes, durations, dates, booleans', () => {
    const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
    expect(diagValue('heapUsed', 5 * 1024 * 1024, 'en-US', yesNo).text).toBe('5.0 MB');
    expect(diagValue('uptimeSeconds', 90, 'en-US', yesNo).text).toBe('1.5m (90 s)');
    expect(diagValue('running', false, 'en-US', yesNo).text).toBe('No');
    expect(diagRows({ memory: { rss: 2048 }, pid: 7 }, 'en-US', yesNo)).toEqual([
      { path: ['memory', 'rss'], value: '2.0 KB', mono: false },
      { path: ['pid'], value: '7', mono: false },
    ]);
  });

  it('turns search results into hits that open the right page', () => {
    const hits = searchHits({
      services: [
        {
          id: 'svc_1',
          code: 'billing',
          name: 'Billing',
          status: 'HEALTHY',
        } as CapsuleServiceResponse,
      ],
      agents: [],
      commands: [
        {
          id: 'cmd_1',
          actionName: 'echo',
          serviceName: 'Billing',
          status: 'FAILED',
        } as PublicCommand,
      ],
    });
    expect(hits.map((h) => [h.kind, h.link.join('/')])).toEqual([
      ['service', '/services/svc_1'],
      ['command', '/commands/cmd_1'],
    ]);
  });

  it('reads the prepare timeout from the 504 details and cycles the theme', () => {
    expect(
      prepareTimeoutSeconds(
        new ApiError(504, 'ACTION_PREPARE_TIMEOUT', 'x', { timeoutSeconds: 4 }),
      ),
    ).toBe(4);
    expect(prepareTimeoutSeconds(new ApiError(504, 'ACTION_PREPARE_TIMEOUT', 'x'))).toBeNull();
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual([
      'light',
      'dark',
      'system',
    ]);
  });
});
