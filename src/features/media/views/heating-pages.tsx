import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, SelectField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { MediaLayout } from './staff-pages.tsx';

/** The accountant imports a heating company's per-unit results (a preview run follows). */
export function HeatingImportPage({
  ctx,
  buildings,
  form,
}: {
  ctx: PageContext;
  buildings: { id: number; label: string }[];
  form: FormState;
}) {
  const fileError = (field: string) =>
    form.errors
      .filter((e) => e.field === field)
      .map((e) => (
        <p class="field-error" key={e.message}>
          {e.message}
        </p>
      ));
  return (
    <MediaLayout ctx={ctx} title="Import rozliczenia ogrzewania">
      <p>
        Plik CSV z wynikami firmy rozliczeniowej: kolumny <code>lokal</code>, <code>okres_od</code>,{' '}
        <code>okres_do</code>, <code>koszt</code> oraz <code>zaliczki</code> albo <code>wynik</code>; opcjonalnie{' '}
        <code>zuzycie</code> i <code>plik_pdf</code> (nazwa dołączonego pliku PDF lokalu). Jeden PDF bez wskazania w
        pliku to rozliczenie całego budynku. Import niczego nie księguje: najpierw zobaczysz podgląd.
      </p>
      <form method="post" action="/panel/media/ogrzewanie" enctype="multipart/form-data" noValidate>
        <CsrfField token={ctx.csrfToken} />
        <ErrorSummary errors={form.errors} />
        <SelectField
          name="budynek"
          label="Budynek"
          options={buildings.map((b) => [String(b.id), b.label] as const)}
          value={form.values.budynek}
          errors={form.errors}
        />
        <p>
          <label for="plik">Plik z wynikami (CSV)</label>
          <input id="plik" name="plik" type="file" accept=".csv,text/csv" required />
          {fileError('plik')}
        </p>
        <p>
          <label for="pdf">Dokumenty PDF firmy (opcjonalnie, można wybrać kilka)</label>
          <input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" multiple />
          {fileError('pdf')}
        </p>
        <button type="submit">Importuj i pokaż podgląd</button>
      </form>
    </MediaLayout>
  );
}
