/**
 * Compile-time contract between the admin API and the console's hand-written models: `npm run
 * typecheck` (part of `npm test`) fails when a controller's answer and the console type the
 * console reads it as drift apart. Nothing here runs; every check is a type that must be `true`.
 * Add a line for each endpoint whose console model is made exact.
 */
import type { HealthReport, SystemVersion } from '../../admin-ui/src/app/api/models/domain';
import type { CapsuleServicesController } from '../../src/capsule-services/capsule-services.controller';
import type { Page } from '../../src/common/http/envelope';
import type { SystemController } from '../../src/system/system.controller';

/** Exactly the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Check<T extends true> = T;
/** What a controller method answers (the `data` of the envelope, or the Page it is built from). */
type Answer<C, K extends keyof C> = C[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

export type Contracts = [
  Check<Equals<Answer<CapsuleServicesController, 'health'>, HealthReport | null>>,
  Check<Equals<Answer<CapsuleServicesController, 'healthHistory'>, Page<HealthReport>>>,
  Check<Equals<Answer<SystemController, 'version'>, SystemVersion>>,
];
