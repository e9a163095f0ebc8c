import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { SearchType } from '../api/gql/graphql';
import { useLocalName } from '../i18n/format';
import { Loading } from './States';

const PickerSearch = graphql(`
  query PickerSearch($text: String!, $types: [SearchType!]) {
    search(text: $text, types: $types, first: 8) {
      nodes {
        __typename
        ... on District { id name nameEn }
        ... on Agency { id name nameEn }
        ... on Issue { id title }
        ... on Dataset { id title }
      }
    }
  }
`);

/** Finds a district, agency, dataset or issue by words and hands its id to `onPick`. */
export function NodePicker({ types, exclude, onPick, busy, label }: {
  types: SearchType[];
  exclude: Set<string>;
  onPick: (id: string) => void;
  busy?: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [input, setInput] = useState('');
  const [text, setText] = useState('');
  const [result] = useQuery({ query: PickerSearch, variables: { text, types }, pause: !text });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setText(input.trim());
  };
  const nodes = (result.data?.search.nodes ?? []).filter((n) => 'id' in n && !exclude.has(n.id));
  return (
    <div className="picker">
      <form className="inline-form" onSubmit={submit} role="search" aria-label={label}>
        <label className="visually-hidden" htmlFor="picker-input">{label}</label>
        <input id="picker-input" type="search" value={input} onChange={(e) => setInput(e.target.value)}
          placeholder={t('link.placeholder')} />
        <button type="submit" className="button">{t('search.submit')}</button>
      </form>
      {text && result.fetching && <Loading />}
      {text && result.data && nodes.length === 0 && <p className="muted">{t('common.noneFound')}</p>}
      {nodes.length > 0 && (
        <ul className="plain-list picker-results">
          {nodes.map((node) => {
            if (!('id' in node)) {
              return null;
            }
            const name = 'title' in node ? node.title : localName(node);
            return (
              <li key={node.id}>
                <span className="type-tag">{t(`type.${node.__typename}`)}</span> {name}{' '}
                <button type="button" className="button" disabled={busy} onClick={() => onPick(node.id)}
                  aria-label={t('link.addLabel', { name })}>{t('link.add')}</button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
