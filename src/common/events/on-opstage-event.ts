import { OnEvent } from '@nestjs/event-emitter';
import type { OpstageEventName, OpstageEvents } from './opstage-events';

/**
 * Subscribes a provider method to one Opstage event; the method's parameter type is checked
 * against the payload. Errors thrown by the listener are caught and logged (never re-thrown).
 */
export function OnOpstageEvent<K extends OpstageEventName>(
  event: K,
): <T extends (payload: OpstageEvents[K]) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void {
  return (target, key, descriptor) => {
    OnEvent(event, { suppressErrors: true })(target, key, descriptor);
  };
}
