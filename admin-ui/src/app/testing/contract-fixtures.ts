import type { ActionDefinitionResponse } from '@opstage/contracts';

/** Unit-test builders of wire objects: complete per `@opstage/contracts`, overridden per test. */
export function actionDefinition(
  name: string,
  extra: Partial<ActionDefinitionResponse> = {},
): ActionDefinitionResponse {
  return {
    id: `act_${name}`,
    serviceId: 'svc_1',
    name,
    label: name,
    description: null,
    dangerLevel: 'LOW',
    requiresConfirmation: false,
    inputSchema: {},
    timeoutSeconds: null,
    enabled: true,
    hasPrepare: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
