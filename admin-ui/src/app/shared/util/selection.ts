import { computed, signal } from '@angular/core';

/** Row selection of a list page (bulk actions); cleared when the list reloads with other rows. */
export class Selection {
  private readonly set = signal<ReadonlySet<string>>(new Set());
  readonly ids = computed(() => [...this.set()]);
  readonly count = computed(() => this.set().size);

  has(id: string): boolean {
    return this.set().has(id);
  }

  toggle(id: string, on?: boolean): void {
    const next = new Set(this.set());
    const add = on ?? !next.has(id);
    if (add) next.add(id);
    else next.delete(id);
    this.set.set(next);
  }

  /** Whether every id of `rows` is selected (the header checkbox). */
  allOf(rows: readonly string[]): boolean {
    return rows.length > 0 && rows.every((id) => this.set().has(id));
  }

  setAll(rows: readonly string[], on: boolean): void {
    const next = new Set(this.set());
    for (const id of rows) {
      if (on) next.add(id);
      else next.delete(id);
    }
    this.set.set(next);
  }

  /** Keeps only ids still on the page (after a reload). */
  keep(rows: readonly string[]): void {
    const visible = new Set(rows);
    const next = new Set([...this.set()].filter((id) => visible.has(id)));
    if (next.size !== this.set().size) this.set.set(next);
  }

  clear(): void {
    this.set.set(new Set());
  }
}
