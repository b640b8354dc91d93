import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { OutboxMessage } from '../outbox.ts';
import { type OutboxStatus, outboxStatuses } from '../schema.ts';

export const statusLabels: Record<OutboxStatus, string> = {
  pending: 'oczekuje',
  sending: 'w trakcie wysyłki',
  sent: 'wysłana',
  failed: 'nie udało się wysłać',
};

export function OutboxListPage({
  ctx,
  messages,
  total,
  status,
  smtpConfigured,
}: {
  ctx: PageContext;
  messages: OutboxMessage[];
  total: number;
  status: OutboxStatus | undefined;
  smtpConfigured: boolean;
}) {
  return (
    <PortalLayout ctx={ctx} title="Poczta wychodząca">
      <h1>Poczta wychodząca</h1>
      {smtpConfigured ? null : (
        <p class="notice">
          Serwer poczty (SMTP) nie jest skonfigurowany: wiadomości czekają tutaj i zostaną wysłane, gdy administrator
          ustawi zmienną SMTP_URL.
        </p>
      )}
      <nav class="filters" aria-label="Stan wiadomości">
        <a href="/panel/poczta" aria-current={status ? undefined : 'page'}>
          wszystkie
        </a>
        {outboxStatuses.map((s) => (
          <a key={s} href={`/panel/poczta?stan=${s}`} aria-current={status === s ? 'page' : undefined}>
            {statusLabels[s]}
          </a>
        ))}
      </nav>
      <p>Wiadomości: {total}.</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Utworzona</th>
              <th scope="col">Do</th>
              <th scope="col">Temat</th>
              <th scope="col">Stan</th>
              <th scope="col" class="num">
                Próby
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>{m.toAddress}</td>
                <td>
                  <a href={`/panel/poczta/${m.id}`}>{m.subject}</a>
                </td>
                <td>{statusLabels[m.status]}</td>
                <td class="num">{m.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PortalLayout>
  );
}

export function OutboxMessagePage({ ctx, message }: { ctx: PageContext; message: OutboxMessage }) {
  return (
    <PortalLayout ctx={ctx} title={`Wiadomość: ${message.subject}`}>
      <h1>{message.subject}</h1>
      <dl>
        <dt>Od</dt>
        <dd>{message.fromAddress}</dd>
        <dt>Do</dt>
        <dd>{message.toAddress}</dd>
        <dt>Stan</dt>
        <dd>
          {statusLabels[message.status]}
          {message.sentAt ? `, ${formatDateTime(message.sentAt)}` : ''}
        </dd>
        <dt>Próby wysłania</dt>
        <dd>{message.attempts}</dd>
        {message.lastError ? (
          <>
            <dt>Ostatni błąd</dt>
            <dd>
              <code>{message.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Treść</h2>
      {message.sensitive ? (
        <p class="notice">Ta wiadomość zawiera poufne dane (np. hasło startowe) i jej treść nie jest tu pokazywana.</p>
      ) : (
        <pre class="mail-body">{message.textBody}</pre>
      )}
      <p>
        <a href="/panel/poczta">« Poczta wychodząca</a>
      </p>
    </PortalLayout>
  );
}
