import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import type { AuditEventEntity } from './audit-event.entity';
import type { AuditExportFormat, AuditQueryDto } from './dto/audit-query.dto';
import { csvHeader, csvRow, jsonRow } from './audit-format';
import { auditFilterOf } from './audit-query.service';
import { AuditRepository, type AuditCursor, type AuditFilter } from './audit.repository';
import { AuditService } from './audit.service';

/** Rows fetched per keyset page; memory stays at one page whatever the export size. */
export const EXPORT_PAGE_SIZE = 1000;

export interface AuditExport {
  format: AuditExportFormat;
  filename: string;
  contentType: string;
  /** Text chunks (one per page) to write in order; pulled lazily so the writer controls the pace. */
  chunks: AsyncIterable<string>;
}

/**
 * Streams the filtered audit log as CSV or JSON: no row cap (the reference stopped at 10 000), constant
 * memory, formula cells escaped, and the export itself audited (docs/design/decisions.md, "Safe exports").
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly audit: AuditService,
  ) {}

  async open(ctx: RequestContext, query: AuditQueryDto): Promise<AuditExport> {
    const filter = auditFilterOf(query);
    const format = query.format ?? 'json';
    // Audited up front: who exported what matters even if the download is abandoned half way.
    await this.audit.recordNow(ctx, {
      action: 'audit.exported',
      targetType: 'AuditLog',
      metadata: { format, filter: { ...filter } },
    });
    const filename = `opstage-audit-${ctx.now.getTime()}.${format}`;
    return format === 'csv'
      ? { format, filename, contentType: 'text/csv; charset=utf-8', chunks: this.csv(filter) }
      : { format, filename, contentType: 'application/json; charset=utf-8', chunks: this.json(filter) };
  }

  private async *csv(filter: AuditFilter): AsyncGenerator<string> {
    yield csvHeader();
    for await (const rows of this.pages(filter)) yield rows.map(csvRow).join('');
  }

  /** The same envelope as the reference's JSON export, written incrementally. */
  private async *json(filter: AuditFilter): AsyncGenerator<string> {
    yield '{"success":true,"data":[';
    let first = true;
    for await (const rows of this.pages(filter)) {
      const body = rows.map(jsonRow).join(',');
      yield first ? body : `,${body}`;
      first = false;
    }
    yield ']}';
  }

  private async *pages(filter: AuditFilter): AsyncGenerator<AuditEventEntity[]> {
    let cursor: AuditCursor | null = null;
    for (;;) {
      const rows = await this.repository.page(filter, cursor, EXPORT_PAGE_SIZE);
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_PAGE_SIZE) return;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }
}
