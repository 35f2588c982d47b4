"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BoolColumn = exports.IntColumn = exports.NullableId = exports.IdColumn = exports.NullableIso = exports.IsoColumn = exports.NullableText = exports.TextColumn = void 0;
const typeorm_1 = require("typeorm");
/**
 * Column helpers that keep the schema portable between SQLite and PostgreSQL: timestamps are
 * ISO-8601 text (lexicographic order = time order), JSON is text, booleans are the ORM's boolean.
 */
const TextColumn = (options = {}) => (0, typeorm_1.Column)({ type: 'text', ...options });
exports.TextColumn = TextColumn;
const NullableText = (options = {}) => (0, typeorm_1.Column)({ type: 'text', nullable: true, ...options });
exports.NullableText = NullableText;
const IsoColumn = () => (0, typeorm_1.Column)({ type: 'varchar', length: 24 });
exports.IsoColumn = IsoColumn;
const NullableIso = () => (0, typeorm_1.Column)({ type: 'varchar', length: 24, nullable: true });
exports.NullableIso = NullableIso;
const IdColumn = () => (0, typeorm_1.Column)({ type: 'varchar', length: 40 });
exports.IdColumn = IdColumn;
const NullableId = () => (0, typeorm_1.Column)({ type: 'varchar', length: 40, nullable: true });
exports.NullableId = NullableId;
const IntColumn = (options = {}) => (0, typeorm_1.Column)({ type: 'integer', ...options });
exports.IntColumn = IntColumn;
const BoolColumn = (defaultValue) => (0, typeorm_1.Column)({ type: 'boolean', default: defaultValue });
exports.BoolColumn = BoolColumn;
//# sourceMappingURL=columns.js.map