/**
 * Drawing districts from their centroids: an equirectangular projection scaled for the latitude
 * (good enough over a city), fitted into a box, and an outline around the points. The hub ships
 * centroids, not boundaries, so the outline is only an approximate extent of the city.
 */

export interface GeoPoint {
  id: string;
  latitude: number;
  longitude: number;
}

export interface XY {
  x: number;
  y: number;
}

/** Projects points into a width x height box with a margin; north is up, the aspect kept. */
export function project(points: GeoPoint[], width: number, height: number, margin: number): Map<string, XY> {
  const result = new Map<string, XY>();
  if (points.length === 0) {
    return result;
  }
  const meanLat = points.reduce((sum, p) => sum + p.latitude, 0) / points.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const xs = points.map((p) => p.longitude * kx);
  const ys = points.map((p) => p.latitude);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  // A single point, or points on one line, have no extent on an axis: centre them there.
  const fit = Math.min(spanX > 0 ? (width - 2 * margin) / spanX : Infinity, spanY > 0 ? (height - 2 * margin) / spanY : Infinity);
  const scale = Number.isFinite(fit) ? fit : 0;
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  points.forEach((p, i) => {
    result.set(p.id, { x: offsetX + (xs[i] - minX) * scale, y: offsetY + (maxY - ys[i]) * scale });
  });
  return result;
}

/** The convex hull of points, counter-clockwise in screen coordinates (Andrew's monotone chain). */
export function convexHull(points: XY[]): XY[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) {
    return sorted;
  }
  const cross = (o: XY, a: XY, b: XY) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: XY[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: XY[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** A smooth closed path around the hull, pushed out from its centre by `padding`. */
export function outlinePath(points: XY[], padding: number): string {
  const hull = convexHull(points);
  if (hull.length < 3) {
    return '';
  }
  const cx = hull.reduce((sum, p) => sum + p.x, 0) / hull.length;
  const cy = hull.reduce((sum, p) => sum + p.y, 0) / hull.length;
  const grown = hull.map((p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    const length = Math.hypot(dx, dy) || 1;
    return { x: p.x + (dx / length) * padding, y: p.y + (dy / length) * padding };
  });
  // Quadratic curves through the midpoints of the edges, with the vertices as control points.
  const mid = (a: XY, b: XY) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const start = mid(grown[grown.length - 1], grown[0]);
  let path = `M${start.x.toFixed(1)},${start.y.toFixed(1)}`;
  grown.forEach((p, i) => {
    const next = mid(p, grown[(i + 1) % grown.length]);
    path += ` Q${p.x.toFixed(1)},${p.y.toFixed(1)} ${next.x.toFixed(1)},${next.y.toFixed(1)}`;
  });
  return `${path} Z`;
}
