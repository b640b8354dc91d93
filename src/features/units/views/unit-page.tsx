/** A unit's page in the back office: its data, holders now, ahead and before, and persons count. */
import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { withPlace } from '../../../lib/address.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';
import type { HolderRow, UnitDetails } from '../details.ts';
import { rightKindLabels, unitKindLabels } from '../labels.ts';
import { formatArea } from '../rules/parse.ts';
import { formatShare } from '../rules/share.ts';
import { DataList, period, RegisterLayout, unitAddress } from './register-parts.tsx';

function HolderTable({
  rows,
  caption,
  past = false,
  editor = false,
}: {
  rows: HolderRow[];
  caption: string;
  past?: boolean;
  /** Links to end (while open) and correct each right. */
  editor?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Osoba</th>
            <th scope="col">PESEL</th>
            <th scope="col">Tytuł prawny</th>
            <th scope="col">Udział</th>
            <th scope="col">Okres</th>
            {past ? <th scope="col">Powód zakończenia</th> : null}
            {editor ? <th scope="col">Działania</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((right) => (
            <tr key={right.id}>
              <td>
                <a href={`/panel/rejestr/osoby/${right.personId}`}>
                  {right.lastName} {right.firstName}
                </a>
              </td>
              <td>{right.peselMasked}</td>
              <td>{rightKindLabels[right.kind]}</td>
              <td>{formatShare({ numerator: right.shareNumerator, denominator: right.shareDenominator })}</td>
              <td>{period(right.validFrom, right.validTo)}</td>
              {past ? <td>{right.endReason ?? ''}</td> : null}
              {editor ? (
                <td class="row-actions">
                  {right.validTo === null ? (
                    <a href={`/panel/rejestr/prawa/${right.id}/zakonczenie`}>
                      Zakończ
                      <span class="visually-hidden">
                        {' '}
                        tytuł {right.lastName} {right.firstName}
                      </span>
                    </a>
                  ) : null}
                  <a href={`/panel/rejestr/prawa/${right.id}/korekta`}>
                    Popraw
                    <span class="visually-hidden">
                      {' '}
                      tytuł {right.lastName} {right.firstName}
                    </span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UnitPage({
  ctx,
  details,
  asOf,
  occupancyForm = {},
  errors = [],
  notice,
}: {
  ctx: PageContext;
  details: UnitDetails;
  asOf: string;
  occupancyForm?: FormValues;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const { unit } = details;
  const editor = can(ctx.account, 'register.change');
  return (
    <RegisterLayout ctx={ctx} title={`Lokal ${unitAddress(unit)}`}>
      <div class="header-row">
        <h1>Lokal {unitAddress(unit)}</h1>
        {editor ? (
          <p class="actions">
            <a href={`/panel/rejestr/lokale/${unit.id}/edycja`}>Edytuj dane lokalu</a>
            <a href={`/panel/rejestr/lokale/${unit.id}/zmiana-posiadacza`}>Zapisz zmianę posiadacza</a>
          </p>
        ) : null}
      </div>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <DataList
        rows={[
          ['Adres', withPlace(unitAddress(unit), unit)],
          ['Osiedle', unit.estate],
          ['Rodzaj', unitKindLabels[unit.kind]],
          ['Powierzchnia użytkowa', formatArea(unit.areaHundredths)],
          ['Piętro', unit.floor === null ? '' : String(unit.floor)],
          ['Liczba pokoi', unit.rooms === null ? '' : String(unit.rooms)],
          ['Klucz w systemie księgowym', unit.externalKey],
          ['Liczba osób dziś', details.personsCount === undefined ? 'nie podano' : String(details.personsCount)],
          ['Uwagi', unit.notes],
        ]}
      />
      <h2>Posiadacze</h2>
      {details.currentHolders.length > 0 ? (
        <HolderTable rows={details.currentHolders} caption={`Obecni (${formatCalendarDate(asOf)})`} editor={editor} />
      ) : (
        <p class="empty">Nikt nie ma dziś tytułu prawnego do tego lokalu.</p>
      )}
      {details.futureHolders.length > 0 ? (
        <HolderTable rows={details.futureHolders} caption="Przyszli" editor={editor} />
      ) : null}
      {details.pastHolders.length > 0 ? (
        <HolderTable rows={details.pastHolders} caption="Dawni" past editor={editor} />
      ) : (
        <p class="empty">Brak dawnych posiadaczy.</p>
      )}
      <h2>Liczba osób</h2>
      {details.occupancyHistory.length === 0 ? (
        <p class="empty">Nie zapisano liczby osób.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Historia liczby osób</caption>
            <thead>
              <tr>
                <th scope="col">Od dnia</th>
                <th scope="col" class="num">
                  Liczba osób
                </th>
                <th scope="col">Uwagi</th>
                <th scope="col">Zapisano</th>
              </tr>
            </thead>
            <tbody>
              {details.occupancyHistory.map((row) => (
                <tr key={row.id}>
                  <td>{formatCalendarDate(row.effectiveFrom)}</td>
                  <td class="num">{row.personsCount}</td>
                  <td>{row.note ?? ''}</td>
                  <td>{formatDateTime(row.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editor ? (
        <Form action={`/panel/rejestr/lokale/${unit.id}/liczba-osob`} csrfToken={ctx.csrfToken} class="form-narrow">
          <h3>Zapisz zmianę liczby osób</h3>
          <TextField
            name="effectiveFrom"
            label="Od dnia"
            type="date"
            value={occupancyForm.effectiveFrom}
            errors={errors}
            required
          />
          <TextField
            name="personsCount"
            label="Liczba osób"
            inputMode="numeric"
            value={occupancyForm.personsCount}
            errors={errors}
            required
            maxLength={2}
          />
          <TextField name="note" label="Uwagi" value={occupancyForm.note} errors={errors} maxLength={200} />
          <button type="submit">Zapisz liczbę osób</button>
        </Form>
      ) : null}
    </RegisterLayout>
  );
}
