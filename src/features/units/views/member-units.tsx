/** What a member sees of the register in e-BOK: their units today, and one unit's page. */
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { unitAddress } from '../../../lib/address.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { rightKindLabels, unitKindLabels, unitKindNouns } from '../labels.ts';
import type { MemberUnit, MemberUnitPage } from '../member.ts';
import { formatArea } from '../rules/parse.ts';
import { formatShare } from '../rules/share.ts';

const address = (unit: Pick<MemberUnit, 'street' | 'buildingNumber' | 'number'>) => unitAddress(unit);

const shareText = (unit: MemberUnit) =>
  unit.share.numerator === unit.share.denominator ? 'całość' : `udział ${formatShare(unit.share)}`;

/** The section of the member's start page: the units they hold a right to today. */
export function MemberUnitsSection({ units }: { units: MemberUnit[] | undefined }) {
  if (!units) return null;
  return (
    <section class="member-units" aria-labelledby="moje-lokale">
      <h2 id="moje-lokale">Moje lokale</h2>
      {units.length === 0 ? (
        <p>
          Nie widzimy dziś żadnego lokalu, do którego ma Pan/Pani tytuł prawny. Jeśli to błąd, prosimy o kontakt z
          biurem obsługi.
        </p>
      ) : (
        <ul class="unit-cards">
          {units.map((unit) => (
            <li key={unit.unitId}>
              <h3>
                <a href={`/ebok/lokale/${unit.unitId}`}>{address(unit)}</a>
              </h3>
              <p>
                {unitKindNouns[unit.kind]}, {formatArea(unit.areaHundredths)}
                <br />
                {rightKindLabels[unit.rightKind]}, {shareText(unit)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Switching between the member's units: every unit, the current one marked. */
function UnitSwitcher({ units, currentId }: { units: MemberUnit[]; currentId: number }) {
  if (units.length < 2) return null;
  return (
    <nav class="filters unit-switcher" aria-label="Moje lokale">
      {units.map((unit) => (
        <a
          key={unit.unitId}
          href={`/ebok/lokale/${unit.unitId}`}
          aria-current={unit.unitId === currentId ? 'page' : undefined}
        >
          {address(unit)}
        </a>
      ))}
    </nav>
  );
}

export function MemberUnitPageView({
  ctx,
  unit,
  units,
}: {
  ctx: PageContext;
  unit: MemberUnitPage;
  /** All the member's units today, for the switcher. */
  units: MemberUnit[];
}) {
  return (
    <PortalLayout ctx={ctx} title={`Lokal ${address(unit)}`}>
      <nav class="breadcrumbs" aria-label="Okruszki">
        <a href="/ebok">« Pulpit</a>
      </nav>
      <UnitSwitcher units={units} currentId={unit.unitId} />
      <h1>Lokal {address(unit)}</h1>
      <dl class="data-list">
        <div>
          <dt>Adres</dt>
          <dd>
            {address(unit)}, {unit.postcode} {unit.city}
          </dd>
        </div>
        <div>
          <dt>Rodzaj lokalu</dt>
          <dd>{unitKindLabels[unit.kind]}</dd>
        </div>
        <div>
          <dt>Powierzchnia użytkowa</dt>
          <dd>{formatArea(unit.areaHundredths)}</dd>
        </div>
        <div>
          <dt>Tytuł prawny</dt>
          <dd>
            {rightKindLabels[unit.rightKind]}, {shareText(unit)}, od {formatCalendarDate(unit.heldSince)}
          </dd>
        </div>
        <div>
          <dt>Liczba osób (do naliczania opłat)</dt>
          <dd>{unit.personsCount === undefined ? 'nie podano' : unit.personsCount}</dd>
        </div>
        <div>
          <dt>Współposiadacze</dt>
          <dd>
            {unit.coHolders.length === 0
              ? 'brak'
              : unit.coHolders.map((p) => `${p.firstName} ${p.lastName}`).join(', ')}
          </dd>
        </div>
      </dl>
      <h2>Historia liczby osób</h2>
      {unit.occupancyHistory.length === 0 ? (
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
              </tr>
            </thead>
            <tbody>
              {unit.occupancyHistory.map((row, index) => (
                <tr key={`${row.effectiveFrom}-${index}`}>
                  <td>{formatCalendarDate(row.effectiveFrom)}</td>
                  <td class="num">{row.personsCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">Zmianę liczby osób zgłasza się w biurze obsługi (oświadczenie o liczbie osób).</p>
    </PortalLayout>
  );
}
