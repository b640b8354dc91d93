import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatFileSize } from '../../../lib/file-size.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { channelLabels, type Delivery } from '../deliveries.ts';
import type { Letter, LetterAttachment } from '../letter-queries.ts';

export interface InboxRow {
  delivery: Delivery;
  subject: string;
  sentAt: Date | null;
}

export function InboxPage({ ctx, rows, linked }: { ctx: PageContext; rows: InboxRow[]; linked: boolean }) {
  return (
    <PortalLayout ctx={ctx} title="Korespondencja">
      <h1>Korespondencja</h1>
      <p>
        <a href="/ebok/korespondencja/zgoda">Zgoda na korespondencję elektroniczną</a>
      </p>
      {!linked ? (
        <p class="empty">Twoje konto nie jest jeszcze powiązane z osobą w rejestrze spółdzielni.</p>
      ) : rows.length === 0 ? (
        <p class="empty">Nie masz jeszcze żadnych listów.</p>
      ) : (
        <ul class="news-list inbox">
          {rows.map((row) => (
            <li key={row.delivery.id} class={row.delivery.readAt ? 'read' : 'unread'}>
              <h2>
                <a href={`/ebok/korespondencja/${row.delivery.letterId}`}>{row.subject}</a>
                {row.delivery.readAt ? null : <span class="badge ok">nowy</span>}
              </h2>
              <p class="meta">
                {row.sentAt ? formatDateTime(row.sentAt) : ''} · {channelLabels[row.delivery.channel]}
                {row.delivery.readAt ? ` · przeczytany ${formatDateTime(row.delivery.readAt)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function LetterPage({
  ctx,
  letter,
  html,
  attachments,
  attachmentBase,
  back,
}: {
  ctx: PageContext;
  letter: Letter;
  html: string;
  attachments: LetterAttachment[];
  attachmentBase: string;
  back: { href: string; label: string };
}) {
  return (
    <PortalLayout ctx={ctx} title={letter.subject}>
      <p class="breadcrumbs">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{letter.subject}</h1>
      {letter.sentAt ? <p class="meta">Wysłano {formatDateTime(letter.sentAt)}</p> : null}
      <div class="prose letter-body" dangerouslySetInnerHTML={{ __html: html }} />
      {attachments.length ? (
        <section class="attachments">
          <h2>Załączniki</h2>
          <ul class="file-list">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={`${attachmentBase}/${a.id}`}>{a.name}</a>{' '}
                <span class="meta">PDF, {formatFileSize(a.size)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </PortalLayout>
  );
}

/** The e-BOK start page's tile: letters, with the number not yet opened. */
export function CorrespondenceTile({ unread }: { unread: number }) {
  return (
    <li>
      <h2>Korespondencja</h2>
      <p>{unread > 0 ? <strong>Nieprzeczytane listy: {unread}</strong> : 'Wszystkie listy przeczytane.'}</p>
      <a href="/ebok/korespondencja">Przejdź do korespondencji</a>
    </li>
  );
}
