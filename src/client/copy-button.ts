/**
 * Progressive enhancement: a "Kopiuj" button beside each `[data-copy]` element (the account number
 * of e-BOK's payment data). Without JavaScript or the Clipboard API the number is plain selectable
 * text, as before.
 */
function enhance(target: HTMLElement): void {
  if (!navigator.clipboard) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary small copy-button';
  button.textContent = 'Kopiuj';
  const label = target.dataset.copyLabel;
  if (label) button.setAttribute('aria-label', `Kopiuj ${label}`);
  const status = document.createElement('span');
  status.className = 'copy-status';
  status.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    const text = (target.dataset.copy || target.textContent || '').replace(/\s+/g, '');
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Skopiowano.';
    } catch {
      status.textContent = 'Nie udało się skopiować: zaznacz numer i skopiuj go ręcznie.';
    }
  });
  target.after(button, status);
}

for (const target of document.querySelectorAll<HTMLElement>('[data-copy]')) enhance(target);
