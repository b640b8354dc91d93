/** Forms of rights to a unit: a change of holder, ending and correcting a right. They come back filled in. */
import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import type { HolderRow, RightDetails, UnitDetails } from '../details.ts';
import { type HolderChangeForm, NEW_HOLDER_ROWS } from '../forms.ts';
import { rightKindLabels, rightKinds } from '../labels.ts';
import { formatShare } from '../rules/share.ts';
import type { PersonListItem } from '../search.ts';
import type { FormPageProps } from './register-forms.tsx';
import { PersonSearchForm, PersonTable } from './register-lists.tsx';
import { Back, DataList, period, RegisterLayout, unitAddress } from './register-parts.tsx';

export function HolderChangePage({
  ctx,
  details,
  form,
  errors,
  search,
}: {
  ctx: PageContext;
  details: UnitDetails;
  form: HolderChangeForm;
  errors: FieldError[];
  search: { q: string; results: PersonListItem[] | undefined };
}) {
  const { unit } = details;
  const ending = new Set(form.endRightIds ?? details.currentHolders.map((r) => String(r.id)));
  const endError = errors.find((e) => e.field === 'endRightIds')?.message;
  const action = `/panel/rejestr/lokale/${unit.id}/zmiana-posiadacza`;
  const label = (right: HolderRow) =>
    `${right.lastName} ${right.firstName}, ${rightKindLabels[right.kind]}, udział ${formatShare({
      numerator: right.shareNumerator,
      denominator: right.shareDenominator,
    })}, od ${formatCalendarDate(right.validFrom)}`;
  return (
    <RegisterLayout ctx={ctx} title={`Zmiana posiadacza: ${unitAddress(unit)}`}>
      <Back href={`/panel/rejestr/lokale/${unit.id}`} label={`Lokal ${unitAddress(unit)}`} />
      <h1>Zmiana posiadacza lokalu {unitAddress(unit)}</h1>
      <p>
        Sprzedaż, dziedziczenie lub inne przeniesienie: w dniu zmiany zaznaczone tytuły prawne się kończą, a nowi
        posiadacze zaczynają. Wcześniejsze tytuły zostają w historii lokalu.
      </p>
      <section aria-labelledby="szukaj-osoby">
        <h2 id="szukaj-osoby">Znajdź numer nowego posiadacza</h2>
        <PersonSearchForm action={action} name="osoba" value={search.q} />
        {search.results ? <PersonTable items={search.results} /> : null}
        <p class="hint">
          Nie ma tej osoby w rejestrze? <a href="/panel/rejestr/osoby/nowa">Dodaj osobę</a>, a potem wróć tutaj.
        </p>
      </section>
      <h2>Zmiana</h2>
      <ErrorSummary errors={errors} />
      <Form action={action} csrfToken={ctx.csrfToken} class="form-narrow">
        <TextField
          name="date"
          label="Dzień zmiany"
          type="date"
          value={form.date}
          errors={errors}
          required
          hint="Pierwszy dzień nowego posiadacza (np. dzień aktu notarialnego)."
        />
        <fieldset id="pole-endRightIds" class={endError ? 'has-error' : undefined}>
          <legend>Tytuły prawne, które się kończą</legend>
          {endError ? (
            <p class="field-error">
              <span class="visually-hidden">Błąd: </span>
              {endError}
            </p>
          ) : null}
          {details.currentHolders.length === 0 ? (
            <p class="empty">Nikt nie ma dziś tytułu do lokalu.</p>
          ) : (
            details.currentHolders.map((right) => (
              <label key={right.id} class="checkbox">
                <input
                  type="checkbox"
                  name="endRightIds"
                  value={String(right.id)}
                  checked={ending.has(String(right.id))}
                />
                {label(right)}
              </label>
            ))
          )}
          <input type="hidden" name="endRightIds" value="" />
        </fieldset>
        <TextField
          name="endReason"
          label="Powód zakończenia"
          value={form.endReason ?? 'sprzedaż'}
          errors={errors}
          maxLength={200}
        />
        {Array.from({ length: NEW_HOLDER_ROWS }, (_, index) => {
          const holder = form.holders[index] ?? {};
          return (
            <fieldset key={index}>
              <legend>{index === 0 ? 'Nowy posiadacz' : `Współposiadacz ${index + 1} (nieobowiązkowe)`}</legend>
              <TextField
                name={`newHolders.${index}.personId`}
                label="Numer osoby w rejestrze"
                value={holder.personId}
                errors={errors}
                inputMode="numeric"
                required={index === 0}
                maxLength={12}
              />
              <SelectField
                name={`newHolders.${index}.kind`}
                label="Tytuł prawny"
                value={holder.kind ?? 'odrebna_wlasnosc'}
                errors={errors}
                options={rightKinds.map((kind) => [kind, rightKindLabels[kind]] as const)}
              />
              <TextField
                name={`newHolders.${index}.share`}
                label="Udział"
                value={holder.share}
                errors={errors}
                hint="Ułamek, np. 1/2; puste oznacza całość."
                maxLength={12}
                required={false}
              />
            </fieldset>
          );
        })}
        <button type="submit">Zapisz zmianę posiadacza</button>
      </Form>
    </RegisterLayout>
  );
}

