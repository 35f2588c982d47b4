import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditExportService } from './audit-export.service';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { RejectionAuditSampler } from './rejection-sampler';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditQueryService, AuditExportService, RejectionAuditSampler],
  exports: [AuditService, RejectionAuditSampler],
})
export class AuditModule {}
