/** The back office's finance pages; importing payments only for those who may book. */
export function FinanceNav({ canBook }: { canBook: boolean }) {
  return (
    <nav class="unit-nav" aria-label="Finanse">
      <ul>
        <li>
          <a href="/panel/finanse">Konta lokali</a>
        </li>
        <li>
          <a href="/panel/finanse/dluznicy">Dłużnicy</a>
        </li>
        <li>
          <a href="/panel/finanse/upomnienia">Upomnienia</a>
        </li>
        <li>
          <a href="/panel/finanse/oplaty">Opłaty i naliczenia</a>
        </li>
        <li>
          <a href="/panel/finanse/zmiany-oplat">Zmiany opłat</a>
        </li>
        <li>
          <a href="/panel/finanse/odsetki">Odsetki i terminy</a>
        </li>
        <li>
          <a href="/panel/finanse/zaswiadczenia">Zaświadczenia</a>
        </li>
        {canBook ? (
          <li>
            <a href="/panel/finanse/import">Import wpłat</a>
          </li>
        ) : null}
        {canBook ? (
          <li>
            <a href="/panel/finanse/wyciagi">Wyciągi bankowe</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
