/** Certificates of no arrears: the member's page, the accountant's queue and one request, the public check. */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { Certificate } from '../certificate-queries.ts';
import type { MemberLedgerUnit } from '../member.ts';
import { FinanceNav } from './finance-nav.tsx';
import { UnitPage } from './member-unit.tsx';

const statusLabels: Record<Certificate['status'], string> = {
  requested: 'czeka na księgowość',
  issued: 'wydane',
  declined: 'odmowa',
};

export function MemberCertificatesPage({
  ctx,
  unit,
  certificates,
  notice,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  certificates: Certificate[];
  notice?: string | undefined;
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Zaświadczenie o niezaleganiu">
      <Notice text={notice} />
      <p>
        Zaświadczenie o niezaleganiu w opłatach potwierdza, że na dany dzień nie masz należności po terminie płatności.
        Jeśli nic nie zalega, wydamy je od razu jako PDF z numerem i kodem weryfikacyjnym; w przeciwnym razie wniosek
        trafi do księgowości.
      </p>
      {unit.current ? (
        <Form action={`/ebok/finanse/${unit.unitId}/zaswiadczenie`} csrfToken={ctx.csrfToken}>
          <button type="submit">Poproś o zaświadczenie</button>
        </Form>
      ) : (
        <p class="meta">Zaświadczenie wydajemy obecnym posiadaczom lokalu.</p>
      )}
      <h2>Twoje wnioski</h2>
      {certificates.length === 0 ? (
        <p class="empty">Brak wniosków.</p>
      ) : (
        <ul class="plain-list">
          {certificates.map((c) => (
            <li key={c.id}>
              {formatDateTime(c.requestedAt)} — {statusLabels[c.status]}
              {c.status === 'issued' ? (
                <>
                  : nr {c.number} z {formatCalendarDate(c.issuedOn ?? c.asOf)} —{' '}
                  <a href={`/ebok/finanse/${unit.unitId}/zaswiadczenie/${c.id}.pdf`}>pobierz PDF</a>
                </>
              ) : null}
              {c.status === 'declined' && c.reason ? <>: {c.reason}</> : null}
            </li>
          ))}
        </ul>
      )}
    </UnitPage>
  );
}

export function CertificateQueuePage({
  ctx,
  waiting,
  canBook,
}: {
  ctx: PageContext;
  waiting: (Certificate & { unitLabel: string })[];
  canBook: boolean;
}) {
  return (
    <PortalLayout ctx={ctx} title="Wnioski o zaświadczenie o niezaleganiu">
      <h1>Wnioski o zaświadczenie o niezaleganiu</h1>
      <FinanceNav canBook={canBook} />
      <p>Wnioski członków, którzy w dniu wniosku mieli należności po terminie; najstarsze pierwsze.</p>
      {waiting.length === 0 ? (
        <p class="empty">Nie ma wniosków do rozpatrzenia.</p>
      ) : (
        <ul class="plain-list">
          {waiting.map((c) => (
            <li key={c.id}>
              <a href={`/panel/finanse/zaswiadczenia/${c.id}`}>
                {formatDateTime(c.requestedAt)} — {c.holderName}, lokal {c.unitLabel}
              </a>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function CertificatePage({
  ctx,
  certificate,
  unitLabel,
  canDecide,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  certificate: Certificate;
  unitLabel: string;
  canDecide: boolean;
  errors?: FieldError[];
  values?: FormValues;
}) {
  const c = certificate;
  return (
    <PortalLayout ctx={ctx} title={`Zaświadczenie — lokal ${unitLabel}`}>
      <p class="breadcrumbs">
        <a href="/panel/finanse/zaswiadczenia">Wnioski o zaświadczenie</a> ›{' '}
        <a href={`/panel/finanse/lokal/${c.unitId}`}>{unitLabel}</a>
      </p>
      <h1>Zaświadczenie o niezaleganiu — lokal {unitLabel}</h1>
      <ErrorSummary errors={errors} />
      <dl class="transfer">
        <dt>Dla</dt>
        <dd>{c.holderName}</dd>
        <dt>Wniosek</dt>
        <dd>{formatDateTime(c.requestedAt)}</dd>
        <dt>Stan</dt>
        <dd>{statusLabels[c.status]}</dd>
        {c.status === 'issued' ? (
          <>
            <dt>Numer</dt>
            <dd>
              {c.number} z {formatCalendarDate(c.issuedOn ?? c.asOf)} —{' '}
              <a href={`/panel/finanse/zaswiadczenia/${c.id}/pdf`}>pobierz PDF</a>
            </dd>
          </>
        ) : null}
        {c.reason ? (
          <>
            <dt>Powód odmowy</dt>
            <dd>{c.reason}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/panel/finanse/lokal/${c.unitId}`}>Konto lokalu: zaległości i wpłaty</a>
      </p>
      {canDecide && c.status === 'requested' ? (
        <Form action={`/panel/finanse/zaswiadczenia/${c.id}`} csrfToken={ctx.csrfToken}>
          <fieldset>
            <legend>Decyzja</legend>
            <label>
              <input type="radio" name="decyzja" value="wydaj" checked={values.decyzja !== 'odmow'} /> wydaj
              zaświadczenie (gdy nic nie zalega)
            </label>
            <label>
              <input type="radio" name="decyzja" value="odmow" checked={values.decyzja === 'odmow'} /> odmów
            </label>
          </fieldset>
          <TextField
            name="powod"
            label="Powód odmowy (zobaczy go wnioskujący)"
            value={values.powod ?? ''}
            errors={errors}
          />
          <button type="submit">Zapisz decyzję</button>
        </Form>
      ) : null}
    </PortalLayout>
  );
}

export function VerifyCertificatePage({
  ctx,
  code,
  found,
  asked,
}: {
  ctx: PageContext;
  code: string;
  found: Certificate | undefined;
  asked: boolean;
}) {
  return (
    <PortalLayout ctx={ctx} title="Sprawdź zaświadczenie">
      <h1>Sprawdź zaświadczenie o niezaleganiu</h1>
      <form method="get" action="/zaswiadczenie" class="filters">
        <div class="field">
          <label for="kod">Kod weryfikacyjny z zaświadczenia</label>
          <input id="kod" name="kod" value={code} autocomplete="off" />
        </div>
        <button type="submit">Sprawdź</button>
      </form>
      {asked ? (
        found ? (
          <p class="notice" role="status">
            Zaświadczenie nr {found.number} z dnia {formatCalendarDate(found.issuedOn ?? found.asOf)} jest ważne.
          </p>
        ) : (
          <p class="field-error" role="status">
            Nie znaleźliśmy ważnego zaświadczenia o tym kodzie. Sprawdź, czy kod został przepisany bez błędów.
          </p>
        )
      ) : null}
    </PortalLayout>
  );
}

/** Issuing at the desk was refused (something is overdue, or no one holds the unit). */
export function DeskIssuePage({
  ctx,
  unitId,
  unitLabel,
  errors,
}: {
  ctx: PageContext;
  unitId: number;
  unitLabel: string;
  errors: FieldError[];
}) {
  return (
    <PortalLayout ctx={ctx} title={`Zaświadczenie — lokal ${unitLabel}`}>
      <h1>Zaświadczenie o niezaleganiu — lokal {unitLabel}</h1>
      <ErrorSummary errors={errors} />
      {errors.map((e) => (
        <p class="field-error" key={e.field}>
          {e.message}
        </p>
      ))}
      <p>
        <a href={`/panel/finanse/lokal/${unitId}`}>Wróć do konta lokalu</a>
      </p>
    </PortalLayout>
  );
}
