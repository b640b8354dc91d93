import type { Consent } from './consents.ts';

export type Channel = { kind: 'email'; email: string } | { kind: 'paper' };

/**
 * The channel of a letter to a person: e-mail only when a consent is given and its address was
 * confirmed by the link; anything else (none, waiting, withdrawn) means paper.
 */
export function chooseChannel(consent: Pick<Consent, 'state' | 'email' | 'addressConfirmedAt'> | undefined): Channel {
  if (consent && consent.state === 'given' && consent.addressConfirmedAt && consent.email) {
    return { kind: 'email', email: consent.email };
  }
  return { kind: 'paper' };
}
