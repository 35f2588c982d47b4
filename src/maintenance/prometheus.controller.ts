import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/policy.decorators';
import { RawResponse } from '../common/http/envelope';
import { PrometheusService } from './prometheus.service';

@ApiTags('metrics')
@Controller()
export class PrometheusController {
  constructor(private readonly prometheus: PrometheusService) {}

  /** Public route, but 404 unless OPSTAGE_METRICS_ENABLED and 401 without the optional bearer token. */
  @Public()
  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<RawResponse> {
    const { contentType, body } = await this.prometheus.scrape(authorization);
    res.status(200).setHeader('Content-Type', contentType);
    res.send(body);
    return new RawResponse();
  }
}
