/**
 * Statutory interest for delay (art. 481 § 2 KC) since the ledger's first day, as shipped; the
 * administrator keeps the organization's copy current (the migration seeds it with these rows).
 * Checked against: Dz.U. 2008 nr 220 poz. 1434 (13 % from 15.12.2008); Dz.U. 2014 poz. 1858 (8 %
 * from 23.12.2014); M.P. 2016 poz. 47 (7 % from 1.01.2016); M.P. 2020 poz. 627 (6,5 %, 6 %, 5,6 %);
 * M.P. 2021 poz. 953 (6 % from 7.10.2021); ZUS's table of the Minister's announcements for
 * 4.11.2021–5.10.2023; from 2025 the NBP reference rate (RPP resolutions in force 8.05, 3.07, 4.09,
 * 9.10, 6.11, 4.12.2025 and 5.03.2026) + 5,5 pp.
 */
export const statutoryRateStarts: readonly { from: string; basisPoints: number }[] = [
  { from: '2008-12-15', basisPoints: 1300 },
  { from: '2014-12-23', basisPoints: 800 },
  { from: '2016-01-01', basisPoints: 700 },
  { from: '2020-03-18', basisPoints: 650 },
  { from: '2020-04-09', basisPoints: 600 },
  { from: '2020-05-29', basisPoints: 560 },
  { from: '2021-10-07', basisPoints: 600 },
  { from: '2021-11-04', basisPoints: 675 },
  { from: '2021-12-09', basisPoints: 725 },
  { from: '2022-01-05', basisPoints: 775 },
  { from: '2022-02-09', basisPoints: 825 },
  { from: '2022-03-09', basisPoints: 900 },
  { from: '2022-04-07', basisPoints: 1000 },
  { from: '2022-05-06', basisPoints: 1075 },
  { from: '2022-06-09', basisPoints: 1150 },
  { from: '2022-07-08', basisPoints: 1200 },
  { from: '2022-09-08', basisPoints: 1225 },
  { from: '2023-09-07', basisPoints: 1150 },
  { from: '2023-10-05', basisPoints: 1125 },
  { from: '2025-05-08', basisPoints: 1075 },
  { from: '2025-07-03', basisPoints: 1050 },
  { from: '2025-09-04', basisPoints: 1025 },
  { from: '2025-10-09', basisPoints: 1000 },
  { from: '2025-11-06', basisPoints: 975 },
  { from: '2025-12-04', basisPoints: 950 },
  { from: '2026-03-05', basisPoints: 925 },
];
