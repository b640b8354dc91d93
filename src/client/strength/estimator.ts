/**
 * The strength estimate itself: zxcvbn with the Polish and common dictionaries (about 1.2 MB).
 * Loaded on demand by ../password-strength.ts, as a separate chunk (scripts/build-client.ts),
 * when the new-password field is first focused or typed in: no page carries the dictionaries up
 * front. The factory is built once, when this module is first evaluated.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as polishDictionary, translations } from '@zxcvbn-ts/language-pl';

const factory = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...polishDictionary },
  graphs: adjacencyGraphs,
  translations,
  // Off: matching every dictionary by edit distance costs ~40× more per check (hundreds of ms
  // per keystroke on a slow machine); the server's blocklist catches common passwords anyway.
  useLevenshteinDistance: false,
});

export interface Estimate {
  /** 0 (guessable) … 4 (very unguessable). */
  score: number;
  /** A Polish warning about the password, if any. */
  warning: string | null;
  /** Polish suggestions how to make it stronger. */
  suggestions: string[];
}

export function estimate(password: string, userInputs: string[]): Estimate {
  const result = factory.check(password, userInputs);
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
}
