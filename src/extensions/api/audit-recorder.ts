import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { RequestContext } from '../../common/context/request-context';
import type { Tx } from '../../database/transaction';
import type { AuditResult } from '../../contracts';

export interface ExtensionAuditInput {
  /** `ext.<extension-name>.<verb>`, e.g. `ext.acme-inventory.item.created`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result?: AuditResult;
  message?: string | null;
  /** Redacted before it is stored (secret-looking keys and token-looking values). */
  metadata?: Record<string, unknown>;
}

const EXTENSION_ACTION = /^ext\.[a-z][a-z0-9-]*\.[A-Za-z0-9_.-]+$/;

/**
 * Writes audit records for extensions. The actor is the context's principal; actions live under
 * `ext.<name>.` so an extension can never write a record that looks like a core one.
 */
@Injectable()
export class AuditRecorder {
  constructor(private readonly audit: AuditService) {}

  /**
   * Pass the transaction's `em` (the handle `TransactionRunner.run` gave you) to commit the record
   * with the change it describes; without it the record is written on its own.
   */
  async record(ctx: RequestContext, input: ExtensionAuditInput, em?: EntityManager): Promise<void> {
    if (!EXTENSION_ACTION.test(input.action)) {
      throw new Error(`extension audit action "${input.action}" must look like ext.<extension-name>.<verb>`);
    }
    // Listed field by field: an untyped caller cannot smuggle in an `actor` override.
    const { action, targetType, targetId, result, message, metadata } = input;
    const row = { action, targetType, targetId, result, message, metadata };
    // The public signature predates the Tx handle (docs/extensions.md): a manager passed here is the
    // extension's running transaction.
    await (em ? this.audit.record(ctx, row, em as Tx) : this.audit.recordNow(ctx, row));
  }
}
