import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, TextArea } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Candidate, MatchReason } from '../matching.ts';
import { type ActivationRequest, EMAIL_LINK_HOURS, UNDECIDED_DAYS } from '../remote.ts';
import { DocumentTypeSelect, unitAddress } from './desk-pages.tsx';

const requestStatusLabels: Record<ActivationRequest['status'], string> = {
  awaiting_email: 'czeka na potwierdzenie adresu e-mail',
  pending: 'do rozpatrzenia',
  approved: 'zatwierdzony',
  rejected: 'odrzucony',
  expired: 'wygasł (adres e-mail niepotwierdzony w terminie albo wniosek nierozpatrzony przez 30 dni)',
};

export function RequestQueuePage({
  ctx,
  pending,
  waitingForEmail,
  notice,
}: {
  ctx: PageContext;
  pending: Pick<ActivationRequest, 'id' | 'firstName' | 'lastName' | 'unitAddress' | 'email' | 'createdAt'>[];
  waitingForEmail: number;
  /** What the last decision did. */
  notice?: string | undefined;
}) {
  return (
    <PortalLayout ctx={ctx} title="Wnioski o dostęp do e-BOK">
      <h1>Wnioski o dostęp do e-BOK</h1>
      <Notice text={notice} />
      <p>
        Wnioski czekające na rozpatrzenie (adres e-mail potwierdzony). Wnioski bez potwierdzonego adresu:{' '}
        {waitingForEmail}. Skany wniosków bez potwierdzonego adresu są usuwane, gdy wygaśnie link (po {EMAIL_LINK_HOURS}{' '}
        godzinach), a pozostałych nierozpatrzonych — po {UNDECIDED_DAYS} dniach.
      </p>
      {pending.length === 0 ? (
        <p class="empty">Brak wniosków do rozpatrzenia.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Złożony</th>
                <th scope="col">Wnioskodawca</th>
                <th scope="col">Lokal</th>
                <th scope="col">E-mail</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <a href={`/panel/aktywacja/wnioski/${r.id}`}>
                      {r.lastName} {r.firstName}
                    </a>
                  </td>
                  <td>{r.unitAddress}</td>
                  <td>{r.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

const reasonLabels: Record<MatchReason, string> = {
  pesel: 'PESEL',
  address: 'adres lokalu',
  name: 'imię i nazwisko',
  search: 'wyszukiwanie',
};

export function RequestDetailPage({
  ctx,
  request,
  candidates,
  search,
  selected,
  rejectReason,
  errors = [],
}: {
  ctx: PageContext;
  request: ActivationRequest;
  candidates: Candidate[];
  search: string;
  /** The person chosen before a refused approval. */
  selected?: number | undefined;
  rejectReason?: string | undefined;
  errors?: FieldError[];
}) {
  const base = `/panel/aktywacja/wnioski/${request.id}`;
  const decided = request.status !== 'pending';
  // The best suggestion is chosen for the clerk; a person found only by a search is not.
  const best = candidates[0];
  const chosen = selected ?? (best?.reasons.some((r) => r !== 'search') ? best.person.id : undefined);
  return (
    <PortalLayout ctx={ctx} title={`Wniosek: ${request.firstName} ${request.lastName}`}>
      <h1>
        Wniosek: {request.firstName} {request.lastName}
      </h1>
      <ErrorSummary errors={errors} />
      <dl>
        <dt>Złożony</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
        <dt>PESEL</dt>
        <dd>{request.pesel ?? '—'}</dd>
        <dt>Adres lokalu</dt>
        <dd>{request.unitAddress}</dd>
        <dt>E-mail (potwierdzony)</dt>
        <dd>{request.email}</dd>
        <dt>Telefon</dt>
        <dd>{request.phone ?? '—'}</dd>
        <dt>Stan</dt>
        <dd>{requestStatusLabels[request.status]}</dd>
      </dl>
      {decided ? (
        <p class="notice">
          Wniosek rozpatrzony {request.decidedAt ? formatDateTime(request.decidedAt) : ''}
          {request.decisionReason ? `: ${request.decisionReason}` : ''}. Skany zostały usunięte.
        </p>
      ) : (
        <>
          <h2>Skany</h2>
          <ul>
            <li>
              <a href={`${base}/skan/formularz`} target="_blank" rel="noopener">
                Podpisany formularz aktywacyjny
              </a>
            </li>
            <li>
              <a href={`${base}/skan/dowod`} target="_blank" rel="noopener">
                Dowód tożsamości
              </a>
            </li>
          </ul>
          <section aria-labelledby="zatwierdz" class="form-narrow">
            <h2 id="zatwierdz">Zatwierdź: wybierz osobę z rejestru</h2>
            <p>
              Podpowiadamy osoby, które mają dziś prawo do lokalu i pasują do wniosku numerem PESEL, adresem lokalu lub
              imieniem i nazwiskiem. Jeśli właściwej osoby nie ma na liście, wyszukaj ją.
            </p>
            <form method="get" action={base} class="filters" aria-label="Szukaj osoby w rejestrze">
              <div class="field">
                <label for="pole-szukaj">Szukaj osoby z prawem do lokalu: nazwisko, cyfry PESEL lub adres lokalu</label>
                <input id="pole-szukaj" name="szukaj" type="search" value={search} maxLength={100} />
              </div>
              <button type="submit" class="secondary">
                Szukaj
              </button>
            </form>
            {candidates.length === 0 ? (
              <p class="empty">
                {search.trim()
                  ? `Nie znaleziono osób z prawem do lokalu dla „${search.trim()}”.`
                  : 'Brak podpowiedzi: żadna osoba z prawem do lokalu nie pasuje do wniosku.'}{' '}
                Wyszukaj osobę inaczej albo odrzuć wniosek z podaniem powodu.
              </p>
            ) : (
              <Form action={`${base}/zatwierdz`} csrfToken={ctx.csrfToken}>
                <input type="hidden" name="szukaj" value={search} />
                <fieldset id="pole-osoba">
                  <legend>Osoba z rejestru</legend>
                  {candidates.map(({ person, units, reasons }) => (
                    <label class="checkbox" key={person.id}>
                      <input type="radio" name="osoba" value={String(person.id)} checked={person.id === chosen} />{' '}
                      {person.lastName} {person.firstName}, PESEL {person.peselMasked}; lokale dziś:{' '}
                      {units.map(unitAddress).join('; ')}{' '}
                      <span class="hint">(zgodność: {reasons.map((r) => reasonLabels[r]).join(', ')})</span>
                    </label>
                  ))}
                </fieldset>
                <DocumentTypeSelect errors={errors} selected="dowód osobisty" />
                <button type="submit">Zatwierdź i wyślij login oraz hasło</button>
              </Form>
            )}
          </section>
          <section aria-labelledby="odrzuc" class="form-narrow">
            <h2 id="odrzuc">Odrzuć</h2>
            <Form action={`${base}/odrzuc`} csrfToken={ctx.csrfToken}>
              <TextArea
                name="powod"
                label="Powód (otrzyma go wnioskodawca)"
                value={rejectReason}
                rows={4}
                required
                errors={errors}
              />
              <button type="submit" class="danger">
                Odrzuć wniosek
              </button>
            </Form>
          </section>
        </>
      )}
      <p>
        <a href="/panel/aktywacja/wnioski">« Wnioski</a>
      </p>
    </PortalLayout>
  );
}
