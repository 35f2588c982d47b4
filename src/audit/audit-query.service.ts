import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination } from '../common/http/pagination.dto';
import type { AuditQueryDto } from './dto/audit-query.dto';
import { toPublicAuditEvent } from './audit.mapper';
import { AuditRepository, type AuditFilter } from './audit.repository';
import type { PublicAuditEvent } from '../contracts';

/** `from > to` is a client mistake: 422 with path `from`, as in the reference. */
export function auditFilterOf(query: AuditQueryDto): AuditFilter {
  if (query.from && query.to && query.from > query.to) {
    throw validationFailed(
      [{ path: 'from', message: 'from must be before or equal to to' }],
      'Audit event query validation failed.',
    );
  }
  return {
    actorType: query.actorType,
    result: query.result,
    action: query.action,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from,
    to: query.to,
    q: query.q,
  };
}

/** Read side of the audit log for the admin API. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly repository: AuditRepository) {}

  async list(_ctx: RequestContext, query: AuditQueryDto): Promise<Page<PublicAuditEvent>> {
    const filter = auditFilterOf(query);
    const page = pageRequest(query);
    const [rows, total] = await this.repository.list(filter, page.offset, page.pageSize);
    return new Page(rows.map(toPublicAuditEvent), pagination(page, total));
  }

  async get(_ctx: RequestContext, id: string): Promise<PublicAuditEvent> {
    const row = await this.repository.findById(id);
    if (!row) throw notFound('AUDIT_EVENT_NOT_FOUND', 'Audit event not found.');
    return toPublicAuditEvent(row);
  }
}
