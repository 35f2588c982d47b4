import { Global, Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { LivenessWriter } from './liveness-writer';

/**
 * The liveness write-behind of the agent routes (LivenessWriter), bound as the app's ReadBarrier.
 * Global because readers anywhere settle that barrier before judging liveness (the policy guard
 * before every operator request, the sweep, command gating, metrics): they depend on the
 * ReadBarrier contract in common/, never on this folder.
 */
@Global()
@Module({
  imports: [AgentsModule, AuditModule],
  providers: [LivenessWriter, { provide: ReadBarrier, useExisting: LivenessWriter }],
  exports: [LivenessWriter, ReadBarrier],
})
export class LivenessModule {}
