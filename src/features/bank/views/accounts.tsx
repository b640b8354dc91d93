import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatNrb } from '../../../lib/nrb.ts';
import type { CooperativeAccounts } from '../../ledger/bank-accounts.ts';
import { FinanceNav } from '../../ledger/views/finance-nav.tsx';

export const ACCOUNTS_URL = '/panel/finanse/wyciagi/rachunki';

export function BankAccountsPage({
  ctx,
  accounts,
  notice,
  errors = [],
  values = {},
}: {
  ctx: PageContext;
  accounts: CooperativeAccounts;
  notice?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}) {
  return (
    <PortalLayout ctx={ctx} title="Rachunki Spółdzielni">
      <h1>Rachunki bankowe Spółdzielni</h1>
      <FinanceNav canBook={true} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <p>
        Import przyjmuje tylko wyciągi tych rachunków; wyciąg innego rachunku jest odrzucany w całości. Wpłaty na
        rachunki wirtualne lokali trafiają na te rachunki i nie trzeba ich tu dopisywać.
      </p>
      <h2>Rachunek główny</h2>
      <p class="nrb">
        {accounts.main ? (
          <>
            {formatNrb(accounts.main)} <span class="hint">(z danych Spółdzielni)</span>
          </>
        ) : (
          'Spółdzielnia nie ma w swoich danych numeru rachunku.'
        )}
      </p>
      <h2>Dalsze rachunki</h2>
      {accounts.further.length === 0 ? (
        <p>Nie ma dalszych rachunków.</p>
      ) : (
        <ul class="bank-accounts">
          {accounts.further.map((account) => (
            <li key={account}>
              <span class="nrb">{formatNrb(account)}</span>{' '}
              <Form action={`${ACCOUNTS_URL}/usun`} csrfToken={ctx.csrfToken} class="inline">
                <input type="hidden" name="rachunek" value={account} />
                <button type="submit" class="secondary" aria-label={`Usuń rachunek ${formatNrb(account)}`}>
                  Usuń
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2>Dodaj rachunek</h2>
      <Form action={ACCOUNTS_URL} csrfToken={ctx.csrfToken}>
        <TextField
          name="rachunek"
          label="Numer rachunku (NRB)"
          hint="26 cyfr, np. 72 1020 2313 0000 3102 0000 0001; sprawdzamy sumę kontrolną."
          value={values.rachunek}
          errors={errors}
          inputMode="numeric"
          maxLength={40}
          required
        />
        <button type="submit">Dodaj rachunek</button>
      </Form>
      <p>
        <a href="/panel/finanse/wyciagi">« Wyciągi bankowe</a>
      </p>
    </PortalLayout>
  );
}
