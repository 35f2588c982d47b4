#!/usr/bin/env node
// e2e-env: {"OPSTAGE_CAPSULE_BUS_ENABLED":"false"}
// Every console page for owner, operator and viewer with the Capsule Bus off: no failed request,
// no browser console error, and no request to the bus at all (admin-ui/e2e/lib/walk.mjs).
import { runWalk } from './lib/walk.mjs';

await runWalk({ busOn: false });
