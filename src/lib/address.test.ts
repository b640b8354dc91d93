import { describe, expect, it } from 'vitest';
import { buildingAddress, organizationAddress, unitAddress, withCity, withPlace } from './address.ts';

describe('addresses', () => {
  const building = { street: 'ul. Ignacego Paderewskiego', number: '65', postcode: '40-282', city: 'Katowice' };
  it('writes a building, a unit and the place one way', () => {
    expect(buildingAddress(building)).toBe('ul. Ignacego Paderewskiego 65');
    expect(unitAddress({ street: building.street, buildingNumber: '65', number: '12' })).toBe(
      'ul. Ignacego Paderewskiego 65/12',
    );
    expect(withPlace(buildingAddress(building), building)).toBe('ul. Ignacego Paderewskiego 65, 40-282 Katowice');
    expect(withCity(buildingAddress(building), building)).toBe('ul. Ignacego Paderewskiego 65, Katowice');
    expect(organizationAddress({ street: 'ul. Ignacego Paderewskiego 65', postcode: '40-282', city: 'Katowice' })).toBe(
      'ul. Ignacego Paderewskiego 65, 40-282 Katowice',
    );
  });
});
