/**
 * Runs the demo Capsule Service until SIGINT/SIGTERM.
 *
 *   OPSTAGE_BACKEND_URL=http://localhost:8080 OPSTAGE_REGISTRATION_TOKEN=opstage_reg_… npm run demo -w @opstage/agent-node
 *
 * Environment: OPSTAGE_BACKEND_URL, OPSTAGE_REGISTRATION_TOKEN (first start only),
 * OPSTAGE_AGENT_TOKEN_FILE (default ./data/agent-token.json), OPSTAGE_AGENT_CODE (default demo-agent),
 * DEMO_SERVICE_CODE (default demo-service), DEMO_MESSAGE, DEMO_SECRET, OPSTAGE_LOG_LEVEL.
 */

import { CapsuleAgentError } from '@opstage/agent-node';

import { createDemoService } from './service.js';

const agent = createDemoService();
let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[demo] ${signal} received, stopping the agent…`);
  await agent.stop();
  console.log('[demo] stopped.');
  process.exit(0);
}

process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

try {
  await agent.start();
  console.log(
    `[demo] running as agent ${agent.agentId ?? '?'} (service ${agent.serviceId ?? '?'}); press Ctrl+C to stop.`,
  );
} catch (error) {
  const code = error instanceof CapsuleAgentError ? ` [${error.code}]` : '';
  console.error(`[demo] could not start${code}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
