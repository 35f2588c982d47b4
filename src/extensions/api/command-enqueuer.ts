import { Injectable } from '@nestjs/common';
import { CommandCreationService } from '../../commands/command-creation.service';
import type { RequestContext } from '../../common/context/request-context';
import type { PublicCommand } from '../../contracts';

/** A command as the admin API shows it. */
export type CommandView = PublicCommand;

export interface ExtensionEnqueueInput {
  /** The extension asking (its `@OpstageExtension` name); stored as the command's creator. */
  extension: string;
  serviceId: string;
  actionName: string;
  payload?: Record<string, unknown>;
  /** Required (`true`) for actions that need confirmation or are HIGH danger. */
  confirmation?: boolean;
}

/**
 * Creates ACTION_EXECUTE commands through the same checks as the console (action exists and is
 * enabled, payload schema, confirmation, agent availability), sealed secrets, audit and agent wake-up.
 */
@Injectable()
export class CommandEnqueuer {
  constructor(private readonly commands: CommandCreationService) {}

  enqueue(ctx: RequestContext, input: ExtensionEnqueueInput): Promise<CommandView> {
    return this.commands.enqueue(ctx, {
      serviceId: input.serviceId,
      actionName: input.actionName,
      payload: input.payload,
      confirmation: input.confirmation,
      createdBy: { type: 'EXTENSION', id: input.extension },
    });
  }
}
