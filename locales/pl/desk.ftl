# The caseworkers' desk in the browser (src/desk). Polish is the desk's default language.
desk-title = Krok · panel pracownika
desk-nav = Menu panelu
desk-nav-today = Dziś
desk-nav-bookings = Rezerwacje
desk-nav-logout = Wyloguj się
desk-nav-logout-everywhere = Wyloguj na wszystkich urządzeniach
desk-language = Język panelu
desk-sign-in-title = Zaloguj się do panelu
desk-sign-in-how = Napisz /desk do bota Krok na swoim czacie (Telegram lub Matrix). Dostaniesz jednorazowy link ważny 10 minut. Panel jest tylko dla pracowników z listy `caseworkers`.
desk-link-bad = Ten link został już użyty, wygasł albo jest niepełny. Napisz /desk jeszcze raz, aby dostać nowy.
desk-too-many = Zbyt wiele prób logowania. Spróbuj ponownie za minutę.
desk-cross-site = Ten formularz przyszedł z innej strony, więc niczego nie zmieniono. Otwórz panel z własnego linku logowania i spróbuj ponownie.
desk-wrong-host = Pod tym adresem nie ma panelu. Otwórz panel z własnego linku logowania.
desk-sign-in-confirm = Zalogować się do panelu na tym urządzeniu? Link działa tylko raz.
desk-sign-in-button = Zaloguj się
desk-signed-out = Wylogowano.
desk-signed-out-everywhere = Wylogowano tutaj i w każdej innej przeglądarce, w której był otwarty panel. Aby zalogować się ponownie, napisz /desk do bota.
desk-form-expired = Ten formularz jest nieaktualny. Odśwież stronę i spróbuj jeszcze raz.
desk-today = Dziś, { $date }
desk-today-count = Potwierdzone rezerwacje na dziś: { $count }
desk-open-day = Zobacz dzisiejsze rezerwacje
desk-upcoming = Najbliższe dni z rezerwacjami
desk-upcoming-count = { $count ->
    [one] jedna rezerwacja
    [few] { $count } rezerwacje
   *[many] { $count } rezerwacji
}
desk-day = Rezerwacje na { $date }
desk-date = Dzień
desk-show = Pokaż
desk-prev = Poprzedni dzień
desk-next = Następny dzień
desk-csv = Pobierz CSV
desk-csv-excel = CSV dla Excela
desk-day-none = Brak rezerwacji na ten dzień.
desk-flood = W ostatnich godzinach zarezerwowano więcej konsultacji (albo zajęto więcej terminów) niż zwykle. Część może pochodzić od jednej osoby, która zabiera innym wszystkie wolne terminy: szukaj wielu rezerwacji zrobionych w odstępie minut, z samym czatem i krótkimi imionami, albo tych samych terminów zajmowanych raz po raz. Zanim odwołasz którąś, zadzwoń lub napisz do tej osoby: rezerwacji prawdziwej osoby nie odwołuje się tylko na podstawie takiego wzoru.
desk-held = { $count ->
    [one] Jeden termin tego dnia jest teraz wstępnie zajęty przez kogoś, kto jeszcze go nie zarezerwował: { $times }.
    [few] { $count } terminy tego dnia są teraz wstępnie zajęte przez osoby, które jeszcze ich nie zarezerwowały: { $times }.
   *[other] { $count } terminów tego dnia jest teraz wstępnie zajętych przez osoby, które jeszcze ich nie zarezerwowały: { $times }.
} Wstępne zajęcie trwa najwyżej { $minutes } minut; te same terminy zajmowane raz po raz mogą oznaczać, że ktoś blokuje je innym.
desk-col-time = Godzina
desk-col-kind = Rodzaj
desk-col-name = Imię
desk-col-contact = Kontakt
desk-col-lang = Język
desk-col-code = Kod
desk-col-state = Status
desk-col-booked = Zarezerwowano
desk-state-held = wstępna, jeszcze niepotwierdzona
desk-state-confirmed = potwierdzona
desk-contact-chat = przez czat z botem
desk-cancelled-title = Odwołane
desk-col-cancelled = Odwołanie
desk-col-reason = Wiadomość do osoby
desk-cancelled-by-person = przez tę osobę, { $when }
desk-cancelled-by-caseworker = przez zespół, { $when }
desk-cancel = Odwołaj rezerwację
desk-cancel-reason = Wiadomość dla tej osoby, w języku: { $lang } (opcjonalnie, wysyłana z odwołaniem)
desk-cancel-sure = Tak, odwołaj { $time }, { $name }
desk-cancelled = Rezerwacja { $code } została odwołana. Wysyłamy tej osobie wiadomość w jej języku.
desk-cancelled-note = Rezerwacja { $code } została odwołana. Wysyłamy tej osobie wiadomość w jej języku, razem z twoją.
desk-cannot-send = Krok nie może teraz wysyłać wiadomości przez { $platforms }. To, co wysyła (także odwołania), dotrze do ludzi, gdy tylko będzie mógł; jeśli czyjaś konsultacja jest niedługo, zadzwoń do tej osoby.
desk-cancel-unsure = Rezerwacja { $code } nie została odwołana: najpierw zaznacz obok niej „Tak, odwołaj”.
desk-not-found = Nie ma takiej rezerwacji (może została już odwołana).
desk-find = Znajdź rezerwację: kod, imię i nazwisko lub numer telefonu
desk-find-go = Znajdź
desk-find-title = Szukaj rezerwacji
desk-find-short = Wpisz kod rezerwacji, co najmniej dwie litery imienia lub nazwiska albo co najmniej cztery cyfry numeru telefonu.
desk-find-none = Żadna rezerwacja nie pasuje. Imię mogło zostać zapisane w czacie inaczej: wpisz jego część albo numer telefonu.
desk-find-count = { $count ->
    [one] Pasuje jedna rezerwacja.
    [few] Pasują { $count } rezerwacje.
   *[other] Pasuje { $count } rezerwacji.
}
desk-find-more = Pasuje więcej rezerwacji, niż tu widać: wpisz dłuższy fragment imienia lub numeru.
desk-found = Rezerwacja { $code } jest tego dnia, zaznaczona poniżej.
desk-nav-content = Treść bota
desk-directory = Katalog usług do wydruku
desk-content-loaded = Obecną treść wczytano { $time }.
desk-reload-none = Od startu treść nie była wczytywana ponownie.
desk-reload-ok = Ostatnie wczytanie ({ $time }) się udało.
desk-reload-refused = Ostatnie wczytanie ({ $time }) odrzucono; bot nadal używa poprzedniej treści. Do poprawienia:
desk-content-warnings = Ostrzeżenia w używanej treści (została wczytana, ale sprawdź je)
desk-stale = Usługi sprawdzone ponad { $days } { $days ->
        [one] dzień
       *[other] dni
    } temu
