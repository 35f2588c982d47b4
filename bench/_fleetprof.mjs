import { fleet } from './scenarios/fleet.mjs';
const n = Number(process.argv[2] ?? 19000);
const r = await fleet({ agents: n, clientWorkers: 2, heartbeatConnections: 64, rampSeconds: 30, rampMaxSeconds: 45, holdSeconds: Number(process.argv[3] ?? 60), heartbeatIntervalSeconds: 30, serverNodeArgs: (process.env.FLEET_NODE_ARGS ?? '--trace-gc').split(' ') }, console.log);
console.log(JSON.stringify({ hb: r.heartbeat, worst: r.worstSeconds.slice(0, 5), rss: [r.rssParkedMb, r.rssPeakMb], gc: r.gc }, null, 1));
