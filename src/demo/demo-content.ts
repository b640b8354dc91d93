import type { OrganizationInput } from '../features/organizations/create-organization.ts';

/**
 * The demo cooperative: the public contact data of the cooperative from the seed announcement.
 * Its members, accounts and figures are fictional and written by us.
 */
export const demoOrganization: OrganizationInput = {
  slug: 'paderewski',
  name: 'Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach',
  shortName: 'SM im. I. J. Paderewskiego',
  street: 'ul. Ignacego Paderewskiego 65',
  postcode: '40-282',
  city: 'Katowice',
  phone: '32 256 31 80',
  fax: '32 255 18 39',
  email: 'poczta@smpaderewski.pl',
  // A fictional account number with a valid checksum.
  bankAccount: '72 1020 2313 0000 3102 0000 0001',
};

export interface DemoNews {
  slug: string;
  title: string;
  lead: string;
  body: string;
  /** Publication date, YYYY-MM-DD (published at 9:00 Warsaw time). */
  date: string;
}

/** News items for the demo; the first is the cooperative's own announcement from the seed. */
export const demoNews: DemoNews[] = [
  {
    slug: 'uruchomilismy-dla-panstwa-dwie-nowe-uslugi',
    title: 'Uruchomiliśmy dla Państwa dwie nowe usługi',
    date: '2013-02-04',
    lead: 'Elektroniczne Biuro Obsługi Klienta (e-BOK) oraz korespondencja ze Spółdzielni drogą elektroniczną.',
    body: `Zarząd Spółdzielni uprzejmie informuje, że uruchomione zostały dla Państwa dwie nowe usługi.

Pierwsza z nich to **Elektroniczne Biuro Obsługi Klienta (e-BOK)**. Jest to elektroniczny system umożliwiający zapoznanie się, bez wychodzenia z domu, z podstawowymi informacjami dotyczącymi lokalu — mieszkalnego bądź użytkowego — tj. np. z powierzchnią użytkową, liczbą osób stanowiącą podstawę naliczenia opłaty, jak również z opłatami za lokal: saldem na dzień 01.01.2013 r., naliczeniami i płatnościami, saldem rozliczeń na dany dzień, rozliczeniem mediów (woda, c.o.) oraz należnościami z innych tytułów (np. za wykonaną odpłatnie usługę).

Adresatami tej usługi są wyłącznie osoby posiadające prawo do lokalu. Aby z niej korzystać, należy:

- przyjść do Spółdzielni z dowodem osobistym i wypełnić formularz aktywacyjny,
- dysponować dostępem do komputera oraz sieci Internet.

Po wypełnieniu formularza oraz weryfikacji Państwa tożsamości pracownik Spółdzielni wygeneruje dla Państwa login oraz hasło startowe. Podczas pierwszego logowania zostaną Państwo poproszeni o zmianę hasła, co wyeliminuje możliwość dostępu do Państwa danych przez osoby nieuprawnione.

W przypadku zapomnienia hasła należy zwrócić się do Spółdzielni (osobiście lub elektronicznie) o wygenerowanie nowego hasła — zostanie ono przesłane na adres poczty elektronicznej podany w formularzu aktywacji usługi e-BOK. Bardzo istotne jest, aby do poczty e-mail skojarzonej z usługą e-BOK nie miały dostępu osoby do tego nieuprawnione. Jeżeli taki adres nie został podany, jedynym sposobem wygenerowania nowego hasła będzie wizyta w Spółdzielni.

Drugą usługą jest możliwość **otrzymywania korespondencji ze Spółdzielni drogą elektroniczną**. Aby z niej skorzystać, należy przyjść do Spółdzielni z dowodem osobistym i wypełnić stosowne oświadczenie oraz posiadać konto poczty elektronicznej.

Osoby, które z uwagi na stan zdrowia lub odległe miejsce pobytu nie mogą zgłosić się do Spółdzielni osobiście, mogą przesłać drogą elektroniczną zeskanowane dokumenty: wypełniony formularz aktywacji usługi (lub oświadczenie o zgodzie na korespondencję elektroniczną) oraz dowód osobisty. Na podstawie otrzymanych dokumentów pracownik Spółdzielni zweryfikuje Państwa tożsamość, a następnie wygeneruje login i hasło startowe i prześle je na podany adres poczty elektronicznej.

Wdrożenie tych usług skróci czas uzyskania informacji ze Spółdzielni, ograniczy koszty drukowania i dostarczania korespondencji oraz pomoże nam dbać o środowisko naturalne. Zachęcamy Państwa do skorzystania z proponowanych rozwiązań.

Pobierz niezbędne dokumenty:

- [Regulamin usługi e-BOK](/dokumenty/regulamin-ebok.pdf)
- [Formularz aktywacji usługi e-BOK](/dokumenty/formularz-aktywacji-ebok.pdf)
- [Oświadczenie dotyczące otrzymywania korespondencji w formie elektronicznej](/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf)

Podpisane dokumenty wraz ze skanem dowodu osobistego można przesłać przez internet: [wniosek o dostęp do e-BOK](/ebok/aktywacja) oraz [oświadczenie o korespondencji elektronicznej](/korespondencja/zgoda).

Dokumenty są też zawsze dostępne w dziale [Formularze](/formularze), a o usłudze przeczytają Państwo więcej na stronie [e-BOK](/ebok).

*Z wyrazami szacunku — Zarząd Spółdzielni*`,
  },
  {
    slug: 'przeglad-instalacji-gazowych-2026',
    title: 'Okresowe przeglądy instalacji gazowych i przewodów kominowych',
    date: '2026-09-14',
    lead: 'W dniach 5–16 października firma kominiarska przeprowadzi coroczne przeglądy w budynkach przy ul. Paderewskiego i ul. Granicznej.',
    body: `Zgodnie z Prawem budowlanym w każdym lokalu raz w roku wykonujemy kontrolę szczelności instalacji gazowej oraz drożności przewodów wentylacyjnych i spalinowych.

Szczegółowy harmonogram dla każdej klatki schodowej zostanie wywieszony na tablicach ogłoszeń co najmniej tydzień przed przeglądem. Prosimy o udostępnienie lokalu w wyznaczonym terminie. Jeżeli termin Państwu nie odpowiada, prosimy o kontakt z administracją osiedla w celu ustalenia terminu dodatkowego.

Przegląd jest bezpłatny; jego koszt jest ujęty w opłacie eksploatacyjnej.`,
  },
  {
    slug: 'zmiana-godzin-pracy-biura-grudzien-2026',
    title: 'Godziny pracy biura w okresie świątecznym',
    date: '2026-11-20',
    lead: 'W dniu 24 grudnia biuro Spółdzielni będzie nieczynne; 31 grudnia pracujemy do godziny 12:00.',
    body: `Uprzejmie informujemy, że w Wigilię Bożego Narodzenia, **24 grudnia 2026 r.**, biuro Spółdzielni będzie nieczynne, a w dniu **31 grudnia 2026 r.** będzie czynne do godziny 12:00.

Awarie prosimy zgłaszać całodobowo pod numerem pogotowia technicznego podanym na tablicach ogłoszeń w klatkach schodowych. Sprawy związane z opłatami mogą Państwo sprawdzić w każdej chwili w e-BOK.

Wszystkim Mieszkańcom życzymy spokojnych i radosnych Świąt!`,
  },
];
