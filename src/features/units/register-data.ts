/**
 * The register as plain records keyed by the accounting system's external keys: what an import
 * file is turned into, what the demo generator makes, and what bulk/write.ts writes.
 */
import type { RightKind, UnitKind } from './labels.ts';

/** Where a record came from in a file (its row number), for the per-row report. */
export interface Source {
  row?: number;
}

export interface BuildingRecord extends Source {
  key: string;
  street: string;
  number: string;
  postcode: string;
  city: string;
  estate: string | null;
}

export interface UnitRecord extends Source {
  key: string;
  buildingKey: string;
  number: string;
  kind: UnitKind;
  areaHundredths: number;
  floor: number | null;
  rooms: number | null;
}

export interface PersonRecord extends Source {
  key: string;
  firstName: string;
  lastName: string;
  pesel: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
}

export interface RightRecord extends Source {
  unitKey: string;
  personKey: string;
  kind: RightKind;
  numerator: number;
  denominator: number;
  validFrom: string;
  /** Exclusive: the first day the right no longer holds; null = open-ended. */
  validTo: string | null;
  /** Why it ended (generated data; register files have no such column). */
  endReason?: string | null;
}

export interface OccupancyRecord extends Source {
  unitKey: string;
  effectiveFrom: string;
  personsCount: number;
}

export interface RegisterData {
  buildings: BuildingRecord[];
  units: UnitRecord[];
  persons: PersonRecord[];
  rights: RightRecord[];
  occupancy: OccupancyRecord[];
}
