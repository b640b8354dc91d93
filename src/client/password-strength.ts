/**
 * Password strength hint while typing (browser code, bundled by scripts/build-client.ts into
 * public/js/password-strength.js and loaded only on the password pages).
 *
 * Progressive enhancement: without this script the form works the same. The estimate is zxcvbn's
 * (Polish and common dictionaries, Polish messages) and is only a hint: the server's rules
 * (src/features/accounts/password-policy.ts) decide whether a password is accepted.
 *
 * Markup it enhances, next to a password input with id `pole-nowe`:
 *   <div class="strength-meter" data-strength-meter="pole-nowe" hidden></div>
 *   <p id="pole-nowe-sila" class="hint" aria-live="polite" data-strength-for="pole-nowe"
 *      data-strength-min="12" data-strength-words="login Imię Nazwisko"></p>
 * It only sets text and toggles classes (the CSP allows no inline styles).
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as polishDictionary, translations } from '@zxcvbn-ts/language-pl';
import { counted, countOf } from '../lib/plural.ts';

const verdicts = ['bardzo słabe', 'słabe', 'średnie', 'dobre', 'bardzo dobre'] as const;
const scoreClasses = ['strength-0', 'strength-1', 'strength-2', 'strength-3', 'strength-4'] as const;
/** Typing pauses this long before the estimate runs (and the live region speaks). */
const DELAY_MS = 250;

let factory: ZxcvbnFactory | undefined;

/** Built on first use: ranking the dictionaries takes a moment, not worth it on every page view. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...polishDictionary },
    graphs: adjacencyGraphs,
    translations,
    // Off: matching every dictionary by edit distance costs ~40× more per check (hundreds of ms
    // per keystroke on a slow machine); the server's blocklist catches common passwords anyway.
    useLevenshteinDistance: false,
  });
  return factory;
}

/** Unicode code points, as the server counts length. */
function length(password: string): number {
  return [...password.normalize('NFC')].length;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The hint for one password: the score shown by the meter and the Polish text of the live region. */
function assess(password: string, minimum: number, userInputs: string[]): { score: number; text: string } | undefined {
  if (password === '') return undefined;
  const count = length(password);
  if (count < minimum) {
    return {
      score: 0,
      text: `Siła hasła: za krótkie. Potrzeba co najmniej ${countOf(minimum, counted.characters)} (jest ${count}).`,
    };
  }
  const result: ZxcvbnResult = estimator().check(password, userInputs);
  const parts = [`Siła hasła: ${verdicts[result.score] ?? verdicts[0]}.`];
  const advice = result.feedback.warning ?? (result.score < 3 ? result.feedback.suggestions[0] : undefined);
  if (advice) parts.push(sentence(advice));
  return { score: result.score, text: parts.join(' ') };
}

function enhance(output: HTMLElement): void {
  const inputId = output.dataset.strengthFor ?? '';
  const input = document.getElementById(inputId);
  if (!(input instanceof HTMLInputElement)) return;
  const meter = document.querySelector<HTMLElement>(`[data-strength-meter="${CSS.escape(inputId)}"]`);
  const minimum = Number(output.dataset.strengthMin) || 12;
  const userInputs = (output.dataset.strengthWords ?? '').split(/\s+/).filter((word) => word.length >= 3);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = () => {
    const hint = assess(input.value, minimum, userInputs);
    // The live region speaks only when its text changes.
    const text = hint?.text ?? '';
    if (output.textContent !== text) output.textContent = text;
    if (!meter) return;
    meter.hidden = hint === undefined;
    for (const [score, name] of scoreClasses.entries()) meter.classList.toggle(name, hint?.score === score);
  };

  // Warm up on focus, so the first keystroke does not wait for the dictionaries.
  input.addEventListener('focus', () => estimator(), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  if (input.value) update();
}

for (const output of document.querySelectorAll<HTMLElement>('[data-strength-for]')) enhance(output);
