import type { PublicBusRoute } from '@opstage/contracts';
import { ApiError } from '../../core/http/api-error';
import { formValueOf, inputFromForm, routeServerErrors, statusChangeInput } from './bus-route-form';

const ROUTE: PublicBusRoute = {
  id: 'brt_1',
  name: 'Ping',
  description: 'demo',
  status: 'DRY_RUN',
  match: { eventType: 'demo.ping' },
  target: { serviceCode: 'demo-service', actionName: 'echo' },
  inputMapping: { message: '$.payload.text' },
  metadata: { owner: 'team' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  experimental: 'v0.4-experimental',
};

describe('bus route form', () => {
  it('builds the request body, trimming and treating an empty or * source as "every source"', () => {
    const value = {
      ...formValueOf(null),
      name: ' Ping ',
      eventType: ' demo.ping ',
      targetServiceCode: 'demo-service',
      actionName: ' echo ',
      status: 'DRY_RUN' as const,
    };
    expect(inputFromForm(value, { message: '$.payload.text' })).toEqual({
      name: 'Ping',
      status: 'DRY_RUN',
      match: { eventType: 'demo.ping' },
      target: { serviceCode: 'demo-service', actionName: 'echo' },
      inputMapping: { message: '$.payload.text' },
    });
    expect(inputFromForm({ ...value, sourceServiceCode: '*' }).match).toEqual({
      eventType: 'demo.ping',
    });
    expect(
      inputFromForm({ ...value, sourceServiceCode: ' shop ', description: ' d ' }),
    ).toMatchObject({
      description: 'd',
      match: { eventType: 'demo.ping', sourceServiceCode: 'shop' },
    });
    expect('inputMapping' in inputFromForm(value)).toBe(false);
    expect(formValueOf(null).status).toBe('DISABLED');
  });

  it('changes only the status and leaves mapping and metadata out (PUT keeps them)', () => {
    const body = statusChangeInput(ROUTE, 'DISABLED');
    expect(body).toEqual({
      name: 'Ping',
      description: 'demo',
      status: 'DISABLED',
      match: { eventType: 'demo.ping' },
      target: { serviceCode: 'demo-service', actionName: 'echo' },
    });
    expect('inputMapping' in body).toBe(false);
    expect('metadata' in body).toBe(false);
  });

  describe('server errors', () => {
    it('puts a 404 on the field named by details.field', () => {
      const err = new ApiError(404, 'ACTION_NOT_FOUND', 'Target action not found.', {
        field: 'target.actionName',
        serviceCode: 'demo-service',
        actionName: 'nope',
      });
      expect(routeServerErrors(err, [])).toEqual({
        controls: { actionName: { code: 'ACTION_NOT_FOUND', message: 'Target action not found.' } },
        mapping: {},
        reasons: [],
        other: [],
      });
      const service = new ApiError(
        404,
        'CAPSULE_SERVICE_NOT_FOUND',
        'Target Capsule Service not found.',
        { field: 'target.serviceCode' },
      );
      expect(Object.keys(routeServerErrors(service, []).controls)).toEqual(['targetServiceCode']);
    });

    it('lists the reasons of 422 BUS_ROUTE_TARGET_INVALID', () => {
      const err = new ApiError(422, 'BUS_ROUTE_TARGET_INVALID', 'Routes cannot target …', {
        reasons: ['REQUIRES_CONFIRMATION', 'DANGER_LEVEL_HIGH', 7],
      });
      const found = routeServerErrors(err, []);
      expect(found.reasons).toEqual(['REQUIRES_CONFIRMATION', 'DANGER_LEVEL_HIGH']);
      expect(found.controls.actionName?.code).toBe('BUS_ROUTE_TARGET_INVALID');
    });

    it('spreads VALIDATION_FAILED issues over controls, mapping rows and the rest', () => {
      const err = new ApiError(422, 'VALIDATION_FAILED', 'Bus route validation failed.', {
        issues: [
          { path: 'match.eventType', message: 'match.eventType must not be blank' },
          { path: 'inputMapping.password', message: 'inputMapping.password looks like a secret' },
          { path: 'inputMapping.a.b.0', message: 'inputMapping.a.b.0 must be a path' },
          { path: 'inputMapping.a', message: 'second issue for a.b is not the first' },
          { path: 'inputMapping', message: 'inputMapping must have at most 64 fields' },
          { path: 'extra', message: 'property extra should not exist' },
        ],
      });
      const found = routeServerErrors(err, ['password', 'a', 'a.b', '']);
      expect(found.controls).toEqual({
        eventType: { message: 'match.eventType must not be blank' },
      });
      expect(found.mapping).toEqual({
        password: { message: 'inputMapping.password looks like a secret' },
        'a.b': { message: 'inputMapping.a.b.0 must be a path' },
        a: { message: 'second issue for a.b is not the first' },
      });
      expect(found.other).toEqual([
        { message: 'inputMapping must have at most 64 fields' },
        { message: 'extra: property extra should not exist' },
      ]);
    });

    it('keeps unknown errors out of the form', () => {
      expect(routeServerErrors(new ApiError(500, 'INTERNAL_ERROR', 'boom'), ['a'])).toEqual({
        controls: {},
        mapping: {},
        reasons: [],
        other: [],
      });
    });
  });
});
