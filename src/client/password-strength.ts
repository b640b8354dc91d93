/**
 * Password strength hint while typing (browser code, bundled by scripts/build-client.ts into
 * public/js/password-strength.js, an ES module loaded only on the password pages).
 *
 * Progressive enhancement: without this script the form works the same. The estimate is zxcvbn's
 * (Polish and common dictionaries, Polish messages) and is only a hint: the server's rules
 * (src/features/accounts/password-policy.ts) decide whether a password is accepted.
 *
 * This module is a few kilobytes; the dictionaries (about 1.2 MB, ./strength/estimator.ts) are a
 * separate chunk fetched when the field is first focused or typed in, so a page that shows the
 * field but is never typed in (or a phone on a slow line) does not pay for them. Until they
 * arrive, a password long enough to be judged shows no verdict yet (and no stale one).
 *
 * Markup it enhances, next to a password input with id `pole-nowe`:
 *   <div class="strength-meter" data-strength-meter="pole-nowe" hidden></div>
 *   <p id="pole-nowe-sila" class="hint" aria-live="polite" data-strength-for="pole-nowe"
 *      data-strength-min="12" data-strength-words="login Imię Nazwisko"></p>
 * It only sets text and toggles classes (the CSP allows no inline styles).
 */
import { counted, countOf } from '../lib/plural.ts';

type Estimator = typeof import('./strength/estimator.ts');

const verdicts = ['bardzo słabe', 'słabe', 'średnie', 'dobre', 'bardzo dobre'] as const;
const scoreClasses = ['strength-0', 'strength-1', 'strength-2', 'strength-3', 'strength-4'] as const;
/** Typing pauses this long before the estimate runs (and the live region speaks). */
const DELAY_MS = 250;

let loading: Promise<Estimator | undefined> | undefined;
let loaded: Estimator | undefined;

/** The dictionaries, fetched once on first use; undefined when they could not be fetched (tried again later). */
function loadEstimator(): Promise<Estimator | undefined> {
  loading ??= import('./strength/estimator.ts').then(
    (estimator) => {
      loaded = estimator;
      return estimator;
    },
    () => {
      loading = undefined;
      return undefined;
    },
  );
  return loading;
}

/** Unicode code points, as the server counts length. */
function length(password: string): number {
  return [...password.normalize('NFC')].length;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

interface Hint {
  score: number;
  text: string;
}

/**
 * The hint for one password: the score shown by the meter and the Polish text of the live region;
 * undefined for an empty field; `dictionaries` when the verdict needs the estimator, not loaded yet.
 */
function assess(
  password: string,
  minimum: number,
  userInputs: string[],
  estimator: Estimator | undefined,
): Hint | undefined | 'dictionaries' {
  if (password === '') return undefined;
  const count = length(password);
  if (count < minimum) {
    return {
      score: 0,
      text: `Siła hasła: za krótkie. Potrzeba co najmniej ${countOf(minimum, counted.characters)} (jest ${count}).`,
    };
  }
  if (!estimator) return 'dictionaries';
  const result = estimator.estimate(password, userInputs);
  const parts = [`Siła hasła: ${verdicts[result.score] ?? verdicts[0]}.`];
  const advice = result.warning ?? (result.score < 3 ? result.suggestions[0] : undefined);
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
  /** Counts updates, so that a slow one (waiting for the dictionaries) never overwrites a newer one. */
  let latest = 0;

  const show = (hint: Hint | undefined) => {
    // The live region speaks only when its text changes.
    const text = hint?.text ?? '';
    if (output.textContent !== text) output.textContent = text;
    if (!meter) return;
    meter.hidden = hint === undefined;
    for (const [score, name] of scoreClasses.entries()) meter.classList.toggle(name, hint?.score === score);
  };

  const update = async () => {
    const run = ++latest;
    const hint = assess(input.value, minimum, userInputs, loaded);
    if (hint !== 'dictionaries') return show(hint);
    // No stale hint (e.g. "too short") while the dictionaries are on their way.
    show(undefined);
    const estimator = await loadEstimator();
    if (run !== latest) return;
    const judged = assess(input.value, minimum, userInputs, estimator);
    show(judged === 'dictionaries' ? undefined : judged);
  };

  // Fetch the dictionaries on focus, so the first keystrokes do not wait for them.
  input.addEventListener('focus', () => void loadEstimator(), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), DELAY_MS);
  });
  if (document.activeElement === input) void loadEstimator();
  if (input.value) void update();
}

for (const output of document.querySelectorAll<HTMLElement>('[data-strength-for]')) enhance(output);
