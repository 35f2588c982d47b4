// Turns the raw results into the table rows (scenario, figure, target, met?) and Markdown.
import { round } from './stats.mjs';

const yes = (b) => (b === null || b === undefined ? 'n/a' : b ? 'yes' : 'NO');

export function tableRows(results) {
  const s = results.scenarios;
  const rows = [];
  const add = (scenario, figure, target, met) => rows.push({ scenario, figure, target, met: yes(met) });
  const failed = (scenario, x) =>
    add(
      scenario,
      x.status === 'error' ? `error: ${x.error}` : `${x.status}: ${x.reason ?? ''}`,
      '—',
      x.status === 'error' ? false : null,
    );
  const notRunRow = (scenario, x, target) =>
    rows.push({
      scenario,
      figure: x?.status === 'error' ? `error: ${x.error}` : `not run (${x?.reason ?? 'not run'})`,
      target,
      met: x?.status === 'error' ? 'NO' : 'not run',
    });

  const base = s.baseline;
  if (base?.status === 'ok') {
    for (const [kind, label] of [
      ['http', 'bare node:http'],
      ['express', 'bare Express 5'],
      ['nest', 'bare Nest 11'],
    ]) {
      const r = base.servers[kind];
      if (r)
        add(
          'Baseline',
          `${label}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`,
          'reference',
          null,
        );
    }
  } else notRunRow('Baseline', base, 'reference');

  const hb = s.heartbeat;
  if (hb?.status === 'ok') {
    const ratio = hb.ratioToExpress ?? null;
    const perRound = (hb.rounds ?? []).map((x) => `${x.ratio}%`).join(', ');
    add(
      'Heartbeat throughput',
      `${hb.rps} req/s with ${hb.agents} agents = ${ratio === null ? '?' : `${Math.round(ratio * 100)}%`} of bare Express (${hb.expressRps} req/s), median of ${hb.rounds?.length ?? '?'} alternating rounds (${perRound}); errors ${hb.errors}`,
      '≥ 75% of Express',
      ratio === null ? null : ratio >= 0.75 && hb.errors === 0,
    );
    if (hb.poll) {
      add(
        'Heartbeat throughput',
        `empty poll (waitSeconds=0): ${hb.poll.rps} req/s = ${Math.round(hb.poll.ratioToExpress * 100)}% of bare Express in the same rounds (${hb.poll.perRound.map((x) => `${x}%`).join(', ')}), ${hb.poll.serverCpuUsPerRequest} µs server CPU per request; errors ${hb.poll.errors}`,
        '≥ 75% of Express',
        hb.poll.ratioToExpress >= 0.75 && hb.poll.errors === 0,
      );
    }
    add(
      'Heartbeat throughput',
      `p99 ${hb.p99} ms (median of the rounds; worst round ${hb.worstRoundP99} ms; p50 ${hb.p50} ms) at that load`,
      'p99 < 50 ms',
      hb.p99 < 50,
    );
    if (hb.expressCpuUsPerRequest && hb.serverCpuUsPerRequest) {
      add(
        'Heartbeat throughput',
        `server CPU per request: heartbeat ${hb.serverCpuUsPerRequest} µs vs bare Express ${round(hb.expressCpuUsPerRequest, 0)} µs in the same rounds = ${Math.round((100 * hb.expressCpuUsPerRequest) / hb.serverCpuUsPerRequest)}% (capacity ratio)`,
        'diagnostic',
        null,
      );
    }
    if (hb.breakdown) {
      const parts = Object.entries(hb.breakdown).map(
        ([k, v]) => `${k} ${v.serverCpuUsPerRequest ?? '?'} µs (${v.rps} req/s)`,
      );
      add('Heartbeat throughput', `Opstage server CPU per request by route: ${parts.join('; ')}`, 'diagnostic', null);
    }
  } else notRunRow('Heartbeat throughput', hb, '≥ 75% of Express, p99 < 50 ms');

  const d = s.dispatch;
  if (d?.status === 'ok') {
    const ok = d.missing === 0 && d.execErrors === 0;
    add(
      'Dispatch latency',
      `${d.agents} parked long-polls, ${d.delivered}/${d.executes} delivered: p50 ${d.ackToPoll.p50} ms (execute response → poll response)`,
      'p50 ≤ 20 ms',
      d.ackToPoll.p50 !== null && d.ackToPoll.p50 <= 20 && ok,
    );
    add(
      'Dispatch latency',
      `p99 ${d.ackToPoll.p99} ms, max ${d.ackToPoll.max} ms (execute sent → poll: p50 ${d.executeSentToPoll.p50} ms, p99 ${d.executeSentToPoll.p99} ms)`,
      'p99 ≤ 100 ms',
      d.ackToPoll.p99 !== null && d.ackToPoll.p99 <= 100 && ok,
    );
    add('Dispatch latency', `reference (5 s poll interval): mean ≈ 2500 ms, worst ≈ 5000 ms`, 'comparison', null);
  } else notRunRow('Dispatch latency', d, 'p50 ≤ 20 ms, p99 ≤ 100 ms');

  const c = s.coldStart;
  if (c?.status === 'ok') {
    add(
      'Cold start',
      `median ${c.existingDbMedianMs} ms with an existing DB (${c.runs} runs: ${c.existingDbMs.join(', ')})`,
      '< 2000 ms',
      c.existingDbMedianMs < 2000,
    );
    add(
      'Cold start',
      `median ${c.freshMedianMs} ms with an empty data dir (migrations + owner bootstrap; runs: ${c.freshMs.join(', ')})`,
      '< 2000 ms',
      c.freshMedianMs < 2000,
    );
  } else notRunRow('Cold start', c, '< 2000 ms');

  const l = s.lists;
  if (l?.status === 'ok') {
    add(
      'Lists at size',
      `seeded ${l.seed.auditRows} audit events (${l.seed.auditSeconds} s), ${l.seed.commandRows} commands (${l.seed.commandSeconds} s)`,
      'setup',
      null,
    );
    for (const [name, r] of Object.entries(l.endpoints)) {
      if (r.error) add('Lists at size', `${name}: ${r.error}`, 'p95 < 50 ms', false);
      else
        add('Lists at size', `${name}: p95 ${r.p95} ms (p50 ${r.p50} ms, total ${r.total})`, 'p95 < 50 ms', r.p95 < 50);
    }
    const e = l.export;
    add(
      'Lists at size',
      `audit CSV export: ${e.rows} rows in ${e.seconds} s = ${e.rowsPerSecond} rows/s${e.complete ? '' : ' (stopped at the time cap)'}`,
      `all ${l.seed.auditRows} rows`,
      e.complete && e.rows >= l.seed.auditRows,
    );
    add(
      'Lists at size',
      `export server RSS growth ${e.rssGrowthMb} MB (${e.rssBeforeMb} → peak ${e.rssPeakMb} MB; ${e.rssTwoSecondsAfterMb} MB 2 s after)`,
      '< 100 MB',
      e.rssGrowthMb < 100,
    );
  } else notRunRow('Lists at size', l, 'p95 < 50 ms; export RSS growth < 100 MB');

  const f = s.fleet;
  if (f?.status === 'ok') {
    add(
      'Fleet hold',
      `${f.agents} agents (fd limit ${f.fdLimit?.hard}; requested ${f.requestedAgents}), ${f.holdSeconds} s hold, 30 s heartbeats: ${f.heartbeatErrors} heartbeat errors, ${f.heartbeatsUnanswered} heartbeats unanswered 15 s after the hold, ${f.pollErrors} poll errors (${f.pollErrorsInRamp} during the ramp${f.firstPollError ? `, first: ${f.firstPollError}` : ''}), ${f.pollsParkedAtEnd} polls parked at end`,
      'no errors',
      f.heartbeatErrors === 0 && f.pollErrors === 0 && f.heartbeatsUnanswered === 0,
    );
    add(
      'Fleet hold',
      `heartbeat p99 ${f.heartbeat.p99} ms (p50 ${f.heartbeat.p50} ms, max ${f.heartbeat.max} ms; ${f.heartbeatsOk}/${f.heartbeatsSent} ok, timed from the scheduled send); server CPU ${f.serverCpuPercent}% of a core during the hold, ${f.clientWorkers} client processes ${f.clientsCpuPercent}% (their event-loop delay max ${f.clientLoopDelayMaxMs} ms)`,
      'p99 < 50 ms',
      f.heartbeat.p99 !== null && f.heartbeat.p99 < 50,
    );
    // The server runs with the production heap cap, so even a backlog cannot grow it past the cap.
    const saturated =
      f.heartbeatsUnanswered > 0 || f.heartbeatErrors > 0
        ? ' (the peak includes the backlog of a saturated server)'
        : '';
    add(
      'Fleet hold',
      `RSS ${f.rssPeakMb} MB peak (idle ${f.rssIdleMb} MB, ${f.rssParkedMb} MB with all polls parked = ${f.rssParkedPerThousandAgentsMb} MB per 1,000); peak-based ${f.rssPerThousandAgentsMb} MB per 1,000 agents → projected ${f.rssProjectedAt20kMb} MB at 20,000${saturated}`,
      'RSS < 1 GB @ 20k',
      f.rssPeakMb < 1024 && f.rssProjectedAt20kMb < 1024,
    );
  } else notRunRow('Fleet hold', f, 'no errors, p99 hb < 50 ms, RSS < 1 GB @ 20k');

  const w = s.sweep;
  if (w?.status === 'ok') {
    const d2 = w.heartbeatsDuringSweep;
    add(
      'Sweep at size',
      `sweep of ${w.seededRows} old audit rows: HTTP ${w.sweepStatus} in ${w.sweepSeconds} s, ${w.oldRowsLeft} old rows left`,
      'all pruned',
      w.sweepStatus === 200 && w.oldRowsLeft === 0,
    );
    add(
      'Sweep at size',
      `heartbeat max ${d2.max} ms during the sweep (p99 ${d2.p99} ms, ${d2.requests} heartbeats, errors ${d2.errors}); without sweep: max ${w.heartbeatsWithoutSweep.max} ms, p99 ${w.heartbeatsWithoutSweep.p99} ms`,
      'max ≤ 100 ms',
      d2.max !== null && d2.max <= 100 && d2.errors === 0,
    );
  } else notRunRow('Sweep at size', w, 'heartbeat never blocked > 100 ms');
  void failed;
  return rows;
}

export function renderMarkdown(results) {
  const m = results.machine;
  const lines = [
    `# Opstage CE benchmark (${results.mode})`,
    '',
    `Run ${results.startedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, open-files limit ${m.fdLimit?.soft}/${m.fdLimit?.hard}; total ${results.totalSeconds} s.`,
    `Load average (1/5/15 min) at start ${results.loadAverageAtStart?.join(' / ')}, at end ${results.loadAverageAtEnd?.join(' / ')} (other work on the machine skews absolute figures; ratios are measured back to back).`,
    '',
    '| Scenario | Figure | Target | Met? |',
    '| --- | --- | --- | --- |',
    ...results.table.map(
      (r) =>
        `| ${r.scenario} | ${String(r.figure).replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${r.target} | ${r.met} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
