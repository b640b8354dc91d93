import type { EntryStatus, StoredMatchMethod } from '../queries.ts';

export const statusLabels: Record<EntryStatus, string> = {
  booked: 'zaksięgowana',
  unmatched: 'nierozpoznana',
  ambiguous: 'niejednoznaczna',
  conflict: 'konflikt',
  debit: 'obciążenie',
  assigned: 'przypisana ręcznie',
  returned: 'zwrócona',
  not_member: 'nie od członka',
  corrected: 'zaksięgowana jako korekta',
};

export const methodLabels: Record<StoredMatchMethod, string> = {
  virtual_account: 'rachunek wirtualny lokalu',
  unit_reference: 'oznaczenie lokalu w tytule',
  payer_account: 'rachunek płatnika z wcześniejszych wpłat',
  earlier_import: 'zaksięgowana wcześniej z pliku wpłat',
  manual: 'przypisana ręcznie',
};
