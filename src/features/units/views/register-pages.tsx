/** The register's back-office pages: lists, a unit, a person. Forms are in register-forms.tsx. */
import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, SelectField, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import type { MemberAccountStatus } from '../../accounts/queries.ts';
import type { HolderRow, PersonDetails, UnitDetails } from '../details.ts';
import { rightKindLabels, type UnitKind, unitKindLabels, unitKinds } from '../labels.ts';
import type { Building, RightWithUnit } from '../queries.ts';
import { formatArea } from '../rules/parse.ts';
import { formatShare } from '../rules/share.ts';
import type { Page, PersonListItem, PersonSort, SortDirection, UnitListItem, UnitSort } from '../search.ts';
import { canEditRegister, DataList, listUrl, Pagination, RegisterLayout, SortHeader } from './register-parts.tsx';

export const unitAddress = (u: { street: string; buildingNumber: string; number: string }) =>
  `${u.street} ${u.buildingNumber}/${u.number}`;

/** `01.10.2001 – 01.03.2026`, or `od 01.10.2001` while open-ended. */
export const period = (from: string, to: string | null) =>
  to ? `${formatCalendarDate(from)} – ${formatCalendarDate(to)}` : `od ${formatCalendarDate(from)}`;

// Lists ---------------------------------------------------------------------------------------

export interface UnitListQuery {
  q: string;
  kind: UnitKind | undefined;
  buildingId: number | undefined;
  sort: UnitSort;
  dir: SortDirection;
}

