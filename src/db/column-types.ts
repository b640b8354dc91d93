import { customType } from 'drizzle-orm/pg-core';

/** Binary content; PGlite returns Uint8Array and node-postgres Buffer, so both become a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
