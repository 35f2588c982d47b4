import { computed, inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  FormControl,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { catchError, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import type { ActionDefinitionResponse, CapsuleServiceResponse } from '@opstage/contracts';
import { CapsuleServicesApi } from '../../api/capsule-services.api';
import { ROUTE_LIMITS, RouteFormValue } from './bus-route-form';

/** Not blank (a value of spaces only is as good as empty). */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value ?? '';
  return value !== '' && value.trim() === '' ? { required: true } : null;
}

/** The route dialog's form with the server's limits as client checks (call in an injection context). */
export function createRouteForm(initial: RouteFormValue) {
  return inject(FormBuilder).nonNullable.group({
    name: [initial.name, [Validators.required, notBlank, Validators.maxLength(ROUTE_LIMITS.name)]],
    description: [initial.description, [Validators.maxLength(ROUTE_LIMITS.description)]],
    status: [initial.status, [Validators.required]],
    eventType: [
      initial.eventType,
      [Validators.required, notBlank, Validators.maxLength(ROUTE_LIMITS.eventType)],
    ],
    sourceServiceCode: [
      initial.sourceServiceCode,
      [Validators.maxLength(ROUTE_LIMITS.serviceCode)],
    ],
    targetServiceCode: [
      initial.targetServiceCode,
      [Validators.required, notBlank, Validators.maxLength(ROUTE_LIMITS.serviceCode)],
    ],
    actionName: [
      initial.actionName,
      [Validators.required, notBlank, Validators.maxLength(ROUTE_LIMITS.actionName)],
    ],
  });
}

export interface RouteTargetPicker {
  /** What is typed in the source and target service fields. */
  readonly sourceText: Signal<string>;
  readonly targetText: Signal<string>;
  /** The chosen target's enabled actions that match what is typed in the action field. */
  readonly matchingActions: Signal<ActionDefinitionResponse[]>;
  /** Up to 20 known services whose code or name contains the text. */
  matching(text: string | null | undefined): CapsuleServiceResponse[];
}

/**
 * Known services and, for the chosen target, its actions: pickers over free text (any code can
 * still be typed, and a failed lookup only leaves the picker empty). Call in an injection context.
 */
export function createRouteTargetPicker(controls: {
  sourceServiceCode: FormControl<string>;
  targetServiceCode: FormControl<string>;
  actionName: FormControl<string>;
}): RouteTargetPicker {
  const servicesApi = inject(CapsuleServicesApi);
  const services = toSignal(
    servicesApi.list({ pageSize: 100 }).pipe(
      map((page) => page.items),
      catchError(() => of([] as CapsuleServiceResponse[])),
    ),
    { initialValue: [] as CapsuleServiceResponse[] },
  );
  const sourceText = toSignal(controls.sourceServiceCode.valueChanges, {
    initialValue: controls.sourceServiceCode.value,
  });
  const targetText = toSignal(controls.targetServiceCode.valueChanges, {
    initialValue: controls.targetServiceCode.value,
  });
  const actionText = toSignal(controls.actionName.valueChanges, {
    initialValue: controls.actionName.value,
  });
  const targetActions = toSignal(
    controls.targetServiceCode.valueChanges.pipe(
      startWith(controls.targetServiceCode.value),
      map((code) => code.trim()),
      distinctUntilChanged(),
      switchMap((code) => {
        const svc = services().find((s) => s.code === code);
        return svc
          ? servicesApi.actions(svc.id).pipe(catchError(() => of([] as ActionDefinitionResponse[])))
          : of([] as ActionDefinitionResponse[]);
      }),
    ),
    { initialValue: [] as ActionDefinitionResponse[] },
  );
  const matchingActions = computed(() => {
    const text = (actionText() ?? '').trim().toLowerCase();
    return targetActions().filter(
      (a) =>
        a.enabled !== false &&
        (!text || a.name.toLowerCase().includes(text) || a.label.toLowerCase().includes(text)),
    );
  });
  const matching = (text: string | null | undefined): CapsuleServiceResponse[] => {
    const q = (text ?? '').trim().toLowerCase();
    return services()
      .filter((s) => !q || s.code.toLowerCase().includes(q) || s.name.toLowerCase().includes(q))
      .slice(0, 20);
  };
  return { sourceText, targetText, matchingActions, matching };
}
