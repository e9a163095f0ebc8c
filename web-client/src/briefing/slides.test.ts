import { describe, expect, it } from 'vitest';
import { columnsOf, kpiOf, labelOf, rowsOf, shownSlide, valueOf } from './slides';

const counts = { issueCounts: [{ key: 'dst_a', label: '강경읍', count: 3 }, { key: 'dst_b', label: '연무읍', count: 2 }] };

describe('live data slides', () => {
  it('find the rows by path, or the first list', () => {
    expect(rowsOf(counts, 'issueCounts')).toHaveLength(2);
    expect(rowsOf({ district: { issues: { nodes: [{ title: 'x' }] } } }, 'district.issues.nodes')).toEqual([{ title: 'x' }]);
    expect(rowsOf({ a: 1, b: { c: [{ n: 1 }] } })).toEqual([{ n: 1 }]);
    expect(rowsOf(counts, 'nowhere')).toEqual([]);
  });

  it('read labels and numbers', () => {
    expect(labelOf(counts.issueCounts[0])).toBe('강경읍');
    expect(valueOf(counts.issueCounts[0])).toBe(3);
    expect(labelOf({ code: 'x', population: 5 })).toBe('x');
    expect(valueOf({ code: 'x', population: 5 })).toBe(5);
  });

  it('sum a KPI, or take the only number', () => {
    expect(kpiOf(counts, 'issueCounts')).toBe(5);
    expect(kpiOf({ issues: { totalCount: 42 } })).toBe(42);
  });

  it('show scalar columns only', () => {
    expect(columnsOf([{ __typename: 'X', title: 'a', owner: { name: 'b' }, count: 1 }])).toEqual(['title', 'count']);
  });

  it('follow the presenter, or browse and stay in range', () => {
    expect(shownSlide(true, 2, 0, 5)).toBe(2);
    expect(shownSlide(false, 2, 4, 5)).toBe(4);
    expect(shownSlide(false, 2, 9, 5)).toBe(4);
    expect(shownSlide(true, null, 0, 0)).toBeNull();
  });
});
