// Baseline servers for the same client: `node bench/baseline-server.mjs <http|express|nest> <port>`.
// Each answers POST /hb (JSON body parsed, like the heartbeat) with a heartbeat-sized JSON 200,
// so the comparison isolates what the Opstage stack adds (auth, validation, SQLite, envelope).
import 'reflect-metadata';
import { createServer } from 'node:http';

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
const BODY = { success: true, data: { heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5 } };
const ready = () => process.stdout.write(`listening ${port}\n`);

if (kind === 'http') {
  const payload = JSON.stringify(BODY);
  createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
      });
      res.end(payload);
    });
  }).listen(port, '127.0.0.1', ready);
} else if (kind === 'express') {
  const { default: express } = await import('express');
  const app = express();
  app.use(express.json());
  app.all('/hb', (_req, res) => res.status(200).json(BODY));
  app.listen(port, '127.0.0.1', ready);
} else if (kind === 'nest') {
  const { NestFactory } = await import('@nestjs/core');
  const { Controller, Module, Post, HttpCode } = await import('@nestjs/common');
  // Plain-JS decorator application (no TypeScript in bench/).
  class HbController {
    hb() {
      return BODY;
    }
  }
  const desc = Object.getOwnPropertyDescriptor(HbController.prototype, 'hb');
  Post('hb')(HbController.prototype, 'hb', desc);
  HttpCode(200)(HbController.prototype, 'hb', desc);
  Controller()(HbController);
  class BaselineModule {}
  Module({ controllers: [HbController] })(BaselineModule);
  const app = await NestFactory.create(BaselineModule, { logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  ready();
} else {
  process.stderr.write(`unknown baseline kind ${kind}\n`);
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
