import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import { Roles, TokenRole } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { RawResponse } from '../common/http/envelope';
import { BackupService } from './backup.service';
import { DashboardService } from './dashboard.service';
import { DiagnosticsService } from './diagnostics.service';
import { MetricsService } from './metrics.service';
import type { DashboardSummary, MetricsView, RuntimeDiagnostics } from '../contracts';

@ApiTags('operations')
@Controller('api/admin')
export class OperationsController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly metricsService: MetricsService,
    private readonly diagnostics: DiagnosticsService,
    private readonly backups: BackupService,
  ) {}

  @Roles('viewer')
  @Get('dashboard/summary')
  summary(@Ctx() ctx: RequestContext): Promise<DashboardSummary> {
    return this.dashboard.summary(ctx);
  }

  @Roles('viewer')
  @Get('metrics')
  metrics(@Ctx() ctx: RequestContext): Promise<MetricsView> {
    return this.metricsService.metrics(ctx);
  }

  @Roles('operator')
  @Get('diagnostics/runtime')
  runtime(@Ctx() ctx: RequestContext): Promise<RuntimeDiagnostics> {
    return this.diagnostics.runtime(ctx);
  }

  @Roles('owner')
  // A nightly backup from cron should not need a person's password (docs/api-tokens-and-cli.md, "What a token can reach").
  @TokenRole('operator')
  @Post('backup/sqlite')
  @HttpCode(200)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The SQLite backup file as an attachment (also kept in OPSTAGE_BACKUP_DIR)' })
  async backup(@Ctx() ctx: RequestContext, @Res() res: Response): Promise<RawResponse> {
    const file = await this.backups.create(ctx);
    res.status(200);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    createReadStream(file.path).pipe(res);
    return new RawResponse();
  }
}
