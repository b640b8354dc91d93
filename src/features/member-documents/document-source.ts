import type { Db } from '../../db/client.ts';

/** One document Osiedle issued for a member's unit or for the member as its holder. */
export interface IssuedDocument {
  /** Stable within its source, e.g. `letter:12`, `statement:5:2025`. */
  key: string;
  /** Polish kind: `List`, `Zestawienie`, `Rozliczenie`, `Zaświadczenie`. */
  kind: string;
  title: string;
  /** When it was issued (for the newest-first order). */
  issuedAt: Date;
  /** The unit's label when the document is about one unit. */
  unitLabel?: string | undefined;
  /** Where the member opens or downloads it; that route checks the member's rights again. */
  href: string;
}

/**
 * A feature's door to the member's documents page (`/ebok/dokumenty`): it lists what it issued
 * for the person, only for the periods in which the person held the unit. A feature that issues
 * documents exports a `DocumentSource` and adds it to `sources.ts` (one line).
 */
export interface DocumentSource {
  key: string;
  list(
    db: Db,
    input: { organizationId: number; personId: number; today: string; now: Date },
  ): Promise<IssuedDocument[]>;
}
