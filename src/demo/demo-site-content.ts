import type { SectionKind } from '../features/site/section-queries.ts';
import type { DemoNews } from './demo-content.ts';

/**
 * Demo content of the public site, written by us: more news over the years, every section of
 * the seed's menu, tenders and gazette issues. Fictional, but what a cooperative publishes.
 */

export const moreDemoNews: DemoNews[] = [
  {
    slug: 'walne-zgromadzenie-2013',
    title: 'Walne Zgromadzenie Członków Spółdzielni w 2013 roku',
    date: '2013-05-06',
    lead: 'Zarząd zwołuje Walne Zgromadzenie podzielone na trzy części; zapraszamy wszystkich Członków.',
    body: `Zarząd Spółdzielni zawiadamia, że Walne Zgromadzenie Członków odbędzie się w trzech częściach, w dniach **10, 11 i 12 czerwca 2013 r.** o godzinie 17:00 w sali konferencyjnej Spółdzielni.

Porządek obrad obejmuje m.in.:

1. rozpatrzenie sprawozdania Zarządu i Rady Nadzorczej za 2012 rok,
2. zatwierdzenie sprawozdania finansowego,
3. podział nadwyżki bilansowej,
4. udzielenie absolutorium członkom Zarządu.

Projekty uchwał i sprawozdania są wyłożone do wglądu w biurze Spółdzielni od 20 maja 2013 r.`,
  },
  {
    slug: 'termomodernizacja-budynku-paderewskiego-65',
    title: 'Zakończyliśmy termomodernizację budynku przy ul. Paderewskiego 65',
    date: '2014-10-28',
    lead: 'Ocieplenie ścian i stropodachu oraz wymiana okien na klatkach schodowych zostały odebrane.',
    body: `Dobiegły końca prace termomodernizacyjne budynku przy ul. Paderewskiego 65. Wykonano ocieplenie ścian zewnętrznych i stropodachu, wymieniono okna na klatkach schodowych oraz drzwi wejściowe.

Dzięki pracom zużycie ciepła w budynku powinno spaść o około 25%, co przełoży się na niższe zaliczki na centralne ogrzewanie w kolejnych sezonach. Dziękujemy Mieszkańcom za cierpliwość w czasie robót.`,
  },
  {
    slug: 'nowe-stawki-oplat-za-wode-2015',
    title: 'Nowe stawki opłat za wodę i odprowadzanie ścieków od 1 stycznia 2015 r.',
    date: '2014-12-01',
    lead: 'Wodociągi podniosły ceny; zmiana obejmuje zaliczki za wodę zimną i ciepłą.',
    body: `Uprzejmie informujemy, że w związku ze zmianą taryfy dostawcy wody od **1 stycznia 2015 r.** zmieniają się stawki opłat za wodę i odprowadzanie ścieków.

Nowe zawiadomienia o wysokości opłat zostaną doręczone do 20 grudnia. Osoby korzystające z e-BOK zobaczą nowe naliczenia na swoim koncie, a osoby, które wyraziły zgodę na korespondencję elektroniczną, otrzymają zawiadomienie pocztą elektroniczną.`,
  },
  {
    slug: 'odczyty-wodomierzy-2015',
    title: 'Odczyty wodomierzy w drugim półroczu 2015 r.',
    date: '2015-06-15',
    lead: 'Odczyty radiowe odbędą się bez konieczności wchodzenia do mieszkań.',
    body: `Informujemy, że odczyty wodomierzy za pierwsze półrocze 2015 r. zostaną wykonane drogą radiową w dniach 29–30 czerwca. Obecność Mieszkańców nie jest wymagana.

W lokalach, w których nie zamontowano jeszcze nakładek radiowych, odczyt przeprowadzi inkasent; prosimy o udostępnienie lokalu w godzinach podanych na ogłoszeniu w klatce schodowej.`,
  },
  {
    slug: 'rozliczenie-kosztow-ogrzewania-2016',
    title: 'Rozliczenie kosztów centralnego ogrzewania za sezon 2015/2016',
    date: '2016-09-05',
    lead: 'Indywidualne rozliczenia są już dostępne w e-BOK; nadpłaty zaliczymy na poczet opłat.',
    body: `Rozliczenia kosztów centralnego ogrzewania za sezon 2015/2016 zostały sporządzone i są dostępne w e-BOK w zakładce *Rozliczenia mediów*.

Nadpłaty zostaną zaliczone na poczet opłat za październik, chyba że złożą Państwo wniosek o zwrot na rachunek bankowy. Niedopłaty należy uregulować w terminie do 31 października 2016 r.

Reklamacje dotyczące rozliczeń przyjmujemy w terminie 14 dni od doręczenia rozliczenia.`,
  },
  {
    slug: 'plac-zabaw-graniczna',
    title: 'Nowy plac zabaw przy ul. Granicznej',
    date: '2017-05-30',
    lead: 'Na Dzień Dziecka oddajemy do użytku nowy, bezpieczny plac zabaw.',
    body: `Z przyjemnością informujemy, że przy ul. Granicznej powstał nowy plac zabaw z bezpieczną nawierzchnią, huśtawkami, zjeżdżalnią i piaskownicą z pokrywą.

Prosimy rodziców i opiekunów o dbanie o porządek oraz o niewprowadzanie na teren placu psów. Regulamin placu zabaw wywieszono przy wejściu.`,
  },
  {
    slug: 'segregacja-odpadow-2018',
    title: 'Zmiany w segregacji odpadów komunalnych',
    date: '2018-01-08',
    lead: 'Od lutego odpady segregujemy na pięć frakcji; przy altanach stanęły nowe pojemniki.',
    body: `Od 1 lutego 2018 r. odpady komunalne segregujemy na pięć frakcji: **papier, szkło, metale i tworzywa sztuczne, odpady biodegradowalne** oraz **odpady zmieszane**.

Przy każdej altanie śmietnikowej ustawiono oznakowane pojemniki. Odpady wielkogabarytowe odbierane są w pierwszy poniedziałek miesiąca; prosimy wystawiać je przy altanach dzień wcześniej.`,
  },
  {
    slug: 'wymiana-domofonow-2019',
    title: 'Wymiana instalacji domofonowych',
    date: '2019-03-18',
    lead: 'W kwietniu i maju wymienimy domofony w budynkach przy ul. Paderewskiego.',
    body: `W ramach planu remontów na 2019 rok wymienimy instalacje domofonowe w budynkach przy ul. Paderewskiego. Każdy lokal otrzyma nowy unifon oraz dwa breloki do drzwi wejściowych.

Harmonogram prac dla poszczególnych klatek zostanie wywieszony na tablicach ogłoszeń. Koszt wymiany pokrywa fundusz remontowy.`,
  },
  {
    slug: 'obsluga-w-czasie-epidemii',
    title: 'Obsługa Mieszkańców w czasie epidemii',
    date: '2020-03-16',
    lead: 'Do odwołania biuro Spółdzielni przyjmuje sprawy telefonicznie, e-mailowo i przez e-BOK.',
    body: `W trosce o zdrowie Mieszkańców i pracowników do odwołania wstrzymujemy bezpośrednią obsługę w biurze Spółdzielni.

Sprawy prosimy załatwiać telefonicznie, pocztą elektroniczną lub przez e-BOK. Dokumenty można pozostawiać w skrzynce podawczej przy wejściu do biura. Awarie zgłaszamy jak dotychczas pod numerem pogotowia technicznego.`,
  },
  {
    slug: 'przeglady-budowlane-2021',
    title: 'Okresowe przeglądy budowlane w 2021 roku',
    date: '2021-04-12',
    lead: 'Przegląd stanu technicznego budynków obejmie także balkony i loggie.',
    body: `Zgodnie z Prawem budowlanym w maju 2021 r. zostaną przeprowadzone okresowe przeglądy stanu technicznego budynków. Inspektorzy mogą poprosić o dostęp do balkonów i loggii.

Wyniki przeglądów posłużą do przygotowania planu remontów na kolejne lata; plan przedstawimy Radzie Nadzorczej jesienią.`,
  },
  {
    slug: 'fotowoltaika-na-dachach',
    title: 'Instalacje fotowoltaiczne na dachach budynków',
    date: '2022-08-22',
    lead: 'Energia ze słońca zasili oświetlenie klatek schodowych i windy.',
    body: `Na dachach trzech budynków zamontowano instalacje fotowoltaiczne o łącznej mocy 120 kWp. Wytworzona energia zasila części wspólne: oświetlenie klatek schodowych, piwnic i dźwigi osobowe.

Szacujemy, że koszty energii elektrycznej części wspólnych zmniejszą się o około 40%, co uwzględnimy w kalkulacji opłat eksploatacyjnych na 2023 rok.`,
  },
  {
    slug: 'zmiana-oplat-eksploatacyjnych-2023',
    title: 'Zmiana wysokości opłat eksploatacyjnych od 1 kwietnia 2023 r.',
    date: '2023-01-30',
    lead: 'Rada Nadzorcza zatwierdziła nowe stawki; zawiadomienia doręczymy do końca lutego.',
    body: `Uprzejmie informujemy, że Rada Nadzorcza uchwałą z dnia 25 stycznia 2023 r. zatwierdziła nowe stawki opłat eksploatacyjnych, obowiązujące od **1 kwietnia 2023 r.** Zmiana wynika przede wszystkim ze wzrostu cen energii i usług.

Zawiadomienia o wysokości opłat doręczymy do 28 lutego 2023 r. Nowe naliczenia będą widoczne w e-BOK od 1 marca.`,
  },
  {
    slug: 'dzien-sasiada-2024',
    title: 'Dzień Sąsiada na osiedlu',
    date: '2024-05-20',
    lead: 'Zapraszamy na piknik sąsiedzki w sobotę 1 czerwca przy placu zabaw.',
    body: `Serdecznie zapraszamy wszystkich Mieszkańców na **piknik sąsiedzki w sobotę 1 czerwca 2024 r. od godziny 15:00** na terenie zielonym przy placu zabaw przy ul. Granicznej.

W programie: gry i zabawy dla dzieci, konkurs wiedzy o osiedlu, kiełbaski z grilla i wspólne śpiewanie. Chętnych do pomocy w organizacji prosimy o kontakt z biurem Spółdzielni.`,
  },
  {
    slug: 'remont-elewacji-graniczna-2025',
    title: 'Remont elewacji budynku przy ul. Granicznej 12',
    date: '2025-04-07',
    lead: 'Od 22 kwietnia rusztowania staną przy budynku; prosimy o ostrożność.',
    body: `Od 22 kwietnia 2025 r. rozpoczyna się remont elewacji budynku przy ul. Granicznej 12. Prace potrwają do końca sierpnia.

W czasie robót prosimy o zamykanie okien od strony prowadzonych prac, niepozostawianie rzeczy na balkonach oraz zachowanie ostrożności przy wejściach do klatek schodowych. Za utrudnienia przepraszamy.`,
  },
  {
    slug: 'wyniki-konkursu-na-najpiekniejszy-balkon-2025',
    title: 'Wyniki konkursu na najpiękniejszy balkon',
    date: '2025-09-01',
    lead: 'Jury wybrało trzy balkony pełne kwiatów; gratulujemy zwycięzcom!',
    body: `Dziękujemy wszystkim uczestnikom tegorocznej edycji konkursu na najpiękniejszy balkon. Jury przyznało trzy równorzędne nagrody oraz pięć wyróżnień.

Zdjęcia nagrodzonych balkonów opublikujemy w najbliższym wydaniu gazetki osiedlowej. Nagrody można odebrać w biurze Spółdzielni do końca września.`,
  },
  {
    slug: 'walne-zgromadzenie-2026',
    title: 'Walne Zgromadzenie Członków w 2026 roku',
    date: '2026-05-11',
    lead: 'Zgromadzenie odbędzie się 16 czerwca 2026 r. o godzinie 17:00.',
    body: `Zarząd Spółdzielni zwołuje Walne Zgromadzenie Członków na dzień **16 czerwca 2026 r., godz. 17:00**, w sali konferencyjnej przy ul. Paderewskiego 65.

Sprawozdania oraz projekty uchwał udostępniamy do wglądu w biurze Spółdzielni oraz w e-BOK od 26 maja 2026 r. Członkowie mogą zgłaszać projekty uchwał i poprawki do 2 czerwca.`,
  },
];

