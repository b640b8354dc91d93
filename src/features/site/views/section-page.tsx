import type { SiteFile } from '../../../files/store.ts';
import { Layout } from '../../../http/layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { Organization } from '../../organizations/queries.ts';
import type { GazetteIssue } from '../gazette.ts';
import type { Section } from '../section-queries.ts';
import type { Tender } from '../tenders.ts';
import { AttachmentList } from './attachments.tsx';

/** A tender with its rendered description, result and documents. */
export interface TenderView {
  tender: Tender;
  descriptionHtml: string;
  resultHtml: string | undefined;
  documents: SiteFile[];
}

/** Extra content of the special sections. */
export type SectionExtras =
  | { kind: 'tenders'; open: TenderView[]; closed: TenderView[] }
  | { kind: 'gazette'; issues: GazetteIssue[] }
  | { kind: 'forms'; documents: { path: string; title: string; online?: { href: string; label: string } }[] }
  | { kind: 'none' };

function TenderArticle({ view, headingLevel }: { view: TenderView; headingLevel: 'h3' }) {
  const H = headingLevel;
  const id = `przetarg-${view.tender.id}`;
  return (
    <article class="tender" aria-labelledby={id}>
      <H id={id}>{view.tender.title}</H>
      <p class="meta">Termin składania ofert: {formatDateTime(view.tender.deadline)}</p>
      <div class="prose" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
      <AttachmentList files={view.documents} headingId={`${id}-dokumenty`} heading="Dokumenty przetargu" />
      {view.resultHtml ? (
        <div class="tender-result">
          <p>
            <strong>Wynik przetargu:</strong>
          </p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: view.resultHtml }} />
        </div>
      ) : null}
    </article>
  );
}

function Extras({ extras }: { extras: SectionExtras }) {
  switch (extras.kind) {
    case 'tenders':
      return (
        <>
          <section aria-labelledby="przetargi-otwarte">
            <h2 id="przetargi-otwarte">Przetargi otwarte</h2>
            {extras.open.length > 0 ? (
              extras.open.map((view) => <TenderArticle key={view.tender.id} view={view} headingLevel="h3" />)
            ) : (
              <p class="empty">Obecnie nie prowadzimy żadnych przetargów.</p>
            )}
          </section>
          <section aria-labelledby="przetargi-zakonczone">
            <h2 id="przetargi-zakonczone">Przetargi zakończone</h2>
            {extras.closed.length > 0 ? (
              extras.closed.map((view) => <TenderArticle key={view.tender.id} view={view} headingLevel="h3" />)
            ) : (
              <p class="empty">Brak zakończonych przetargów.</p>
            )}
          </section>
        </>
      );
    case 'gazette':
      return (
        <section aria-labelledby="wydania">
          <h2 id="wydania">Wydania gazetki</h2>
          {extras.issues.length > 0 ? (
            <ul class="file-list">
              {extras.issues.map((issue) => (
                <li key={issue.id} id={`wydanie-${issue.id}`}>
                  <a href={issue.url}>{issue.title}</a>{' '}
                  <span class="meta">
                    ({formatCalendarDate(issue.issueDate)}, PDF, {formatFileSize(issue.size)})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">Nie opublikowano jeszcze żadnego wydania.</p>
          )}
        </section>
      );
    case 'forms':
      return (
        <section aria-labelledby="dokumenty-do-pobrania">
          <h2 id="dokumenty-do-pobrania">Dokumenty do pobrania</h2>
          <ul class="file-list">
            {extras.documents.map((document) => (
              <li key={document.path}>
                <a href={document.path}>{document.title}</a> <span class="meta">(PDF)</span>
                {document.online ? (
                  <>
                    {' '}
                    — <a href={document.online.href}>{document.online.label}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      );
    default:
      return null;
  }
}

export function SectionPage({
  organization,
  section,
  parent,
  bodyHtml,
  children,
  attachments,
  extras,
  description,
}: {
  organization: Organization;
  section: Section;
  parent: Section | undefined;
  bodyHtml: string;
  /** Visible sub-pages. */
  children: Section[];
  attachments: SiteFile[];
  extras: SectionExtras;
  description: string | undefined;
}) {
  const top = parent ?? section;
  return (
    <Layout title={section.title} organization={organization} path={`/${top.slug}`} description={description}>
      {parent ? (
        <p class="breadcrumbs">
          <a href={`/${parent.slug}`}>{parent.title}</a> › {section.title}
        </p>
      ) : null}
      <h1>{section.title}</h1>
      <div class="with-sidebar">
        <div>
          <div class="prose" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
          <Extras extras={extras} />
          <AttachmentList files={attachments} headingId="pliki" heading="Dokumenty i załączniki" />
        </div>
        {children.length > 0 ? (
          <nav class="side-nav subpages" aria-label={`Podstrony: ${section.title}`}>
            <h2>W tym dziale</h2>
            <ul>
              {children.map((child) => (
                <li key={child.id}>
                  <a href={`/${section.slug}/${child.slug}`}>{child.title}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </Layout>
  );
}