/** What the right is: the unit, the person, its kind, share and period. */
function RightSummary({ details }: { details: RightDetails }) {
  const { right, person, unit } = details;
  return (
    <DataList
      rows={[
        ['Lokal', <a href={`/panel/rejestr/lokale/${unit.id}`}>{unitAddress(unit)}</a>],
        [
          'Osoba',
          <a href={`/panel/rejestr/osoby/${person.id}`}>
            {person.firstName} {person.lastName}
          </a>,
        ],
        ['Tytuł prawny', rightKindLabels[right.kind]],
        ['Udział', formatShare({ numerator: right.shareNumerator, denominator: right.shareDenominator })],
        ['Okres', period(right.validFrom, right.validTo)],
        ['Powód zakończenia', right.endReason],
      ]}
    />
  );
}

/** Ending a right with no successor: death, the end of a lease, a waiver. */
export function EndRightPage({ ctx, details, form, errors }: FormPageProps & { details: RightDetails }) {
  const { right, unit } = details;
  const base = `/panel/rejestr/prawa/${right.id}`;
  return (
    <RegisterLayout ctx={ctx} title={`Zakończenie tytułu prawnego: ${unitAddress(unit)}`}>
      <Back href={`/panel/rejestr/lokale/${unit.id}`} label={`Lokal ${unitAddress(unit)}`} />
      <h1>Zakończenie tytułu prawnego do lokalu {unitAddress(unit)}</h1>
      <RightSummary details={details} />
      {right.validTo ? (
        <p>
          Ten tytuł prawny zakończył się już {formatCalendarDate(right.validTo)}. Błędną datę zakończenia zmienisz przez{' '}
          <a href={`${base}/korekta`}>korektę tytułu prawnego</a>.
        </p>
      ) : (
        <>
          <p>
            Tytuł prawny kończy się bez następcy, np. po śmierci posiadacza albo z końcem najmu. Jeśli lokal przechodzi
            na inną osobę, zapisz <a href={`/panel/rejestr/lokale/${unit.id}/zmiana-posiadacza`}>zmianę posiadacza</a>.
            Zakończony tytuł zostaje w historii lokalu.
          </p>
          <ErrorSummary errors={errors} />
          <Form action={`${base}/zakonczenie`} csrfToken={ctx.csrfToken} class="form-narrow">
            <TextField
              name="validTo"
              label="Dzień zakończenia"
              type="date"
              value={form.validTo}
              errors={errors}
              required
              hint="Pierwszy dzień, w którym tytuł już nie obowiązuje (np. dzień po śmierci posiadacza albo po wygaśnięciu umowy najmu)."
            />
            <TextField
              name="endReason"
              label="Powód zakończenia"
              value={form.endReason}
              errors={errors}
              required
              maxLength={200}
              hint="Na przykład: zgon, wygaśnięcie umowy najmu, zrzeczenie się prawa."
            />
            <button type="submit">Zakończ tytuł prawny</button>
          </Form>
        </>
      )}
    </RegisterLayout>
  );
}

/** Correcting a right entered wrongly: kind, share, dates. */
export function CorrectRightPage({ ctx, details, form, errors }: FormPageProps & { details: RightDetails }) {
  const { right, unit } = details;
  return (
    <RegisterLayout ctx={ctx} title={`Korekta tytułu prawnego: ${unitAddress(unit)}`}>
      <Back href={`/panel/rejestr/lokale/${unit.id}`} label={`Lokal ${unitAddress(unit)}`} />
      <h1>Korekta tytułu prawnego do lokalu {unitAddress(unit)}</h1>
      <RightSummary details={details} />
      <p>
        Korekta poprawia błędnie wpisany rodzaj tytułu, udział lub daty; dziennik zdarzeń zachowuje wartości sprzed
        zmiany. Sprzedaż lub inne przeniesienie zapisz jako{' '}
        <a href={`/panel/rejestr/lokale/${unit.id}/zmiana-posiadacza`}>zmianę posiadacza</a>.
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`/panel/rejestr/prawa/${right.id}/korekta`} csrfToken={ctx.csrfToken} class="form-narrow">
        <SelectField
          name="kind"
          label="Tytuł prawny"
          value={form.kind}
          errors={errors}
          options={rightKinds.map((kind) => [kind, rightKindLabels[kind]] as const)}
        />
        <TextField
          name="share"
          label="Udział"
          value={form.share}
          errors={errors}
          required
          maxLength={12}
          hint="Ułamek, np. 1/2, albo 1 dla całości."
        />
        <TextField name="validFrom" label="Od dnia" type="date" value={form.validFrom} errors={errors} required />
        <TextField
          name="validTo"
          label="Dzień zakończenia"
          type="date"
          value={form.validTo}
          errors={errors}
          hint="Pierwszy dzień, w którym tytuł już nie obowiązuje; puste, jeśli tytuł trwa."
        />
        <TextField
          name="endReason"
          label="Powód zakończenia"
          value={form.endReason}
          errors={errors}
          maxLength={200}
          hint="Tylko dla zakończonego tytułu."
        />
        <button type="submit">Zapisz korektę</button>
      </Form>
    </RegisterLayout>
  );
}