export interface DemoSection {
  kind: SectionKind;
  slug: string;
  title: string;
  body: string;
  children?: { slug: string; title: string; body: string }[];
}

/** The seed's menu, in its order, with content. */
export const demoSections: DemoSection[] = [
  { kind: 'news', slug: 'aktualnosci-menu', title: 'Aktualności', body: '' },
  {
    kind: 'page',
    slug: 'o-spoldzielni',
    title: 'O spółdzielni',
    body: `Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach zarządza zasobami mieszkaniowymi na osiedlu Paderewskiego: budynkami mieszkalnymi, lokalami użytkowymi, garażami oraz terenami zielonymi wokół nich.

Spółdzielnia działa na podstawie ustawy Prawo spółdzielcze, ustawy o spółdzielniach mieszkaniowych oraz Statutu. Organami Spółdzielni są Walne Zgromadzenie, Rada Nadzorcza i Zarząd.

Naszym celem jest zaspokajanie potrzeb mieszkaniowych Członków i ich rodzin, dbanie o dobry stan techniczny budynków oraz o bezpieczeństwo i estetykę osiedla.`,
    children: [
      {
        slug: 'zarzad-i-rada-nadzorcza',
        title: 'Zarząd i Rada Nadzorcza',
        body: `## Zarząd

- Prezes Zarządu — Jan Kowalski
- Zastępca Prezesa, Główny Księgowy — Anna Nowak

## Rada Nadzorcza

Rada Nadzorcza liczy siedem osób wybranych przez Walne Zgromadzenie. Posiedzenia Rady odbywają się co najmniej raz na kwartał; dyżury członków Rady odbywają się w pierwszy wtorek miesiąca w godzinach 16:00–17:00.`,
      },
      {
        slug: 'historia',
        title: 'Historia osiedla',
        body: `Budowa osiedla rozpoczęła się w latach siedemdziesiątych XX wieku. Pierwsi mieszkańcy wprowadzili się do budynku przy ul. Paderewskiego 65 w 1976 roku.

Patronem Spółdzielni jest Ignacy Jan Paderewski — pianista, kompozytor i mąż stanu, premier Rzeczypospolitej w 1919 roku.`,
      },
    ],
  },
  { kind: 'ebok', slug: 'ebok-menu', title: 'eBOK', body: '' },
  {
    kind: 'page',
    slug: 'remonty',
    title: 'Remonty',
    body: `Plan remontów uchwala Rada Nadzorcza na podstawie przeglądów technicznych budynków i wniosków Mieszkańców. Remonty finansowane są z funduszu remontowego.

## Plan remontów na 2026 rok

| Budynek | Zakres prac | Termin |
|---|---|---|
| ul. Paderewskiego 65 | wymiana pionów wodnych | II–III kwartał |
| ul. Graniczna 12 | malowanie klatek schodowych | II kwartał |
| ul. Graniczna 14 | remont balkonów | III kwartał |

Kolory klatek schodowych przy ul. Granicznej 12 wybrali w ankiecie Mieszkańcy: ciepła żółć na parterze i jasna zieleń na piętrach.

Awarie i usterki prosimy zgłaszać do administracji osiedla osobiście, telefonicznie lub przez e-BOK.`,
  },
  {
    kind: 'tenders',
    slug: 'przetargi',
    title: 'Przetargi',
    body: 'Spółdzielnia wybiera wykonawców robót i dostawców usług w przetargach ofertowych. Oferty prosimy składać w zamkniętych kopertach w sekretariacie Spółdzielni, z dopiskiem podanym w ogłoszeniu.',
  },
  {
    kind: 'page',
    slug: 'statut',
    title: 'Statut',
    body: `Statut określa zasady działania Spółdzielni, prawa i obowiązki Członków oraz kompetencje organów Spółdzielni.

Poniżej udostępniamy tekst jednolity Statutu uchwalony przez Walne Zgromadzenie oraz jego wcześniejszą wersję.`,
  },
  {
    kind: 'page',
    slug: 'przepisy',
    title: 'Przepisy',
    body: `Regulaminy uchwalone przez Radę Nadzorczą, obowiązujące w Spółdzielni. Poniżej udostępniamy ich aktualne wersje z datą, od której obowiązują; przy regulaminie rozliczania kosztów dostawy ciepła także wersję poprzednią, według której rozliczono sezony do 2023/2024.

Akty prawne: ustawa z dnia 16 września 1982 r. Prawo spółdzielcze oraz ustawa z dnia 15 grudnia 2000 r. o spółdzielniach mieszkaniowych.`,
  },
  {
    kind: 'gazette',
    slug: 'gazetka',
    title: 'Gazetka',
    body: 'Gazetka osiedlowa ukazuje się dwa razy w roku. Znajdą w niej Państwo informacje o remontach, rozliczeniach i wydarzeniach na osiedlu. Wydania można pobrać w formacie PDF.',
  },
  {
    kind: 'page',
    slug: 'bon',
    title: 'B.O.N.',
    body: `**Biuro Obsługi Najemców (B.O.N.)** zajmuje się najmem lokali użytkowych, garaży i powierzchni reklamowych w zasobach Spółdzielni.

Aktualnie do wynajęcia:

- lokal użytkowy o powierzchni 48,20 m² przy ul. Paderewskiego 65 (parter, witryna od ulicy),
- garaż przy ul. Granicznej 14.

Zainteresowanych prosimy o kontakt z biurem Spółdzielni.`,
  },
  {
    kind: 'page',
    slug: 'sala-konferencyjna',
    title: 'Sala konferencyjna',
    body: `Spółdzielnia wynajmuje salę konferencyjną na szkolenia, zebrania i spotkania okolicznościowe. Sala mieści do 60 osób, jest wyposażona w rzutnik, ekran, nagłośnienie i dostęp do Internetu.

Rezerwacji dokonuje się w biurze Spółdzielni, co najmniej tydzień przed planowanym terminem. Członkowie Spółdzielni korzystają z obniżonych stawek.`,
  },
  {
    kind: 'page',
    slug: 'rezonans',
    title: 'Rezonans',
    body: `**Klub Osiedlowy „Rezonans”** prowadzi zajęcia dla dzieci, młodzieży i seniorów: plastyczne, taneczne, szachowe i komputerowe, a także spotkania Klubu Seniora.

Zajęcia odbywają się od poniedziałku do piątku w godzinach 15:00–20:00 w lokalu przy ul. Granicznej 12. Program na bieżący miesiąc wywieszamy w gablocie klubu.`,
  },
  {
    kind: 'forms',
    slug: 'formularze',
    title: 'Formularze',
    body: 'Dokumenty do pobrania i wydrukowania. Wypełnione formularze prosimy składać w biurze Spółdzielni lub przesyłać skan pocztą elektroniczną.',
  },
  {
    kind: 'accessibility',
    slug: 'deklaracja-dostepnosci',
    title: 'Deklaracja dostępności',
    body: `Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach zobowiązuje się zapewnić dostępność swojej strony internetowej zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych.

## Status pod względem zgodności

Strona jest zgodna z Wytycznymi dla dostępności treści internetowych WCAG 2.1 na poziomie AA.

## Ułatwienia

- strona działa bez JavaScriptu i można ją obsługiwać wyłącznie z klawiatury,
- na początku strony znajduje się odnośnik „Przejdź do treści”,
- tekst można powiększyć do 200% bez utraty treści,
- strona jest czytelna na telefonie i w wydruku.

## Informacje zwrotne i dane kontaktowe

Problemy z dostępnością strony prosimy zgłaszać na adres poczta@smpaderewski.pl lub telefonicznie pod numerem 32 256 31 80. Odpowiemy niezwłocznie, nie później niż w ciągu 7 dni.

Deklarację sporządzono na podstawie samooceny.`,
  },
];

