/**
 * Progressive enhancement: the preview beside a letter's editor follows the typing. The form is
 * sent (unchanged, with its CSRF token) to the preview page the "Podgląd" button opens without
 * JavaScript, and the preview is taken from that page: one renderer, the server's, for the sent
 * letter and its preview. Without JavaScript the preview drawn with the page and the button stay.
 */
const DELAY_MS = 400;

function enhance(pane: HTMLElement): void {
  const form = pane.closest('form');
  const url = pane.dataset.previewUrl;
  if (!form || !url) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  async function refresh(): Promise<void> {
    const ticket = ++asked;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form as HTMLFormElement)) {
      if (typeof value === 'string') body.append(name, value);
    }
    try {
      const response = await fetch(url as string, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (!response.ok || ticket !== asked) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById('podglad-listu');
      if (fresh && ticket === asked)
        pane.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    } catch {
      // Offline or refused: the last preview stays; the form itself is unaffected.
    }
  }

  form.addEventListener('input', (event) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | null;
    if (target?.name !== 'subject' && target?.name !== 'body') return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  // The preview follows by itself now: the button for a separate tab is not needed.
  for (const button of form.querySelectorAll<HTMLButtonElement>('button[formaction$="/podglad"]')) button.remove();
}

for (const pane of document.querySelectorAll<HTMLElement>('[data-preview-url]')) enhance(pane);
