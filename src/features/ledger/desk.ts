/** The ledger's waiting work on the clerk's desk: certificate requests for the accountant. */
import type { DeskQueue } from '../desk/desk-queue.ts';
import { countWaitingCertificates } from './certificate-queries.ts';

export const certificateRequestsQueue: DeskQueue = {
  key: 'ledger.certificates',
  label: 'Wnioski o zaświadczenie o niezaleganiu w opłatach',
  href: '/panel/finanse/zaswiadczenia',
  capability: 'ledger.certify',
  waiting: (db, { organizationId }) => countWaitingCertificates(db, { organizationId }),
};