export interface DemoRegulation {
  fileName: string;
  title: string;
  version: string;
  /** From when it applies. */
  documentDate: string;
  paragraphs: string[];
}

/** Uploaded documents of the "Przepisy" section: regulations with versions and dates. */
export const demoRegulations: DemoRegulation[] = [
  {
    fileName: 'regulamin-porzadku-domowego-2022.pdf',
    title: 'Regulamin porządku domowego',
    version: 'tekst jednolity z 2022 r.',
    documentDate: '2022-03-01',
    paragraphs: [
      '§ 1. Regulamin określa prawa i obowiązki Mieszkańców w zakresie utrzymania porządku, czystości i bezpieczeństwa w budynkach oraz na terenie osiedla.',
      '§ 2. Cisza nocna obowiązuje w godzinach 22:00–6:00.',
      '§ 3. Na klatkach schodowych i w piwnicach nie wolno przechowywać przedmiotów utrudniających przejście ani materiałów łatwopalnych.',
    ],
  },
  {
    fileName: 'regulamin-rozliczania-kosztow-i-oplat-2023.pdf',
    title: 'Regulamin rozliczania kosztów gospodarki zasobami mieszkaniowymi i ustalania opłat za używanie lokali',
    version: 'uchwała Rady Nadzorczej nr 4/2023',
    documentDate: '2023-04-01',
    paragraphs: [
      '§ 1. Opłaty za używanie lokali ustala się na podstawie kosztów eksploatacji i utrzymania nieruchomości, odrębnie dla każdej nieruchomości.',
      '§ 2. Opłaty wnosi się co miesiąc z góry, do 10. dnia miesiąca.',
    ],
  },
  {
    fileName: 'regulamin-rozliczania-ciepla-2024.pdf',
    title: 'Regulamin rozliczania kosztów dostawy ciepła',
    version: 'wersja z 2024 r.',
    documentDate: '2024-07-01',
    paragraphs: [
      '§ 1. Koszty dostawy ciepła rozlicza się w okresach rozliczeniowych od 1 lipca do 30 czerwca.',
      '§ 2. Koszty zmienne dzieli się według wskazań podzielników, a koszty stałe według powierzchni użytkowej lokali.',
    ],
  },
  {
    fileName: 'regulamin-rozliczania-ciepla-2018.pdf',
    title: 'Regulamin rozliczania kosztów dostawy ciepła (poprzednia wersja)',
    version: 'wersja z 2018 r.',
    documentDate: '2018-07-01',
    paragraphs: ['Poprzednia wersja regulaminu, stosowana do rozliczenia sezonów do 2023/2024.'],
  },
  {
    fileName: 'regulamin-rozliczania-wody-2021.pdf',
    title: 'Regulamin rozliczania kosztów zużycia wody',
    version: 'wersja z 2021 r.',
    documentDate: '2021-01-01',
    paragraphs: [
      '§ 1. Koszty zużycia wody i odprowadzania ścieków rozlicza się według wskazań wodomierzy lokalowych, odczytywanych drogą radiową dwa razy w roku.',
    ],
  },
];

