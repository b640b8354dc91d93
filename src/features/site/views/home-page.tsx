import { Layout } from '../../../http/layout.tsx';
import type { Organization } from '../../organizations/queries.ts';
import type { NewsSummary } from '../queries.ts';
import { NewsList } from './news-list.tsx';

export function HomePage({ organization, news }: { organization: Organization; news: NewsSummary[] }) {
  return (
    <Layout title={organization.name} organization={organization} path="/">
      <h1 class="visually-hidden">{organization.name}</h1>
      <div class="home-grid">
        <section aria-labelledby="aktualnosci">
          <h2 id="aktualnosci">Aktualności</h2>
          {news.length > 0 ? (
            <>
              <NewsList items={news} headingLevel={3} />
              <p>
                <a href="/aktualnosci">Wszystkie aktualności</a>
              </p>
            </>
          ) : (
            <p class="empty">Nie opublikowano jeszcze żadnych aktualności.</p>
          )}
        </section>
        <aside class="card" aria-labelledby="ebok-box">
          <h2 id="ebok-box">e-BOK</h2>
          <p>
            Elektroniczne Biuro Obsługi Klienta: opłaty, saldo, naliczenia i wpłaty oraz rozliczenia mediów Twojego
            lokalu — bez wychodzenia z domu.
          </p>
          <p>
            <a class="button" href="/ebok">
              Przejdź do e-BOK
            </a>
          </p>
        </aside>
      </div>
    </Layout>
  );
}
