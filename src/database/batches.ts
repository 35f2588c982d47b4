import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One batch of a bulk step (the maintenance sweep): how many rows the batch picked and how many it
 * changed. The caller loops while `selected` comes back equal to its limit (docs/operations.md,
 * "Maintenance sweep").
 */
export interface BatchOutcome {
  selected: number;
  affected: number;
}

export const NO_BATCH: BatchOutcome = { selected: 0, affected: 0 };

/** The ids of at most `limit` rows the query selects (it must select `id`). */
export async function selectIds(query: SelectQueryBuilder<ObjectLiteral>, limit: number): Promise<string[]> {
  const rows = await query.limit(limit).getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}

/** Deletes the rows `select` picks (at most `limit`) in the caller's transaction. */
export async function deleteBatch(
  em: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  select: SelectQueryBuilder<ObjectLiteral>,
  limit: number,
): Promise<BatchOutcome> {
  const ids = await selectIds(select, limit);
  if (ids.length === 0) return NO_BATCH;
  const res = await em.createQueryBuilder().delete().from(entity).where('id IN (:...ids)', { ids }).execute();
  return { selected: ids.length, affected: res.affected ?? ids.length };
}

/**
 * Updates the rows `select` picks (at most `limit`) in the caller's transaction. `guard` re-checks
 * the condition in the UPDATE itself, so a row changed since the select is left alone.
 */
export async function updateBatch(
  em: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  select: SelectQueryBuilder<ObjectLiteral>,
  values: ObjectLiteral,
  guard: string,
  limit: number,
): Promise<BatchOutcome> {
  const ids = await selectIds(select, limit);
  if (ids.length === 0) return NO_BATCH;
  const res = await em
    .createQueryBuilder()
    .update(entity)
    .set(values)
    .where('id IN (:...ids)', { ids })
    .andWhere(guard)
    .execute();
  return { selected: ids.length, affected: res.affected ?? ids.length };
}
