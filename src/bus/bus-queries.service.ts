import { Injectable } from '@nestjs/common';
import { toPublicAuditEvent } from '../audit/audit.mapper';
import type { RequestContext } from '../common/context/request-context';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { BusAuditRepository } from './bus-audit.repository';
import { BusEventsRepository } from './bus-events.repository';
import { toPublicBusEvent } from './bus.mapper';
import type { ListBusEventsQueryDto } from './dto/list-bus-events-query.dto';
import type { PublicAuditEvent, PublicBusEvent } from '../contracts';

/** Admin read side: stored events and the `bus.*` slice of the audit log. */
@Injectable()
export class BusQueriesService {
  constructor(
    private readonly events: BusEventsRepository,
    private readonly audit: BusAuditRepository,
  ) {}

  async listEvents(_ctx: RequestContext, query: ListBusEventsQueryDto): Promise<Page<PublicBusEvent>> {
    const page = pageRequest(query);
    const [rows, total] = await this.events.list(
      { eventType: query.eventType, serviceCode: query.serviceCode, agentId: query.agentId },
      page.offset,
      page.pageSize,
    );
    return new Page(rows.map(toPublicBusEvent), pagination(page, total));
  }

  async auditEvents(_ctx: RequestContext, query: PaginationQueryDto): Promise<Page<PublicAuditEvent>> {
    const page = pageRequest(query);
    const [rows, total] = await this.audit.list(page.offset, page.pageSize);
    return new Page(rows.map(toPublicAuditEvent), pagination(page, total));
  }
}