export function UnitListPage({
  ctx,
  query,
  result,
  buildings,
  notice,
}: {
  ctx: PageContext;
  query: UnitListQuery;
  result: Page<UnitListItem>;
  buildings: Building[];
  notice?: string | undefined;
}) {
  const params = {
    q: query.q,
    rodzaj: query.kind,
    budynek: query.buildingId,
    sort: query.sort,
    kierunek: query.dir,
  };
  const sortHref = (column: string, dir: 'asc' | 'desc') =>
    listUrl('/panel/rejestr', { ...params, sort: column, kierunek: dir });
  const header = { current: query.sort, dir: query.dir, href: sortHref };
  return (
    <RegisterLayout ctx={ctx} title="Rejestr lokali">
      <div class="header-row">
        <h1>Rejestr lokali</h1>
        {canEditRegister(ctx) ? (
          <p>
            <a href="/panel/rejestr/lokale/nowy">Dodaj lokal</a>
          </p>
        ) : null}
      </div>
      <Notice text={notice} />
      <form method="get" action="/panel/rejestr" class="filters" aria-label="Szukaj lokali">
        <div class="field">
          <label for="pole-q">Adres, numer lokalu lub klucz</label>
          <input id="pole-q" name="q" type="search" value={query.q} maxLength={100} placeholder="Paderewskiego 65/12" />
        </div>
        <div class="field">
          <label for="pole-rodzaj">Rodzaj</label>
          <select id="pole-rodzaj" name="rodzaj">
            <option value="">wszystkie</option>
            {unitKinds.map((kind) => (
              <option key={kind} value={kind} selected={query.kind === kind}>
                {unitKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pole-budynek">Budynek</label>
          <select id="pole-budynek" name="budynek">
            <option value="">wszystkie</option>
            {buildings.map((b) => (
              <option key={b.id} value={String(b.id)} selected={query.buildingId === b.id}>
                {b.street} {b.number}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Szukaj</button>
      </form>
      {result.items.length === 0 ? (
        <p class="empty">Nie znaleziono lokali.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Lokale</caption>
            <thead>
              <tr>
                <SortHeader label="Adres" column="address" {...header} />
                <SortHeader label="Rodzaj" column="kind" {...header} />
                <SortHeader label="Powierzchnia" column="area" class="num" {...header} />
                <th scope="col">Posiadacze</th>
                <SortHeader label="Klucz" column="externalKey" {...header} />
              </tr>
            </thead>
            <tbody>
              {result.items.map((unit) => (
                <tr key={unit.id}>
                  <td>
                    <a href={`/panel/rejestr/lokale/${unit.id}`}>{unitAddress(unit)}</a>
                  </td>
                  <td>{unitKindLabels[unit.kind]}</td>
                  <td class="num">{formatArea(unit.areaHundredths)}</td>
                  <td>{unit.holders || <span class="empty">brak</span>}</td>
                  <td>{unit.externalKey ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={result.page}
        pages={result.pages}
        total={result.total}
        label="Strony listy lokali"
        href={(page) => listUrl('/panel/rejestr', { ...params, strona: page })}
      />
    </RegisterLayout>
  );
}

export interface PersonListQuery {
  q: string;
  sort: PersonSort;
  dir: SortDirection;
}

export function PersonListPage({
  ctx,
  query,
  result,
}: {
  ctx: PageContext;
  query: PersonListQuery;
  result: Page<PersonListItem>;
}) {
  const params = { q: query.q, sort: query.sort, kierunek: query.dir };
  const header = {
    current: query.sort,
    dir: query.dir,
    href: (column: string, dir: 'asc' | 'desc') =>
      listUrl('/panel/rejestr/osoby', { ...params, sort: column, kierunek: dir }),
  };
  return (
    <RegisterLayout ctx={ctx} title="Osoby w rejestrze">
      <div class="header-row">
        <h1>Osoby w rejestrze</h1>
        {canEditRegister(ctx) ? (
          <p>
            <a href="/panel/rejestr/osoby/nowa">Dodaj osobę</a>
          </p>
        ) : null}
      </div>
      <PersonSearchForm action="/panel/rejestr/osoby" name="q" value={query.q} />
      <PersonTable items={result.items} header={header} />
      <Pagination
        page={result.page}
        pages={result.pages}
        total={result.total}
        label="Strony listy osób"
        href={(page) => listUrl('/panel/rejestr/osoby', { ...params, strona: page })}
      />
    </RegisterLayout>
  );
}

export function PersonSearchForm({
  action,
  name,
  value,
  hidden = {},
}: {
  action: string;
  name: string;
  value: string;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="get" action={action} class="filters" aria-label="Szukaj osób">
      {Object.entries(hidden).map(([key, v]) => (
        <input key={key} type="hidden" name={key} value={v} />
      ))}
      <div class="field">
        <label for={`pole-${name}`}>Nazwisko i imię, e-mail lub końcówka PESEL</label>
        <input id={`pole-${name}`} name={name} type="search" value={value} maxLength={100} />
      </div>
      <button type="submit">Szukaj</button>
    </form>
  );
}

export function PersonTable({
  items,
  header,
}: {
  items: PersonListItem[];
  header?: { current: string; dir: 'asc' | 'desc'; href: (column: string, dir: 'asc' | 'desc') => string };
}) {
  if (items.length === 0) return <p class="empty">Nie znaleziono osób.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Osoby</caption>
        <thead>
          <tr>
            <th scope="col">Nr</th>
            {header ? (
              <SortHeader label="Nazwisko i imię" column="name" {...header} />
            ) : (
              <th scope="col">Nazwisko i imię</th>
            )}
            <th scope="col">PESEL</th>
            {header ? <SortHeader label="E-mail" column="email" {...header} /> : <th scope="col">E-mail</th>}
            <th scope="col" class="num">
              Lokale dziś
            </th>
            {header ? <SortHeader label="Klucz" column="externalKey" {...header} /> : <th scope="col">Klucz</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((person) => (
            <tr key={person.id}>
              <td>{person.id}</td>
              <td>
                <a href={`/panel/rejestr/osoby/${person.id}`}>
                  {person.lastName} {person.firstName}
                </a>
              </td>
              <td>{person.peselMasked}</td>
              <td>{person.email ?? ''}</td>
              <td class="num">{person.currentUnits}</td>
              <td>{person.externalKey ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BuildingListPage({
  ctx,
  buildings,
  notice,
}: {
  ctx: PageContext;
  buildings: Building[];
  notice?: string | undefined;
}) {
  const editor = canEditRegister(ctx);
  return (
    <RegisterLayout ctx={ctx} title="Budynki">
      <div class="header-row">
        <h1>Budynki</h1>
        {editor ? (
          <p>
            <a href="/panel/rejestr/budynki/nowy">Dodaj budynek</a>
          </p>
        ) : null}
      </div>
      <Notice text={notice} />
      {buildings.length === 0 ? (
        <p class="empty">Rejestr nie ma jeszcze budynków.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Budynki</caption>
            <thead>
              <tr>
                <th scope="col">Adres</th>
                <th scope="col">Osiedle</th>
                <th scope="col">Klucz</th>
                {editor ? <th scope="col">Zmiana</th> : null}
              </tr>
            </thead>
            <tbody>
              {buildings.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={listUrl('/panel/rejestr', { budynek: b.id })}>
                      {b.street} {b.number}, {b.postcode} {b.city}
                    </a>
                  </td>
                  <td>{b.estate ?? ''}</td>
                  <td>{b.externalKey ?? ''}</td>
                  {editor ? (
                    <td>
                      <a href={`/panel/rejestr/budynki/${b.id}/edycja`}>
                        Edytuj
                        <span class="visually-hidden">
                          {' '}
                          budynek {b.street} {b.number}
                        </span>
                      </a>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </RegisterLayout>
  );
}

// Unit page -----------------------------------------------------------------------------------

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
  occupancyForm?: Record<string, string>;
  errors?: FieldError[];
  notice?: string | undefined;
}) {
  const { unit } = details;
  const editor = canEditRegister(ctx);
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
          ['Adres', `${unit.street} ${unit.buildingNumber}/${unit.number}, ${unit.postcode} ${unit.city}`],
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

// Person page ---------------------------------------------------------------------------------

function RightTable({ rows, caption }: { rows: RightWithUnit[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Lokal</th>
            <th scope="col">Tytuł prawny</th>
            <th scope="col">Udział</th>
            <th scope="col">Okres</th>
            <th scope="col">Powód zakończenia</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((right) => (
            <tr key={right.id}>
              <td>
                <a href={`/panel/rejestr/lokale/${right.unitId}`}>{unitAddress(right.unit)}</a>
              </td>
              <td>{rightKindLabels[right.kind]}</td>
              <td>{formatShare({ numerator: right.shareNumerator, denominator: right.shareDenominator })}</td>
              <td>{period(right.validFrom, right.validTo)}</td>
              <td>{right.endReason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PersonPage({
  ctx,
  details,
  accounts,
  showPesel,
  notice,
}: {
  ctx: PageContext;
  details: PersonDetails;
  accounts: MemberAccountStatus[];
  /** The whole PESEL only for clerks and administrators. */
  showPesel: boolean;
  notice?: string | undefined;
}) {
  const { person } = details;
  const name = `${person.firstName} ${person.lastName}`;
  const rights = [...details.futureRights, ...details.currentRights];
  return (
    <RegisterLayout ctx={ctx} title={name}>
      <div class="header-row">
        <h1>{name}</h1>
        {canEditRegister(ctx) ? (
          <p>
            <a href={`/panel/rejestr/osoby/${person.id}/edycja`}>Edytuj dane osoby</a>
          </p>
        ) : null}
      </div>
      <Notice text={notice} />
      <DataList
        rows={[
          ['Numer w rejestrze', String(person.id)],
          ['PESEL', showPesel ? person.pesel : details.peselMasked],
          ['Data urodzenia', showPesel && details.peselFacts ? formatCalendarDate(details.peselFacts.birthDate) : ''],
          ['Adres do korespondencji', person.address],
          ['E-mail', person.email],
          ['Telefon', person.phone],
          ['Klucz w systemie księgowym', person.externalKey],
        ]}
      />
      <h2>Tytuły prawne</h2>
      {rights.length > 0 ? (
        <RightTable rows={rights} caption="Obecne i przyszłe" />
      ) : (
        <p class="empty">Osoba nie ma dziś tytułu prawnego do żadnego lokalu.</p>
      )}
      {details.pastRights.length > 0 ? <RightTable rows={details.pastRights} caption="Zakończone" /> : null}
      <h2>Konto e-BOK</h2>
      {accounts.length === 0 ? (
        <p>Osoba nie ma konta w e-BOK.</p>
      ) : (
        accounts.map((account) => (
          <DataList
            key={account.id}
            rows={[
              ['Login', account.login],
              ['Stan', account.status === 'active' ? 'aktywne' : 'wyłączone'],
              ['Blokada po nieudanych logowaniach', account.locked ? 'zablokowane czasowo' : 'nie'],
              ['Hasło startowe do zmiany', account.mustChangePassword ? 'tak' : 'nie'],
              ['Ostatnie logowanie', account.lastLoginAt ? formatDateTime(account.lastLoginAt) : 'nigdy'],
            ]}
          />
        ))
      )}
    </RegisterLayout>
  );
}

export { SelectField };