export interface DemoTender {
  title: string;
  description: string;
  /** Offset in days from the demo's load date (negative: closed). */
  deadlineDays: number;
  result: string | null;
}

export const demoTenders: DemoTender[] = [
  {
    title: 'Wymiana pionów wodnych w budynku przy ul. Paderewskiego 65',
    description: `Zarząd Spółdzielni ogłasza przetarg ofertowy na wymianę pionów wody zimnej i ciepłej wraz z podejściami w budynku przy ul. Paderewskiego 65.

Specyfikację istotnych warunków zamówienia można pobrać poniżej lub odebrać w sekretariacie Spółdzielni. Oferty w zamkniętych kopertach z dopiskiem *„Przetarg — piony wodne”* należy składać w sekretariacie. Otwarcie ofert nastąpi w dniu następującym po terminie ich składania o godz. 10:00.`,
    deadlineDays: 21,
    result: null,
  },
  {
    title: 'Malowanie klatek schodowych w budynku przy ul. Granicznej 12',
    description:
      'Przetarg ofertowy na malowanie ścian i sufitów klatek schodowych oraz malowanie balustrad w budynku przy ul. Granicznej 12. Kolory ścian: ciepła żółć na parterze, jasna zieleń na piętrach.',
    deadlineDays: -45,
    result:
      'Przetarg rozstrzygnięto. Wybrano ofertę firmy **Malbud s.c.** z Katowic za kwotę 86 400,00 zł brutto. Dziękujemy wszystkim oferentom za udział.',
  },
];

