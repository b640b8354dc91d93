/**
 * Progressive enhancement of date fields (`input[data-date-picker]`): the field stays a text field
 * showing and taking DD.MM.RRRR (what people write, whatever the browser's language), and a
 * "Kalendarz" button beside it opens the browser's own date picker, which writes the chosen day
 * back as DD.MM.RRRR. Browsers without `showPicker` keep the plain field.
 */
function toIso(text: string): string {
  const polish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (polish) return `${polish[3]}-${polish[2]?.padStart(2, '0')}-${polish[1]?.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : '';
}

function toPolish(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function enhance(field: HTMLInputElement): void {
  const picker = document.createElement('input');
  picker.type = 'date';
  picker.tabIndex = -1;
  picker.setAttribute('aria-hidden', 'true');
  picker.setAttribute('aria-label', 'Kalendarz');
  picker.className = 'date-picker-native';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary small date-picker-button';
  button.textContent = 'Kalendarz';
  // Named "Kalendarz"; the field's label describes it (so a search by label finds the field alone).
  const label = field.labels?.[0];
  if (label) {
    label.id ||= `${field.id || field.name}-etykieta`;
    button.setAttribute('aria-describedby', label.id);
  }
  button.addEventListener('click', () => {
    picker.value = toIso(field.value);
    try {
      picker.showPicker();
    } catch {
      field.focus();
    }
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    field.value = toPolish(picker.value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    field.focus();
  });
  const wrap = document.createElement('span');
  wrap.className = 'date-field';
  field.replaceWith(wrap);
  wrap.append(field, button, picker);
}

if ('showPicker' in HTMLInputElement.prototype) {
  for (const field of document.querySelectorAll<HTMLInputElement>('input[data-date-picker]')) enhance(field);
}
