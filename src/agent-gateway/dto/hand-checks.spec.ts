import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { AppValidationPipe } from '../../common/http/hand-checked';
import { validationExceptionFactory } from '../../common/errors/validation-exception.factory';
import { HeartbeatDto, HealthInputDto } from './agent-requests.dto';
import { PollCommandsQueryDto } from './poll-query.dto';

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
};
const full = new ValidationPipe(OPTIONS);
const fast = new AppValidationPipe(OPTIONS);

/** Counts full validations: the hand check must skip them for the common shapes and only for those. */
class CountingPipe extends AppValidationPipe {
  fullRuns = 0;
  override async validate(...args: Parameters<ValidationPipe['validate']>): Promise<ValidationError[]> {
    this.fullRuns += 1;
    return super.validate(...args);
  }
}

async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
  try {
    const out: unknown = await pipe.transform(structuredClone(value), metadata);
    return { ok: out, cls: (out as object | undefined)?.constructor?.name, json: JSON.stringify(out) };
  } catch (error) {
    return {
      error: (error as { code?: string; details?: unknown }).code,
      details: (error as { details?: unknown }).details,
    };
  }
}

const body: ArgumentMetadata = { type: 'body', metatype: HeartbeatDto, data: undefined };
const query: ArgumentMetadata = { type: 'query', metatype: PollCommandsQueryDto, data: undefined };

const HEARTBEATS: unknown[] = [
  undefined,
  {},
  { serviceId: 'svc_1' },
  { serviceId: 'svc_' + 'x'.repeat(36) },
  { serviceId: 'svc_' + 'x'.repeat(37) },
  { serviceId: 'svc_😀😀' },
  { serviceId: 'abc' },
  { serviceId: 5 },
  { serviceId: null },
  { health: { status: 'UP' } },
  {
    serviceId: 'svc_a',
    health: { status: 'DOWN', message: 'm', details: { a: [1, { b: 2 }] }, checkedAt: 'now', dependencies: [{ x: 1 }] },
  },
  { health: { status: 'SIDEWAYS' } },
  { health: { message: 'no status' } },
  { health: { status: 'UP', details: [] } },
  { health: { status: 'UP', extra: 1 } },
  { health: { status: 'UP', message: 'x'.repeat(2001) } },
  { health: null },
  { health: 'UP' },
  { other: 1 },
  [],
  'text',
];

const QUERIES: unknown[] = [
  {},
  { waitSeconds: '0' },
  { waitSeconds: '30' },
  { waitSeconds: '31' },
  { waitSeconds: '05' },
  { waitSeconds: ' 5' },
  { waitSeconds: '1.5' },
  { waitSeconds: 'abc' },
  { waitSeconds: '-1' },
  { limit: '1' },
  { limit: '10' },
  { limit: '20', waitSeconds: '30' },
  { limit: '999999999' },
  { limit: '0' },
  { limit: '1e1' },
  { other: '1' },
];

describe('hand checks of the hot agent DTOs', () => {
  it.each(HEARTBEATS.map((v) => [(JSON.stringify(v) ?? 'undefined').slice(0, 80), v]))(
    'heartbeat body %s: same result and errors as the full pipe',
    async (_name, value) => {
      expect(await outcome(fast, value, body)).toEqual(await outcome(full, value, body));
    },
  );

  it.each(QUERIES.map((v) => [JSON.stringify(v), v]))(
    'poll query %s: same result and errors as the full pipe',
    async (_name, value) => {
      expect(await outcome(fast, value, query)).toEqual(await outcome(full, value, query));
    },
  );

  it('skips the full validation for the bodies agents send, and only for valid ones', async () => {
    const pipe = new CountingPipe(OPTIONS);
    const hb = await pipe.transform({ serviceId: 'svc_1', health: { status: 'UP', details: {} } }, body);
    await pipe.transform({ waitSeconds: '30' }, query);
    expect(pipe.fullRuns).toBe(0);
    expect(hb).toBeInstanceOf(HeartbeatDto);
    expect((hb as HeartbeatDto).health).toBeInstanceOf(HealthInputDto);
    await expect(pipe.transform({ serviceId: 'bad' }, body)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(pipe.transform({ waitSeconds: '31' }, query)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(pipe.fullRuns).toBe(2);
  });
});
