import { assetUrl } from '../../../http/assets.ts';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';

/**
 * The letter as members will read it (the same renderer as e-BOK, e-mail and print), beside the
 * editor. Drawn by the server for what the form holds; js/letter-preview.js keeps it current while
 * typing (progressive enhancement: without it the form and the "Podgląd" button work as before).
 */
export function LetterPreview({ subject, html }: { subject: string; html: string | undefined }) {
  return (
    <aside class="letter-preview" aria-labelledby="podglad-naglowek">
      <h3 id="podglad-naglowek">Podgląd listu</h3>
      <div
        id="podglad-listu"
        class="letter-preview-body"
        aria-live="polite"
        data-preview-url="/panel/korespondencja/podglad"
      >
        <PreviewBody subject={subject} html={html} />
      </div>
    </aside>
  );
}

function PreviewBody({ subject, html }: { subject: string; html: string | undefined }) {
  if (!html && !subject) return <p class="hint">Tu pojawi się list tak, jak zobaczą go adresaci.</p>;
  return (
    <>
      <p class="letter-preview-subject">
        <strong>{subject || '(bez tematu)'}</strong>
      </p>
      <div class="letter-body prose" dangerouslySetInnerHTML={{ __html: html ?? '' }} />
      {/\{\{\s*[\w.-]+\s*\}\}/.test(html ?? '') ? (
        <p class="hint">Pola w nawiasach {'{{ }}'} zostaną wypełnione danymi każdego adresata.</p>
      ) : null}
    </>
  );
}

/** The script that refreshes the preview while typing. */
export function PreviewScript() {
  return <script type="module" src={assetUrl('js/letter-preview.js')} />;
}

/** The preview on a page of its own: what the "Podgląd" button opens without JavaScript. */
export function PreviewPage({ ctx, subject, html }: { ctx: PageContext; subject: string; html: string }) {
  return (
    <PortalLayout ctx={ctx} title="Podgląd listu">
      <h1>Podgląd listu</h1>
      <p class="hint">
        Tak list zobaczą adresaci w e-BOK, w e-mailu i na wydruku. Zamknij tę kartę, aby wrócić do edycji.
      </p>
      <div id="podglad-listu" class="letter-preview-body">
        <PreviewBody subject={subject} html={html} />
      </div>
    </PortalLayout>
  );
}
