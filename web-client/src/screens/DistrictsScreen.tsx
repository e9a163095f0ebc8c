import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import { useCoalesced, useIssueEvents } from '../api/LiveContext';
import { useFormat, useLocalName } from '../i18n/format';
import { DistrictMap } from '../components/DistrictMap';
import { QueryState } from '../components/States';

const DistrictsQuery = graphql(`
  query Districts {
    districts(first: 100) { nodes { id name nameEn level population latitude longitude parent { id } } }
    counts: issueCounts(by: DISTRICT, filter: { openOnly: true }) { key count }
  }
`);

/** Every district of the city, on the map and as a list. */
export function DistrictsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const localName = useLocalName();
  const [result, reexecute] = useQuery({ query: DistrictsQuery });
  useIssueEvents(useCoalesced(() => reexecute({ requestPolicy: 'network-only' })));
  const counts = useMemo(() => new Map((result.data?.counts ?? []).map((c) => [c.key, c.count])), [result.data]);
  return (
    <div className="screen">
      <h1>{t('districts.title')}</h1>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}
        isEmpty={(d) => d.districts.nodes.length === 0}>
        {(d) => (
          <div className="grid grid-two">
            <section className="panel">
              <DistrictMap districts={d.districts.nodes} counts={counts} />
            </section>
            <section className="panel">
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t('districts.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('districts.name')}</th>
                      <th scope="col">{t('districts.level')}</th>
                      <th scope="col" className="number">{t('districts.population')}</th>
                      <th scope="col" className="number">{t('districts.openIssues')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.districts.nodes.map((district) => (
                      <tr key={district.id}>
                        <td><Link to={`/districts/${district.id}`}>{localName(district)}</Link></td>
                        <td>{t(`level.${district.level}`)}</td>
                        <td className="number">{format.number(district.population)}</td>
                        <td className="number">{counts.get(district.id) ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        )}
      </QueryState>
    </div>
  );
}
