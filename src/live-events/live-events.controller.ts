import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles, SessionOnly } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { forbidden } from '../common/errors/domain-error';
import { LiveStreams } from './live-streams';

@ApiTags('live-events')
@Controller('api/admin/events')
export class LiveEventsController {
  constructor(private readonly streams: LiveStreams) {}

  /**
   * Server-sent events of changes the caller may see (docs/api.md). A GET with the session
   * cookie (no CSRF); resumes after `Last-Event-ID`. The response is written directly, outside
   * the JSON envelope, and stays open.
   */
  @Get('stream')
  @Roles('viewer')
  @SessionOnly()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of {id, type, topics, ids, at, data}' })
  stream(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): void {
    if (ctx.principal.kind !== 'user') throw forbidden();
    this.streams.open(req, res, ctx.principal);
  }
}
