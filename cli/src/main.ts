#!/usr/bin/env node
import { main } from './cli.js';
import { processIo } from './output.js';

// The only place the CLI reads process state; everything below takes it as arguments (tests pass their own).
const code = await main(process.argv.slice(2), { io: processIo, env: process.env });
process.exitCode = code;
