import type { Delivery } from '../deliveries.ts';
import type { Letter } from '../letter-queries.ts';
import { letterHtml } from '../mail.ts';
import { personalHtml, prepareLetter } from './render.ts';
import { qrImagesOf } from './values.ts';

/**
 * A letter as its addressee reads it in e-BOK: as written, or with the values it was sent with,
 * one version per unit when it reached the person for several units.
 */
export async function deliveredHtml(letter: Letter, deliveries: readonly Delivery[]): Promise<string> {
  const personal = deliveries.filter((d) => d.fields).sort((a, b) => a.id - b.id);
  if (personal.length === 0) return letterHtml(letter);
  const prepared = prepareLetter(letter.bodyMarkdown);
  const images = await qrImagesOf(personal.map((d) => d.fields ?? {}));
  return personal.map((d) => personalHtml(prepared, d.fields ?? {}, images)).join('<hr>');
}
