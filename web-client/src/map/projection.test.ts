import { describe, expect, it } from 'vitest';
import { convexHull, outlinePath, project } from './projection';

const points = [
  { id: 'north', latitude: 36.3, longitude: 127.1 },
  { id: 'south', latitude: 36.1, longitude: 127.1 },
  { id: 'west', latitude: 36.2, longitude: 127.0 },
  { id: 'east', latitude: 36.2, longitude: 127.2 },
];

describe('project', () => {
  it('puts north up and east right, inside the box with its margin', () => {
    const xy = project(points, 400, 300, 20);
    expect(xy.get('north')!.y).toBeLessThan(xy.get('south')!.y);
    expect(xy.get('east')!.x).toBeGreaterThan(xy.get('west')!.x);
    for (const p of xy.values()) {
      expect(p.x).toBeGreaterThanOrEqual(20);
      expect(p.x).toBeLessThanOrEqual(380);
      expect(p.y).toBeGreaterThanOrEqual(20);
      expect(p.y).toBeLessThanOrEqual(280);
    }
  });

  it('keeps distances true to the ground: a degree of longitude is shorter than one of latitude', () => {
    const xy = project(points, 1000, 1000, 0);
    const width = xy.get('east')!.x - xy.get('west')!.x;
    const height = xy.get('south')!.y - xy.get('north')!.y;
    expect(width / height).toBeCloseTo(Math.cos((36.2 * Math.PI) / 180), 2);
  });

  it('copes with no points and with one point', () => {
    expect(project([], 100, 100, 10).size).toBe(0);
    const one = project([points[0]], 100, 100, 10).get('north')!;
    expect(one.x).toBeCloseTo(50);
    expect(one.y).toBeCloseTo(50);
  });
});

describe('outline', () => {
  it('keeps only the points on the hull', () => {
    const hull = convexHull([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 5, y: 5 }]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual({ x: 5, y: 5 });
  });

  it('draws a closed path, or nothing for fewer than three points', () => {
    expect(outlinePath([{ x: 0, y: 0 }, { x: 1, y: 1 }], 5)).toBe('');
    expect(outlinePath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 10 }], 5)).toMatch(/^M.* Z$/);
  });
});
