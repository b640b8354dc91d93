import { Layout } from '../../../http/layout.tsx';
import { formatLongDate } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { Organization } from '../../organizations/queries.ts';
import { MARK_START, MARK_STOP, type SearchHit } from '../search.ts';

/** A snippet with its matches in <mark>; every part is escaped text. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_STOP}]*${MARK_STOP})`, 'u'));
  return (
    <p>
      {parts.map((part, index) =>
        part.startsWith(MARK_START) ? (
          <mark key={index}>{part.slice(1, -1)}</mark>
        ) : (
          part.replaceAll(MARK_START, '').replaceAll(MARK_STOP, '')
        ),
      )}
    </p>
  );
}

const hitLabels: Record<SearchHit['kind'], string> = {
  news: 'Aktualność',
  page: 'Strona',
  tender: 'Przetarg',
  gazette: 'Gazetka',
};

export function SearchPage({
  organization,
  query,
  hits,
}: {
  organization: Organization;
  query: string;
  hits: SearchHit[] | undefined;
}) {
  return (
    <Layout title={query ? `Wyniki wyszukiwania: ${query}` : 'Szukaj'} organization={organization} path="/szukaj">
      <h1>Szukaj w serwisie</h1>
      <search>
        <form class="search-page-form" method="get" action="/szukaj">
          <div class="field">
            <label for="q">Szukane słowa</label>
            <input id="q" type="search" name="q" value={query} maxLength={200} />
          </div>
          <button type="submit">Szukaj</button>
        </form>
      </search>
      {hits === undefined ? (
        <p>Wpisz słowo lub kilka słów, np. „remont” albo „opłaty”. Polskie znaki można pominąć.</p>
      ) : hits.length === 0 ? (
        <p role="status">Nie znaleziono stron, aktualności, przetargów ani wydań gazetki zawierających „{query}”.</p>
      ) : (
        <>
          <p role="status">
            Znaleziono {hits.length} {polishPlural(hits.length, { one: 'wynik', few: 'wyniki', many: 'wyników' })} dla „
            {query}”.
          </p>
          <ol class="search-results">
            {hits.map((hit) => (
              <li key={hit.href}>
                <h2>
                  <a href={hit.href}>{hit.title}</a>
                </h2>
                <p class="meta">
                  {hitLabels[hit.kind]}
                  {hit.date
                    ? `, ${hit.kind === 'tender' ? 'termin składania ofert ' : ''}${formatLongDate(hit.date)}`
                    : ''}
                </p>
                <Snippet text={hit.snippet} />
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
