import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles, SessionOnly } from '../common/auth/policy.decorators';
import { Ctx } from '../common/context/ctx.decorator';
import type { RequestContext } from '../common/context/request-context';
import { ApprovalsService } from './approvals.service';
import { ApproveCommandDto, RejectCommandDto, UpdateApprovalSettingsDto } from './dto/approvals.dto';
import type { ApprovalSettings, PublicCommand } from '../contracts';

/** Four-eyes approval (docs/actions-and-commands.md, "Approval"): decisions are a person's, never a token's. */
@ApiTags('approvals')
@Controller('api/admin')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get('settings/approvals')
  @Roles('viewer')
  @ApiOkResponse({ description: 'Danger levels that need approval and how long a request waits' })
  settings(): Promise<ApprovalSettings> {
    return this.approvals.settingsView();
  }

  @Patch('settings/approvals')
  @Roles('owner')
  @SessionOnly()
  updateSettings(@Ctx() ctx: RequestContext, @Body() dto: UpdateApprovalSettingsDto): Promise<ApprovalSettings> {
    return this.approvals.updateSettings(ctx, dto);
  }

  @Post('commands/:commandId/approve')
  @HttpCode(200)
  @ApiBody({ type: ApproveCommandDto, required: false })
  @Roles('operator')
  @SessionOnly()
  approve(
    @Ctx() ctx: RequestContext,
    @Param('commandId') commandId: string,
    @Body() body: ApproveCommandDto,
  ): Promise<PublicCommand> {
    return this.approvals.approve(ctx, commandId, body.comment);
  }

  @Post('commands/:commandId/reject')
  @HttpCode(200)
  @Roles('operator')
  @SessionOnly()
  reject(
    @Ctx() ctx: RequestContext,
    @Param('commandId') commandId: string,
    @Body() body: RejectCommandDto,
  ): Promise<PublicCommand> {
    return this.approvals.reject(ctx, commandId, body.comment);
  }
}
