/**
 * What a live data slide shows: the rows found in a query's answer, read as labels and numbers.
 * Pure functions, so that the way an answer becomes a chart is tested without a browser.
 */

export type Row = Record<string, unknown>;

/** The list at `path` (dotted, e.g. `district.issues.nodes`), or the first list found when no path is given. */
export function rowsOf(data: unknown, path?: string | null): Row[] {
  if (path) {
    let value: unknown = data;
    for (const part of path.split('.').filter(Boolean)) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return Array.isArray(value) ? value.filter(isRow) : [];
  }
  const found = firstList(data);
  return found ? found.filter(isRow) : [];
}

function firstList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) {
    return value;
  }
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      const found = firstList(child);
      if (found) {
        return found;
      }
    }
  }
  return null;
}

function isRow(value: unknown): value is Row {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The row's label: `label`, `name`, `title`, `key`, or its first text. */
export function labelOf(row: Row): string {
  for (const key of ['label', 'name', 'title', 'key']) {
    if (typeof row[key] === 'string' && row[key]) {
      return row[key] as string;
    }
  }
  const text = Object.values(row).find((v) => typeof v === 'string');
  return typeof text === 'string' ? text : '';
}

/** The row's number: `count`, `value`, `total`, or its first number. */
export function valueOf(row: Row): number {
  for (const key of ['count', 'value', 'total', 'totalCount']) {
    if (typeof row[key] === 'number') {
      return row[key] as number;
    }
  }
  const number = Object.values(row).find((v) => typeof v === 'number');
  return typeof number === 'number' ? number : 0;
}

/** A KPI: the sum of the rows' numbers, or the answer's first number when it has no list. */
export function kpiOf(data: unknown, path?: string | null): number {
  const rows = rowsOf(data, path);
  if (rows.length > 0) {
    return rows.reduce((sum, row) => sum + valueOf(row), 0);
  }
  return firstNumber(data) ?? 0;
}

function firstNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return value;
  }
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      const found = firstNumber(child);
      if (found !== null) {
        return found;
      }
    }
  }
  return null;
}

/** The columns of a table: the scalar fields of the first row. */
export function columnsOf(rows: Row[]): string[] {
  if (rows.length === 0) {
    return [];
  }
  return Object.entries(rows[0]).filter(([, v]) => v === null || typeof v !== 'object').map(([k]) => k)
    .filter((k) => k !== '__typename');
}

/** Which slide to show: the presenter's while following, one's own while browsing. */
export function shownSlide(follow: boolean, presenterSlide: number | null | undefined, own: number, count: number): number | null {
  if (count === 0) {
    return null;
  }
  const wanted = follow ? presenterSlide ?? 0 : own;
  return Math.max(0, Math.min(count - 1, wanted));
}
