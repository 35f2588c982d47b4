import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { UpdateMaintenanceSettingsDto } from './dto/maintenance-settings.dto';
import { MaintenanceSettingsService } from './maintenance-settings.service';
import type { MaintenanceSettingsView, SweepResult } from '../contracts';

@ApiTags('maintenance')
@Controller('api/admin')
export class MaintenanceController {
  constructor(private readonly service: MaintenanceSettingsService) {}

  @Roles('viewer')
  @Get('settings/maintenance')
  @ApiOkResponse({ description: 'Effective maintenance settings, which keys are pinned, and the environment defaults' })
  get(@Ctx() ctx: RequestContext): Promise<MaintenanceSettingsView> {
    return this.service.view(ctx);
  }

  @Roles('owner')
  @Patch('settings/maintenance')
  update(@Ctx() ctx: RequestContext, @Body() dto: UpdateMaintenanceSettingsDto): Promise<MaintenanceSettingsView> {
    return this.service.update(ctx, dto);
  }

  @Roles('owner')
  @Delete('settings/maintenance')
  @ApiOkResponse({ description: 'Drops every pinned value; the environment defaults apply again' })
  reset(@Ctx() ctx: RequestContext): Promise<MaintenanceSettingsView> {
    return this.service.reset(ctx);
  }

  @Roles('operator')
  @Post('maintenance/run')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Runs one sweep now (or joins the one running) and returns its counts' })
  run(@Ctx() ctx: RequestContext): Promise<SweepResult> {
    return this.service.runNow(ctx);
  }
}
