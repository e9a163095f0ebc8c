import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { outlinePath, project } from '../map/projection';
import { useLocalName } from '../i18n/format';
import { Empty } from './States';

export interface MapDistrict {
  id: string;
  name: string;
  nameEn: string | null;
  level: string;
  latitude: number | null;
  longitude: number | null;
}

const WIDTH = 640;
const HEIGHT = 520;

/**
 * The city's districts at their centroids, each a link sized and shaded by its number of open
 * issues. Drawn by us in SVG from the hub's own coordinates: no tile server, works offline.
 */
export function DistrictMap({ districts, counts, highlight }: {
  districts: MapDistrict[];
  counts: Map<string, number>;
  highlight?: string;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const placed = useMemo(
    () => districts.filter((d): d is MapDistrict & { latitude: number; longitude: number } =>
      d.level !== 'CITY' && d.latitude != null && d.longitude != null),
    [districts],
  );
  const positions = useMemo(() => project(placed, WIDTH, HEIGHT, 70), [placed]);
  const outline = useMemo(() => outlinePath([...positions.values()], 55), [positions]);
  const max = Math.max(1, ...placed.map((d) => counts.get(d.id) ?? 0));
  const city = districts.find((d) => d.level === 'CITY');
  const radius = (count: number) => 7 + 14 * Math.sqrt(count / max);
  // Small circles drawn last, so that they stay clickable next to large ones.
  const ordered = [...placed].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0));

  if (placed.length === 0) {
    return <Empty>{t('map.noGeometry')}</Empty>;
  }
  return (
    <figure className="district-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('map.label')}>
        <path d={outline} className="map-outline" aria-hidden="true" />
        {ordered.map((district) => {
          const at = positions.get(district.id)!;
          const count = counts.get(district.id) ?? 0;
          return (
            <Link
              key={district.id}
              to={`/districts/${district.id}`}
              className={`map-district${district.id === highlight ? ' highlight' : ''}${count === 0 ? ' quiet' : ''}`}
              aria-label={t('map.districtLabel', { name: localName(district), count })}
              data-district-id={district.id}
            >
              <circle cx={at.x} cy={at.y} r={radius(count)} style={{ fillOpacity: count === 0 ? 0.25 : 0.45 + 0.5 * (count / max) }} />
              {count > 0 && (
                <text x={at.x} y={at.y} className="map-count" dy="0.35em" aria-hidden="true">{count}</text>
              )}
            </Link>
          );
        })}
        {/* Names above every circle, so that a large circle never hides a neighbour's name. */}
        <g aria-hidden="true">
          {ordered.map((district) => {
            const at = positions.get(district.id)!;
            return (
              <text key={district.id} x={at.x} y={at.y + radius(counts.get(district.id) ?? 0) + 13} className="map-label">
                {localName(district)}
              </text>
            );
          })}
        </g>
        <g className="map-north" aria-hidden="true" transform={`translate(${WIDTH - 30}, 34)`}>
          <path d="M0,-18 L7,4 L0,-1 L-7,4 Z" />
          <text y="18">N</text>
        </g>
      </svg>
      <figcaption>
        {city && (
          <span>{t('map.cityWide', { name: localName(city), count: counts.get(city.id) ?? 0 })} · </span>
        )}
        {t('map.caption')}
      </figcaption>
    </figure>
  );
}
