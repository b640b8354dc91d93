/** A person's page in the back office: their data, rights to units and e-BOK account. */
import { Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatDateTime } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';
import type { MemberAccountStatus } from '../../accounts/queries.ts';
import type { PersonDetails } from '../details.ts';
import { rightKindLabels } from '../labels.ts';
import type { RightWithUnit } from '../queries.ts';
import { formatShare } from '../rules/share.ts';
import { DataList, period, RegisterLayout, unitAddress } from './register-parts.tsx';

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
        {can(ctx.account, 'register.change') ? (
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
        <>
          <p>Osoba nie ma konta w e-BOK.</p>
          {can(ctx.account, 'accounts.open') && details.currentRights.length > 0 ? (
            <p>
              <a class="button" href={`/panel/aktywacja/osoba/${details.person.id}#aktywuj`}>
                Załóż konto e-BOK
              </a>
            </p>
          ) : null}
        </>
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
      {accounts.length > 0 && can(ctx.account, 'accounts.open') ? (
        <p>
          <a href={`/panel/aktywacja/osoba/${details.person.id}#konto`}>Nowe hasło startowe</a>
        </p>
      ) : null}
      {can(ctx.account, 'consents.manage') ? (
        <p>
          <a href={`/panel/korespondencja/zgody/${details.person.id}`}>Zgoda na korespondencję elektroniczną</a>
        </p>
      ) : null}
    </RegisterLayout>
  );
}
