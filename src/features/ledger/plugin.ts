import type { FastifyInstance } from 'fastify';
import { memberCertificateRoutes } from './routes/certificates-member.tsx';
import { staffCertificateRoutes } from './routes/certificates-staff.tsx';
import { debtSettingsRoutes } from './routes/debt-settings.tsx';
import { debtorRoutes } from './routes/debtors.tsx';
import { feeRoutes } from './routes/fees.tsx';
import { paymentImportRoutes } from './routes/import.tsx';
import { memberLedgerRoutes } from './routes/member.tsx';
import { memberBalanceRoutes } from './routes/member-balance.tsx';
import { statementRoutes } from './routes/statement.tsx';
import { unitAccountRoutes } from './routes/unit-account.tsx';

/** The ledger's routes: members' finances in e-BOK and the accountants' pages in the back office. */
export async function ledgerRoutes(app: FastifyInstance) {
  await app.register(memberLedgerRoutes);
  await app.register(memberBalanceRoutes);
  await app.register(statementRoutes);
  await app.register(unitAccountRoutes);
  await app.register(feeRoutes);
  await app.register(debtorRoutes);
  await app.register(debtSettingsRoutes);
  await app.register(memberCertificateRoutes);
  await app.register(staffCertificateRoutes);
  await app.register(paymentImportRoutes);
}
