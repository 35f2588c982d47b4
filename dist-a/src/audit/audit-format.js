"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CSV_COLUMNS = void 0;
exports.csvCell = csvCell;
exports.csvHeader = csvHeader;
exports.csvRow = csvRow;
exports.jsonRow = jsonRow;
const audit_mapper_1 = require("./audit.mapper");
/** REF's CSV columns; ipAddress and userAgent are not exported (backend.md §4.12). */
exports.CSV_COLUMNS = ['id', 'createdAt', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'result', 'message', 'metadata'];
/** Cells a spreadsheet would evaluate as a formula (decision 11, OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** One CSV cell: always quoted, quotes doubled, null empty, formula triggers neutralised with a leading `'`. */
function csvCell(value) {
    if (value === null)
        return '""';
    const safe = FORMULA_START.test(value) ? `'${value}` : value;
    return `"${safe.replace(/"/g, '""')}"`;
}
function csvHeader() {
    return `${exports.CSV_COLUMNS.join(',')}\n`;
}
function csvRow(row) {
    const cells = [row.id, row.createdAt, row.actorType, row.actorId, row.action, row.targetType, row.targetId, row.result, row.message, row.metadataJson];
    return `${cells.map(csvCell).join(',')}\n`;
}
function jsonRow(row) {
    return JSON.stringify((0, audit_mapper_1.toPublicAuditEvent)(row));
}
//# sourceMappingURL=audit-format.js.map