import type { Organization } from '../organizations/queries.ts';
import type { SettlementSplit } from './rules/settlement-split.ts';

/** Ledger settings of an organization, from its settings JSON with defaults. */
export interface LedgerSettings {
  /** Opening balances are booked on this day. */
  startDate: string;
  /** Day of the month charges are due on. */
  dueDay: number;
  /** 8–20 digits from which each unit's virtual account is built; without it the organization's own account. */
  virtualAccountPrefix: string | undefined;
  /** NIP for the payment QR code. */
  taxId: string;
  /** The cooperative's further accounts whose statements are imported (beside the organization's account). */
  bankAccounts: string[];
  /** Whether statutory interest is counted at all (shown and bookable). */
  interestEnabled: boolean;
  /** Interest below this many grosze per unit is not claimed (shown as none). */
  interestMinimum: number;
  /** A settlement straddling a holder change: shared by days (default) or wholly the holder's on its date. */
  settlementSplit: SettlementSplit;
}

/** Keys the ledger keeps in organizations.settings (beside ledgerStartDate, declared there). */
export interface LedgerSettingKeys {
  ledgerDueDay?: number;
  virtualAccountPrefix?: string;
  taxId?: string;
  bankAccounts?: string[];
  interestEnabled?: boolean;
  interestMinimum?: number;
  settlementSplit?: SettlementSplit;
}

export function ledgerSettingsOf(organization: Organization): LedgerSettings {
  const settings = organization.settings as Organization['settings'] & LedgerSettingKeys;
  return {
    startDate: settings.ledgerStartDate ?? '2013-01-01',
    dueDay: settings.ledgerDueDay ?? 10,
    virtualAccountPrefix: settings.virtualAccountPrefix,
    taxId: settings.taxId ?? '',
    bankAccounts: Array.isArray(settings.bankAccounts) ? settings.bankAccounts.map(String) : [],
    interestEnabled: settings.interestEnabled ?? true,
    interestMinimum: settings.interestMinimum ?? 0,
    settlementSplit: settings.settlementSplit === 'settlement_date' ? 'settlement_date' : 'days',
  };
}
