import type { PageContext } from '../../../http/page-context.ts';
import { EditorLayout } from './editor-parts.tsx';

export function EditorOverviewPage({ ctx }: { ctx: PageContext }) {
  const tiles = [
    {
      title: 'Aktualności',
      text: 'Wpisy, szkice, publikacja i zaplanowane wpisy, załączniki i zdjęcia.',
      href: '/panel/strona/aktualnosci',
      link: 'Przejdź do aktualności',
    },
    {
      title: 'Działy i strony',
      text: 'Menu strony: kolejność, podstrony, treść, załączniki, ukrywanie; także deklaracja dostępności.',
      href: '/panel/strona/dzialy',
      link: 'Przejdź do działów',
    },
    {
      title: 'Przetargi',
      text: 'Ogłoszenia, terminy, dokumenty i wyniki przetargów.',
      href: '/panel/strona/przetargi',
      link: 'Przejdź do przetargów',
    },
    { title: 'Gazetka', text: 'Wydania gazetki w PDF.', href: '/panel/strona/gazetka', link: 'Przejdź do gazetki' },
    {
      title: 'Dokumenty',
      text: 'Regulamin e-BOK i oświadczenie o korespondencji elektronicznej: nowe wersje.',
      href: '/panel/strona/dokumenty',
      link: 'Przejdź do dokumentów',
    },
    {
      title: 'Ustawienia',
      text: 'Godziny pracy biura i licznik odwiedzin.',
      href: '/panel/strona/ustawienia',
      link: 'Przejdź do ustawień',
    },
  ];
  return (
    <EditorLayout ctx={ctx} title="Strona internetowa" back={{ href: '/panel', label: 'Panel pracownika' }}>
      <h1>Strona internetowa</h1>
      <p>
        Tu prowadzisz publiczną stronę spółdzielni. <a href="/">Zobacz stronę</a> tak, jak widzą ją odwiedzający.
      </p>
      <ul class="tiles">
        {tiles.map((tile) => (
          <li key={tile.href}>
            <h2>{tile.title}</h2>
            <p>{tile.text}</p>
            <a href={tile.href}>{tile.link}</a>
          </li>
        ))}
      </ul>
    </EditorLayout>
  );
}
