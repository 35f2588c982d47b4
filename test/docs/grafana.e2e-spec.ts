import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { family, parseExposition, type Exposition } from '../support/prometheus';

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'grafana', 'opstage.json'), 'utf8')) as {
  panels: Panel[];
  uid: string;
};
const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');
/** Labels Prometheus adds at scrape time, plus the histogram bucket label. */
const SCRAPE_LABELS = new Set(['instance', 'job', 'le']);

const metricNames = (expr: string): string[] =>
  [...expr.matchAll(/\b(opstage_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
/** Label names an expression groups by or selects on. */
function labelNames(expr: string): string[] {
  const grouped = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) =>
    (m[1] as string).split(',').map((l) => l.trim()),
  );
  const selected = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
    [...(m[1] as string).matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((l) => l[1] as string),
  );
  return [...grouped, ...selected].filter((l) => l.length > 0);
}

describe('docs/grafana/opstage.json', () => {
  let t: TestApp;
  let exposition: Exposition;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPSTAGE_METRICS_ENABLED: 'true' } });
    // Traffic first, so the HTTP series (observed per request) have samples with their labels.
    await request(t.server).get('/api/system/health').expect(200);
    await request(t.server).get('/metrics').expect(200);
    exposition = parseExposition((await request(t.server).get('/metrics').expect(200)).text);
  });
  afterAll(() => t.close());

  it('is a dashboard with query panels', () => {
    expect(dashboard.uid).toBe('opstage-ce');
    expect(queryPanels.length).toBeGreaterThanOrEqual(12);
    expect(queryPanels.filter((p) => (p.targets ?? []).length === 0).map((p) => p.title)).toEqual([]);
  });

  it('every query names only metrics the server exposes, with labels those metrics carry', () => {
    const problems: string[] = [];
    for (const panel of queryPanels) {
      for (const { expr } of panel.targets ?? []) {
        const names = metricNames(expr);
        if (names.length === 0) problems.push(`${panel.title}: no Opstage metric in ${expr}`);
        const families = names.map((name) => family(name, exposition.types));
        names.forEach(
          (name, i) => families[i] === undefined && problems.push(`${panel.title}: unknown metric ${name}`),
        );
        const carried = new Set(
          exposition.samples.filter((s) => names.includes(s.name)).flatMap((s) => Object.keys(s.labels)),
        );
        for (const label of labelNames(expr)) {
          if (!SCRAPE_LABELS.has(label) && !carried.has(label))
            problems.push(`${panel.title}: no metric in it carries label ${label}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers fleet status, command outcomes and durations, agent traffic, HTTP latency and event-loop lag', () => {
    const used = new Set(queryPanels.flatMap((p) => (p.targets ?? []).flatMap((target) => metricNames(target.expr))));
    const required = [
      'opstage_agents',
      'opstage_capsule_services',
      'opstage_commands_finished_total',
      'opstage_command_duration_seconds_bucket',
      'opstage_agent_heartbeats_total',
      'opstage_agent_polls_total',
      'opstage_http_request_duration_seconds_bucket',
      'opstage_nodejs_eventloop_lag_p99_seconds',
    ];
    expect(required.filter((name) => !used.has(name))).toEqual([]);
  });
});
