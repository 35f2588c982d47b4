/**
 * The admin API's wire types, shared by the server (its mappers and services declare their answers
 * with them) and the console (`@opstage/contracts` in admin-ui/tsconfig.json), so a renamed field
 * fails both builds. Types only: nothing here may import from the rest of `src/` or from a library
 * (lint), because the console compiles these files too (docs/design/architecture.md, "Shared contracts").
 */
export type * from './envelope';
export type * from './users';
export type * from './agents';
export type * from './capsule-services';
export type * from './commands';
export type * from './audit';
export type * from './registration-tokens';
export type * from './settings';
export type * from './maintenance';
export type * from './system';
export type * from './bus';
export type * from './overview';
export type * from './live-events';
export type * from './bulk';
export type * from './api-tokens';
export type * from './notifications';
export type * from './schedules';
