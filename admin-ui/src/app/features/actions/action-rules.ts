import type { ActionDefinitionResponse, CommandStatus } from '@opstage/contracts';

const TERMINAL: readonly CommandStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];

export function isTerminal(status: CommandStatus): boolean {
  return TERMINAL.includes(status);
}

/** HIGH danger or an explicit `requiresConfirmation` needs a typed confirmation (stricter than the reference). */
export function needsConfirmation(
  action: Pick<ActionDefinitionResponse, 'dangerLevel' | 'requiresConfirmation'>,
): boolean {
  return (
    action.dangerLevel === 'HIGH' ||
    action.dangerLevel === 'CRITICAL' ||
    action.requiresConfirmation === true
  );
}

/** Known category order (the categories of sdk/README.md, "Actions"); unknown categories follow alphabetically. */
export const CATEGORY_ORDER = [
  'account',
  'item-management',
  'api-key',
  'session',
  'runtime-config',
  'diagnostics',
  'advanced',
  'other',
];
/** Reachable only from result lists/details. */
export const HIDDEN_CATEGORIES = ['page-action', 'row-action'];

export interface ActionGroup {
  category: string;
  actions: ActionDefinitionResponse[];
}

export function groupActions(actions: readonly ActionDefinitionResponse[]): ActionGroup[] {
  const groups = new Map<string, ActionDefinitionResponse[]>();
  for (const action of actions) {
    if (action.enabled === false) {
      continue;
    }
    const category = action.category || 'other';
    if (HIDDEN_CATEGORIES.includes(category)) {
      continue;
    }
    groups.set(category, [...(groups.get(category) ?? []), action]);
  }
  const rank = (category: string) => {
    const index = CATEGORY_ORDER.indexOf(category);
    return index === -1 ? CATEGORY_ORDER.length : index;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({
      category,
      actions: [...list].sort(
        (x, y) => (x.order ?? 999) - (y.order ?? 999) || x.label.localeCompare(y.label),
      ),
    }));
}
