import type { AuditEventEntity } from './audit-event.entity';
import { toPublicAuditEvent } from './audit.mapper';

/** The reference's CSV columns; ipAddress and userAgent are not exported (docs/operators.md, "Audit log"). */
export const CSV_COLUMNS = [
  'id',
  'createdAt',
  'actorType',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'result',
  'message',
  'metadata',
] as const;

/** Cells a spreadsheet would evaluate as a formula (docs/design/decisions.md, "Safe exports", OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: always quoted, quotes doubled, null empty, formula triggers neutralised with a leading `'`. */
export function csvCell(value: string | null): string {
  if (value === null) return '""';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\n`;
}

export function csvRow(row: AuditEventEntity): string {
  const cells: (string | null)[] = [
    row.id,
    row.createdAt,
    row.actorType,
    row.actorId,
    row.action,
    row.targetType,
    row.targetId,
    row.result,
    row.message,
    row.metadataJson,
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}

export function jsonRow(row: AuditEventEntity): string {
  return JSON.stringify(toPublicAuditEvent(row));
}
