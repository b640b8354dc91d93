/** One entry of the public site's main menu. */
export interface MenuItem {
  label: string;
  href: string;
}

/**
 * The seed's menu: aktualności, o spółdzielni, eBOK, remonty, przetargi, statut, przepisy,
 * gazetka, B.O.N., sala konferencyjna, rezonans, formularze. An entry is listed here only once
 * the page behind it exists, so the menu never has a dead link.
 */
export const mainMenu: MenuItem[] = [
  { label: 'Aktualności', href: '/aktualnosci' },
  { label: 'eBOK', href: '/ebok' },
];
