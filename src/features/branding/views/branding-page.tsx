import type { FormState } from '../../../http/form-route.ts';
import { CsrfField, ErrorSummary, FileField, FilesNotKept, Notice, TextField } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import type { Palette } from '../rules/palette.ts';

/** /panel/wyglad: the organization's logo and colours. */
export function BrandingPage({
  ctx,
  palette,
  logo,
  form,
  notice,
}: {
  ctx: PageContext;
  palette: Palette;
  /** The current logo's address. */
  logo: string | undefined;
  form: FormState;
  notice?: string | undefined;
}) {
  const values = form.values;
  const drawnAgain = form.errors.length > 0;
  return (
    <PortalLayout ctx={ctx} title="Wygląd: logo i kolory">
      <h1>Wygląd: logo i kolory</h1>
      <Notice text={notice} />
      <p>
        Logo i kolory Spółdzielni widać na stronie, w e-BOK i w panelu. Kolor, na którym tekst byłby nieczytelny
        (kontrast poniżej 4,5:1 według WCAG 2.1 AA), nie zostanie zapisany.
      </p>
      <ErrorSummary errors={form.errors} />
      <FilesNotKept errors={form.errors} />
      <form method="post" action="/panel/wyglad" enctype="multipart/form-data" noValidate class="narrow-form">
        <CsrfField token={ctx.csrfToken} />
        <TextField
          name="kolor"
          label="Kolor główny"
          value={drawnAgain ? values.kolor : palette.primary.toUpperCase()}
          hint="Przyciski, linki i pasek strony, z białym napisem. Zapis #RRGGBB, np. #14532D. Puste pole: kolor domyślny."
          errors={form.errors}
          maxLength={7}
        />
        <TextField
          name="kolorCiemny"
          label="Kolor ciemny"
          value={drawnAgain ? values.kolorCiemny : palette.dark.toUpperCase()}
          hint="Nagłówki i pasek menu. Zapis #RRGGBB, np. #0B3A1E."
          errors={form.errors}
          maxLength={7}
        />
        {logo ? (
          <figure class="logo-preview">
            <img src={logo} alt="Obecne logo Spółdzielni" height={64} />
            <figcaption>Obecne logo</figcaption>
          </figure>
        ) : (
          <p>Spółdzielnia nie ma jeszcze logo: w nagłówku widać jej nazwę.</p>
        )}
        <FileField
          name="logo"
          label={logo ? 'Nowe logo' : 'Logo'}
          required={false}
          accept=".png,.jpg,.jpeg,.webp,.gif,image/png,image/jpeg,image/webp,image/gif"
          hint="PNG, JPG, WEBP lub GIF do 2 MB; zostanie zmniejszone do 128 pikseli wysokości. Najlepiej wygląda poziome logo na przezroczystym tle."
          errors={form.errors}
        />
        {logo ? (
          <div class="field checkbox-field">
            <input
              type="checkbox"
              id="pole-usunLogo"
              name="usunLogo"
              value="1"
              checked={values.usunLogo !== undefined}
            />
            <label for="pole-usunLogo">Usuń logo (w nagłówku będzie nazwa Spółdzielni)</label>
          </div>
        ) : null}
        <button type="submit">Zapisz wygląd</button>
      </form>
    </PortalLayout>
  );
}
