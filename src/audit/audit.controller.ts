import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { type Page, RawResponse } from '../common/http/envelope';
import { AuditExportService } from './audit-export.service';
import { AuditQueryService } from './audit-query.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { streamToResponse } from './stream-response';
import type { PublicAuditEvent } from '../contracts';

@ApiTags('audit')
@Controller('api/admin/audit-events')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly exporter: AuditExportService,
  ) {}

  @Roles('viewer')
  @Get()
  list(@Ctx() ctx: RequestContext, @Query() query: AuditQueryDto): Promise<Page<PublicAuditEvent>> {
    return this.query.list(ctx, query);
  }

  /** Declared before `:auditEventId` so `export` is not taken for an id. Streamed, no row cap. */
  @Roles('operator')
  @Get('export')
  @ApiProduces('text/csv', 'application/json')
  async export(@Ctx() ctx: RequestContext, @Query() query: AuditQueryDto, @Res() res: Response): Promise<RawResponse> {
    const file = await this.exporter.open(ctx, query);
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename=${file.filename}`);
    res.setHeader('Cache-Control', 'no-store');
    await streamToResponse(res, file.chunks);
    return new RawResponse();
  }

  @Roles('viewer')
  @Get(':auditEventId')
  get(@Ctx() ctx: RequestContext, @Param('auditEventId') id: string): Promise<PublicAuditEvent> {
    return this.query.get(ctx, id);
  }
}
