import type { FieldError } from '../../../errors.ts';
import type { FormValues } from '../../../http/form-route.ts';
import { ErrorSummary, Form, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import type { FeeComponent, FeeRate } from '../queries.ts';
import { costKindLabels, costKinds, feeBases, feeBasisLabels, feeBasisUnitLabels } from '../rules/fees.ts';
import { formatRate } from '../rules/money.ts';
import { FinanceNav } from './finance-nav.tsx';
import { CalendarDate } from './parts.tsx';

export function FeesAdminPage({
  ctx,
  components,
  rates,
  canBook,
  notice,
  errors = [],
  values = {},
  month,
}: {
  ctx: PageContext;
  components: FeeComponent[];
  rates: FeeRate[];
  canBook: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
  values?: FormValues;
  month: string;
}) {
  const byId = new Map(components.map((c) => [c.id, c]));
  return (
    <PortalLayout ctx={ctx} title="Opłaty i naliczenia">
      <h1>Opłaty i naliczenia</h1>
      <FinanceNav canBook={canBook} />
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <h2>Składniki opłat</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Kod</th>
              <th scope="col">Nazwa</th>
              <th scope="col">Podstawa</th>
              <th scope="col">Rodzaj kosztów</th>
            </tr>
          </thead>
          <tbody>
            {components.map((c) => (
              <tr key={c.id}>
                <td>{c.code}</td>
                <td>{c.name}</td>
                <td>{feeBasisLabels[c.basis]}</td>
                <td>{costKindLabels[c.costKind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Stawki</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Od dnia</th>
              <th scope="col">Składnik</th>
              <th scope="col">Zakres</th>
              <th scope="col" class="num">
                Stawka
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rates].reverse().map((r) => {
              const component = byId.get(r.componentId);
              return (
                <tr key={r.id}>
                  <td>
                    <CalendarDate date={r.effectiveFrom} />
                  </td>
                  <td>{component?.name}</td>
                  <td>
                    {r.unitId ? `lokal ${r.unitId}` : r.buildingId ? `budynek ${r.buildingId}` : 'cała spółdzielnia'}
                  </td>
                  <td class="num">
                    {formatRate(r.rate)} {component ? feeBasisUnitLabels[component.basis] : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canBook ? (
        <div class="ledger-forms">
          <section>
            <h2>Nowa stawka</h2>
            <Form action="/panel/finanse/oplaty/stawka" csrfToken={ctx.csrfToken}>
              <div class="field">
                <label for="pole-skladnik">Składnik</label>
                <select id="pole-skladnik" name="skladnik">
                  {components.map((c) => (
                    <option value={String(c.id)} selected={values.skladnik === String(c.id)}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <TextField
                name="stawka"
                label="Stawka (zł, do 4 miejsc po przecinku)"
                value={values.stawka ?? ''}
                errors={errors}
                required
              />
              <TextField name="od" label="Obowiązuje od" type="date" value={values.od ?? ''} errors={errors} required />
              <TextField name="lokal" label="Tylko dla lokalu (id)" value={values.lokal ?? ''} errors={errors} />
              <TextField name="budynek" label="Tylko dla budynku (id)" value={values.budynek ?? ''} errors={errors} />
              <button type="submit">Dodaj stawkę</button>
            </Form>
          </section>
          <section>
            <h2>Nowy składnik</h2>
            <Form action="/panel/finanse/oplaty/skladnik" csrfToken={ctx.csrfToken}>
              <TextField name="kod" label="Kod (np. ODPADY)" value={values.kod ?? ''} errors={errors} required />
              <TextField name="nazwa" label="Nazwa" value={values.nazwa ?? ''} errors={errors} required />
              <div class="field">
                <label for="pole-podstawa">Podstawa</label>
                <select id="pole-podstawa" name="podstawa">
                  {feeBases.map((b) => (
                    <option value={b} selected={values.podstawa === b}>
                      {feeBasisLabels[b]}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="pole-rodzaj">Rodzaj kosztów</label>
                <select id="pole-rodzaj" name="rodzaj">
                  {costKinds.map((k) => (
                    <option value={k} selected={values.rodzaj === k}>
                      {costKindLabels[k]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">Dodaj składnik</button>
            </Form>
          </section>
          <section>
            <h2>Naliczenie miesięczne</h2>
            <p class="hint">Ponowne uruchomienie za ten sam miesiąc niczego nie dubluje.</p>
            <Form action="/panel/finanse/oplaty/naliczenie" csrfToken={ctx.csrfToken}>
              <TextField
                name="miesiac"
                label="Miesiąc (RRRR-MM)"
                value={values.miesiac ?? month}
                errors={errors}
                required
              />
              <button type="submit">Nalicz opłaty</button>
            </Form>
          </section>
        </div>
      ) : null}
    </PortalLayout>
  );
}
