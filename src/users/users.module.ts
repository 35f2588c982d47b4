import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { BootstrapService } from './bootstrap.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  // UserSessions comes from the auth module's global SessionsModule (dependency inversion, no import of auth/).
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UsersRepository, WorkspaceRepository, BootstrapService, UsersService],
  exports: [UsersRepository],
})
export class UsersModule {}
