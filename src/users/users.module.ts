import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { BootstrapService } from './bootstrap.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [AuditModule],
  providers: [UsersRepository, WorkspaceRepository, BootstrapService],
  exports: [UsersRepository],
})
export class UsersModule {}