desk-stale-none = Wszystkie usługi sprawdzono { $days ->
        [one] w ciągu ostatniego dnia
       *[other] w ciągu ostatnich { $days } dni
    }.
desk-nav-links = Linki i karty
desk-link-step = Krok rozmowy
desk-link-lang = Język
desk-link-tag = Znacznik skierowania (np. mops)
desk-link-make = Utwórz link
desk-link-code = Kod (na Matrixie osoba wpisuje go jako pierwszą wiadomość)
desk-link-qr = Pobierz kod QR (PNG)
desk-link-card = Karta A6 do wydruku
desk-link-no-step = W rozmowie nie ma kroku „{ $step }”: otwarty adres mógł powstać przed zmianą treści. Wybierz krok z listy.
desk-link-no-lang = Wybierz język linku z listy.
desk-link-bad-tag = Znacznik skierowania może mieć do 20 znaków: litery łacińskie, cyfry, „-” i „_”, na przykład mops-nowa-huta.
desk-link-no-platform = Krok nie jest połączony ani z Telegramem, ani z Matrixem, więc link nie ma dokąd prowadzić. Zgłoś to osobie, która prowadzi Kroka.
desk-link-no-name = Krok nie mógł sprawdzić swojej nazwy w Telegramie, a link jej potrzebuje. Spróbuj ponownie za minutę; jeśli to się powtarza, zgłoś to osobie, która prowadzi Kroka.
desk-link-failed = Nie udało się utworzyć linku. Spróbuj ponownie; jeśli to się powtarza, zgłoś to osobie, która prowadzi Kroka.
desk-nav-stats = Statystyki
desk-stats-title = Zapotrzebowanie od { $from } do { $to }
desk-stats-from = Od
desk-stats-to = Do
desk-stats-rule = Liczby mniejsze niż { $n } są pokazane jako „<{ $n }” i nie mają słupka, żeby nikogo nie dało się rozpoznać.
desk-stats-none = Brak danych w tym okresie.
desk-bad-date = Nie udało się odczytać daty z adresu (daty zapisuje się tak: 2026-11-30), więc pokazano dzisiejsze rezerwacje.
desk-stats-bad-date = Nie udało się odczytać daty z adresu (daty zapisuje się tak: 2026-11-30), więc pokazano dane od { $from } do { $to }.
desk-stats-too-long = Okres może mieć najwyżej 400 dni, więc dane zaczynają się od { $from }.
desk-stats-figures = Liczby w tabeli
desk-stats-what = Co
desk-stats-count = Liczba
desk-chart-per-day = Rozmowy rozpoczęte dziennie
desk-chart-platform = Rozmowy według platformy
desk-chart-lang = Rozmowy według języka
desk-chart-tag = Według znacznika skierowania
desk-chart-node = Najczęściej otwierane kroki
desk-chart-service = Najczęściej pokazywane usługi
desk-chart-crisis = Odpowiedzi kryzysowe według platformy
desk-chart-booked = Rezerwacje według rodzaju
desk-chart-cancelled = Odwołania według rodzaju
desk-col-outcome = Jak poszło
desk-outcome-done = odbyła się
desk-outcome-not_reached = brak kontaktu z osobą
desk-mark-done = Odbyła się
desk-mark-not_reached = Brak kontaktu
desk-mark-clear = Cofnij oznaczenie
desk-marked = Rezerwacja { $code }: { $outcome }.
desk-unmarked = Rezerwacja { $code } nie ma już oznaczenia.
desk-not-marked = Oznaczyć można tylko potwierdzoną rezerwację (ta mogła zostać odwołana).
desk-not-yet-marked = Przebieg konsultacji można oznaczyć dopiero wtedy, gdy nadejdzie jej termin.
desk-cancel-failed = Nie udało się odwołać rezerwacji { $code }, nadal jest aktualna. Spróbuj ponownie albo napisz do bota /cancelbooking { $code }.
