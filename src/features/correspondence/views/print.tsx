import type { FieldError } from '../../../errors.ts';
import { ErrorSummary, Form, Notice } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { polishPlural } from '../../../lib/plural.ts';
import type { Delivery } from '../deliveries.ts';
import type { Letter } from '../letter-queries.ts';

export function PrintQueuePage({
  ctx,
  rows,
  notice,
  errors = [],
}: {
  ctx: PageContext;
  rows: { delivery: Delivery; letter: Letter }[];
  notice?: string | undefined;
  errors?: FieldError[];
}) {
  const ids = rows.map((r) => r.delivery.id).join(',');
  return (
    <PortalLayout ctx={ctx} title="Kolejka wydruku">
      <p class="breadcrumbs">
        <a href="/panel/korespondencja">Korespondencja</a>
      </p>
      <h1>Kolejka wydruku</h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      {rows.length === 0 ? (
        <p class="empty">Nie ma listów do wydruku.</p>
      ) : (
        <>
          <p>
            {rows.length} {polishPlural(rows.length, { one: 'list', few: 'listy', many: 'listów' })} do wydruku. Adres
            jest ustawiony pod okienko koperty DL.{' '}
            <a href={`/panel/korespondencja/druk.pdf?ids=${ids}`}>Pobierz PDF do wydruku</a>
          </p>
          <Form action="/panel/korespondencja/druk/potwierdz" csrfToken={ctx.csrfToken}>
            <input type="hidden" name="ids" value={ids} />
            <button type="submit">Potwierdzam wydruk tych listów</button>
          </Form>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Adresat</th>
                  <th scope="col">Uwagi</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.delivery.id}>
                    <td>{r.letter.subject}</td>
                    <td>
                      {r.delivery.recipientName}, {r.delivery.postalAddress.replace('\n', ', ')}
                    </td>
                    <td>{r.delivery.emailError ? `e-mail nie dotarł: ${r.delivery.emailError}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </PortalLayout>
  );
}