export const demoGazette: { title: string; issueDate: string; articles: string[] }[] = [
  {
    title: 'Gazetka osiedlowa nr 1/2026',
    issueDate: '2026-03-01',
    articles: [
      'Plan remontów na 2026 rok: wymiana pionów wodnych przy ul. Paderewskiego 65, malowanie klatek schodowych przy ul. Granicznej 12 i remont balkonów przy ul. Granicznej 14.',
      'Rozliczenie kosztów ogrzewania za sezon 2025/2026 otrzymają Państwo we wrześniu; wszystkie dane są także w e-BOK.',
      'Klub „Rezonans” zaprasza na zajęcia z obsługi komputera i telefonu dla seniorów — we wtorki o 16:00.',
    ],
  },
  {
    title: 'Gazetka osiedlowa nr 2/2025',
    issueDate: '2025-10-01',
    articles: [
      'Remont elewacji budynku przy ul. Granicznej 12 zakończył się zgodnie z harmonogramem. Dziękujemy za cierpliwość!',
      'Wyniki konkursu na najpiękniejszy balkon: gratulujemy zwycięzcom i zapraszamy do udziału w przyszłym roku.',
      'Przypominamy o zasadach segregacji odpadów: papier, szkło, metale i tworzywa sztuczne, bioodpady, odpady zmieszane.',
    ],
  },
];

/** Office hours of the demo cooperative (organization setting). */
export const demoOfficeHours = [
  'poniedziałek: 8:00–17:00',
  'wtorek–czwartek: 7:00–15:00',
  'piątek: 7:00–13:00',
  'kasa: nieczynna — opłaty prosimy wnosić przelewem',
];

/** The count from the seed's footer: the old site's visitors. */
export const demoVisitorCountStart = 11538;
