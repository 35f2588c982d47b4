import type { BusRouteInput, BusRouteStatus, PublicBusRoute } from '@opstage/contracts';
import { JsonObject, isJsonObject } from '../../api/view-types';
import { ApiError } from '../../core/http/api-error';

export const BUS_ROUTE_STATUSES: readonly BusRouteStatus[] = ['DISABLED', 'DRY_RUN', 'ENABLED'];

/** Server-side limits of src/bus/dto/bus-route.dto.ts. */
export const ROUTE_LIMITS = {
  name: 200,
  description: 2000,
  eventType: 200,
  serviceCode: 80,
  actionName: 128,
} as const;

/** Form controls of the route dialog. */
export type RouteControl =
  | 'name'
  | 'description'
  | 'status'
  | 'eventType'
  | 'sourceServiceCode'
  | 'targetServiceCode'
  | 'actionName';

export interface RouteFormValue {
  name: string;
  description: string;
  status: BusRouteStatus;
  eventType: string;
  sourceServiceCode: string;
  targetServiceCode: string;
  actionName: string;
}

export function formValueOf(route: PublicBusRoute | null): RouteFormValue {
  return {
    name: route?.name ?? '',
    description: route?.description ?? '',
    status: route?.status ?? 'DISABLED',
    eventType: route?.match.eventType ?? '',
    sourceServiceCode: route?.match.sourceServiceCode ?? '',
    targetServiceCode: route?.target.serviceCode ?? '',
    actionName: route?.target.actionName ?? '',
  };
}

/**
 * Form → request body. An empty (or `*`) source means "any service" and is left out. Pass
 * `inputMapping` to send it; leave it `undefined` on an edit that did not change the mapping so
 * the server keeps the stored one. `metadata` is never sent from the console (kept on PUT).
 */
export function inputFromForm(value: RouteFormValue, inputMapping?: JsonObject): BusRouteInput {
  const source = value.sourceServiceCode.trim();
  const description = value.description.trim();
  return {
    name: value.name.trim(),
    ...(description ? { description } : {}),
    status: value.status,
    match: {
      eventType: value.eventType.trim(),
      ...(source && source !== '*' ? { sourceServiceCode: source } : {}),
    },
    target: { serviceCode: value.targetServiceCode.trim(), actionName: value.actionName.trim() },
    ...(inputMapping === undefined ? {} : { inputMapping }),
  };
}

/**
 * Body for the status switch: the route as it is with another status. `inputMapping` and
 * `metadata` are left out on purpose: on PUT, absent keeps the stored values.
 */
export function statusChangeInput(route: PublicBusRoute, status: BusRouteStatus): BusRouteInput {
  return inputFromForm({ ...formValueOf(route), status });
}

/** A server problem shown next to what caused it; `code` is translated when known, else `message`. */
export interface FieldProblem {
  code?: string;
  message: string;
}

export interface RouteServerErrors {
  controls: Partial<Record<RouteControl, FieldProblem>>;
  /** By mapping field name (the row that has it). */
  mapping: Record<string, FieldProblem>;
  /** 422 BUS_ROUTE_TARGET_INVALID `details.reasons`: ACTION_DISABLED, REQUIRES_CONFIRMATION, DANGER_LEVEL_HIGH. */
  reasons: string[];
  /** Issues that belong to no control or row. */
  other: FieldProblem[];
}

const PATH_TO_CONTROL: Record<string, RouteControl> = {
  name: 'name',
  description: 'description',
  status: 'status',
  match: 'eventType',
  'match.eventType': 'eventType',
  'match.sourceServiceCode': 'sourceServiceCode',
  target: 'targetServiceCode',
  'target.serviceCode': 'targetServiceCode',
  'target.actionName': 'actionName',
};

/**
 * Spreads a failed save over the form: 404 with `details.field` (`target.serviceCode`,
 * `target.actionName`), 422 BUS_ROUTE_TARGET_INVALID with `details.reasons`, and 422
 * VALIDATION_FAILED `details.issues[].path` (`name`, `match.eventType`, `inputMapping.<field>`…).
 * `mappingFields` are the field names in the editor, so a dotted field name still finds its row.
 */
export function routeServerErrors(
  err: ApiError,
  mappingFields: readonly string[],
): RouteServerErrors {
  const out: RouteServerErrors = { controls: {}, mapping: {}, reasons: [], other: [] };
  const details = isJsonObject(err.details) ? err.details : {};
  const field = details['field'];
  if (typeof field === 'string' && PATH_TO_CONTROL[field]) {
    out.controls[PATH_TO_CONTROL[field]] = { code: err.code, message: err.message };
  }
  if (err.code === 'BUS_ROUTE_TARGET_INVALID') {
    const reasons = details['reasons'];
    out.reasons = Array.isArray(reasons)
      ? reasons.filter((r): r is string => typeof r === 'string')
      : [];
    out.controls.actionName = { code: err.code, message: err.message };
  }
  const issues = details['issues'];
  if (Array.isArray(issues)) {
    const byLength = [...new Set(mappingFields.map((f) => f.trim()).filter((f) => f !== ''))].sort(
      (a, b) => b.length - a.length,
    );
    for (const issue of issues) {
      if (!isJsonObject(issue)) {
        continue;
      }
      const path = typeof issue['path'] === 'string' ? issue['path'] : '';
      const problem: FieldProblem = {
        message: typeof issue['message'] === 'string' ? issue['message'] : err.message,
      };
      if (path.startsWith('inputMapping.')) {
        const rest = path.slice('inputMapping.'.length);
        const target = byLength.find((f) => rest === f || rest.startsWith(`${f}.`));
        if (target !== undefined) {
          out.mapping[target] ??= problem;
          continue;
        }
      }
      const control = PATH_TO_CONTROL[path];
      if (control) {
        out.controls[control] ??= problem;
      } else {
        out.other.push(
          path
            ? {
                message: problem.message.startsWith(path)
                  ? problem.message
                  : `${path}: ${problem.message}`,
              }
            : problem,
        );
      }
    }
  }
  return out;
}
