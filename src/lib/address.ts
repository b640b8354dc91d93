/**
 * Addresses written one way everywhere: `ul. Ignacego Paderewskiego 65`, a unit
 * `ul. Ignacego Paderewskiego 65/12`, and with the place `…, 40-282 Katowice`. The street is
 * always as the register or the organization's settings hold it (never shortened here).
 */

/** A building: `street number`. */
export function buildingAddress(building: { street: string; number: string }): string {
  return `${building.street} ${building.number}`;
}

/** A unit: `street building/unit`. */
export function unitAddress(unit: { street: string; buildingNumber: string; number: string }): string {
  return `${unit.street} ${unit.buildingNumber}/${unit.number}`;
}

/** An address line followed by the place: `…, 40-282 Katowice`. */
export function withPlace(line: string, place: { postcode: string; city: string }): string {
  return `${line}, ${place.postcode} ${place.city}`;
}

/** An address line followed by the city alone: `…, Katowice` (lists of buildings). */
export function withCity(line: string, place: { city: string }): string {
  return `${line}, ${place.city}`;
}

/** The organization's own address: `ul. Ignacego Paderewskiego 65, 40-282 Katowice`. */
export function organizationAddress(organization: { street: string; postcode: string; city: string }): string {
  return withPlace(organization.street, organization);
}
