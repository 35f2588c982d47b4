/**
 * Compile-time contract between the admin API and the console's hand-written models: `npm run
 * typecheck` (part of `npm test`) fails when a controller's answer and the console type the
 * console reads it as drift apart. Nothing here runs; every check is a type that must be `true`.
 * Add a line for each endpoint whose console model is made exact.
 */
import type { HealthReport } from '../../admin-ui/src/app/api/models/domain';
import type { CapsuleServicesController } from '../../src/capsule-services/capsule-services.controller';
import type { Page } from '../../src/common/http/envelope';

/** Exactly the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Check<T extends true> = T;
type Answer<K extends keyof CapsuleServicesController> = CapsuleServicesController[K] extends (...args: never[]) => Promise<infer R> ? R : never;

export type Contracts = [
  Check<Equals<Answer<'health'>, HealthReport | null>>,
  Check<Equals<Answer<'healthHistory'>, Page<HealthReport>>>,
];
