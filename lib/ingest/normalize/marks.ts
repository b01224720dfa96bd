// Field names an event's normalisation reports in truncated_fields / normalized_fields. Most
// events change nothing: the sets exist only once something is marked (two Sets per event
// were a measurable share of ingest's garbage, docs/performance.md).

export class FieldMarks {
  private truncatedSet: Set<string> | null = null;
  private normalizedSet: Set<string> | null = null;

  truncate(field: string): void {
    this.truncatedSet ??= new Set();
    this.truncatedSet.add(field);
  }

  normalize(field: string): void {
    this.normalizedSet ??= new Set();
    this.normalizedSet.add(field);
  }

  /** Sorted, so equal events store equal lists. */
  truncatedFields(): string[] {
    return this.truncatedSet ? [...this.truncatedSet].sort() : [];
  }

  normalizedFields(): string[] {
    return this.normalizedSet ? [...this.normalizedSet].sort() : [];
  }
}
