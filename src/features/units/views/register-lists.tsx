/** The register's lists in the back office: units, persons, buildings. */
import { Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { buildingAddress, withPlace } from '../../../lib/address.ts';
import { can } from '../../../policy.ts';
import { type UnitKind, unitKindLabels, unitKinds } from '../labels.ts';
import type { Building } from '../queries.ts';
import { formatArea } from '../rules/parse.ts';
import type { Page, PersonListItem, PersonSort, SortDirection, UnitListItem, UnitSort } from '../search.ts';
import { listUrl, Pagination, RegisterLayout, SortHeader, unitAddress } from './register-parts.tsx';

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
        {can(ctx.account, 'register.change') ? (
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
                {buildingAddress(b)}
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
        {can(ctx.account, 'register.change') ? (
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
  const editor = can(ctx.account, 'register.change');
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
                    <a href={listUrl('/panel/rejestr', { budynek: b.id })}>{withPlace(buildingAddress(b), b)}</a>
                  </td>
                  <td>{b.estate ?? ''}</td>
                  <td>{b.externalKey ?? ''}</td>
                  {editor ? (
                    <td>
                      <a href={`/panel/rejestr/budynki/${b.id}/edycja`}>
                        Edytuj
                        <span class="visually-hidden"> budynek {buildingAddress(b)}</span>
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
