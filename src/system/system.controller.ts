import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/policy.decorators';
import { SystemService } from './system.service';
import type { SystemHealth, SystemVersion } from '../contracts';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Public()
  @Get('api/system/health')
  @ApiOkResponse({ description: 'Database probe, uptime, version; 503 with status DOWN when the probe fails' })
  async health(@Res({ passthrough: true }) res: Response): Promise<SystemHealth> {
    const health = await this.system.health();
    res.status(health.status === 'DOWN' ? 503 : 200);
    return health;
  }

  @Public()
  @Get('health')
  @ApiOkResponse({ description: 'Process liveness only' })
  liveness(): { status: 'UP' } {
    return { status: 'UP' };
  }

  @Public()
  @Get('api/system/version')
  version(): SystemVersion {
    return this.system.version();
  }
}
