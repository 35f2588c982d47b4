#!/usr/bin/env node
// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"true"}
// Every console page for owner, operator and viewer with the Capsule Bus on (bus page and tabs
// included): no failed request and no browser console error (admin-ui/e2e/lib/walk.mjs).
import { runWalk } from './lib/walk.mjs';

await runWalk({ busOn: true });
