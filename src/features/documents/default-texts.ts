/**
 * Version 1 of the organization's document texts, used until the editor saves their own.
 * Written from the cooperative's announcement (seed/announcement-pl.txt). `{nazwa}` is replaced by
 * the organization's name.
 */

export const defaultEbokTerms = `§ 1. Postanowienia ogólne

1. Regulamin określa zasady korzystania z usługi Elektroniczne Biuro Obsługi Klienta (e-BOK). Usługę świadczy {nazwa} (dalej: Spółdzielnia).
2. e-BOK jest systemem, który umożliwia zapoznanie się przez Internet, bez wychodzenia z domu, z podstawowymi informacjami dotyczącymi lokalu mieszkalnego lub użytkowego: powierzchnią użytkową, liczbą osób stanowiącą podstawę naliczenia opłat, opłatami za lokal, saldem otwarcia, naliczeniami i wpłatami, saldem rozliczeń na wybrany dzień, rozliczeniami mediów (woda, centralne ogrzewanie) oraz należnościami z innych tytułów.
3. Usługa jest bezpłatna.

§ 2. Uprawnieni użytkownicy

1. Z e-BOK mogą korzystać wyłącznie osoby posiadające tytuł prawny do lokalu w zasobach Spółdzielni.
2. Do korzystania z usługi potrzebny jest dostęp do komputera lub innego urządzenia z przeglądarką internetową oraz do sieci Internet.

§ 3. Aktywacja usługi

1. Aktywacja następuje na podstawie wypełnionego i podpisanego formularza aktywacji usługi e-BOK, po weryfikacji tożsamości osoby składającej formularz.
2. Formularz składa się osobiście w biurze Spółdzielni, okazując dowód osobisty.
3. Osoby, które z uwagi na stan zdrowia lub odległe miejsce pobytu nie mogą zgłosić się osobiście, mogą przesłać drogą elektroniczną skan wypełnionego formularza oraz dowodu osobistego. Skan dowodu osobistego służy wyłącznie weryfikacji tożsamości i jest usuwany niezwłocznie po jej dokonaniu.
4. Po weryfikacji tożsamości pracownik Spółdzielni generuje login oraz hasło startowe i przekazuje je użytkownikowi osobiście lub na adres poczty elektronicznej podany w formularzu.

§ 4. Logowanie i hasło

1. Przy pierwszym logowaniu użytkownik jest zobowiązany zmienić hasło startowe na własne.
2. Użytkownik nie udostępnia loginu ani hasła osobom trzecim i dba o to, aby do skrzynki poczty elektronicznej podanej w formularzu nie miały dostępu osoby nieuprawnione.
3. W przypadku zapomnienia hasła użytkownik zwraca się do Spółdzielni (osobiście lub elektronicznie) o wygenerowanie nowego hasła, które zostanie przesłane na adres poczty elektronicznej podany w formularzu aktywacji. Jeżeli adres nie został podany, nowe hasło można otrzymać wyłącznie w biurze Spółdzielni.
4. Po kilku nieudanych próbach logowania dostęp do konta może zostać czasowo zablokowany.

§ 5. Zakres odpowiedzialności

1. Informacje prezentowane w e-BOK mają charakter informacyjny. W razie rozbieżności rozstrzygają dokumenty księgowe Spółdzielni.
2. Spółdzielnia dokłada starań, aby usługa była dostępna bez przerw, zastrzega jednak możliwość przerw technicznych.

§ 6. Dane osobowe

1. Administratorem danych osobowych użytkowników jest Spółdzielnia. Dane są przetwarzane wyłącznie w celu świadczenia usługi e-BOK i w zakresie niezbędnym do jej świadczenia.
2. Użytkownik ma prawo dostępu do swoich danych, ich sprostowania oraz pozostałe prawa wynikające z przepisów o ochronie danych osobowych.

§ 7. Rezygnacja i postanowienia końcowe

1. Użytkownik może w każdej chwili zrezygnować z usługi, składając oświadczenie w biurze Spółdzielni lub drogą elektroniczną. Konto jest wówczas blokowane.
2. Konto jest blokowane także po utracie tytułu prawnego do lokalu.
3. O zmianie Regulaminu Spółdzielnia informuje na stronie internetowej i w e-BOK. Każda wersja Regulaminu ma swój numer; formularz aktywacji wskazuje wersję, którą użytkownik zaakceptował.`;

export const defaultConsent = `Wyrażam zgodę na otrzymywanie od Spółdzielni ({nazwa}) korespondencji dotyczącej zajmowanego lokalu (w szczególności zawiadomień o wysokości opłat, rozliczeń mediów, wezwań i informacji) w formie elektronicznej, na wskazany poniżej adres poczty elektronicznej, zamiast w formie pisemnej.

Oświadczam, że:

- posiadam dostęp do komputera lub innego urządzenia z dostępem do sieci Internet oraz konto poczty elektronicznej,
- do wskazanej skrzynki poczty elektronicznej nie mają dostępu osoby nieuprawnione,
- zobowiązuję się niezwłocznie powiadomić Spółdzielnię o zmianie adresu poczty elektronicznej.

Przyjmuję do wiadomości, że korespondencja przesłana na wskazany adres uważana jest za doręczoną, a zgodę mogę w każdej chwili odwołać, składając oświadczenie w biurze Spółdzielni lub drogą elektroniczną; od dnia następującego po odwołaniu korespondencja będzie doręczana w formie pisemnej.`;
