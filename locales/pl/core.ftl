# Teksty, których bot używa sam, niezależnie od plików dialogu.

# Pierwszy ekran, gdy bot nie zna jeszcze języka rozmówcy: taki sam we wszystkich
# wersjach językowych, po jednym wierszu na język.
lang-choose = Оберіть мову · Wybierz język · Choose your language · Выберите язык
    🆘 { $emergency } · { $line } (24/7)
lang-name-uk = Українська
lang-name-pl = Polski
lang-name-en = English
lang-name-ru = Русский

nav-back = ⬅️ Wstecz
nav-restart = 🏠 Menu główne
nav-lang = 🌐 Język
nav-continue = ↩️ Wróć do rozmowy

reask = Przepraszam, nie do końca rozumiem. Wybierz jedną z opcji poniżej albo wpisz jej numer.
reask-number = Nie ma opcji o takim numerze. Wpisz liczbę od 1 do { $count } albo wybierz poniżej.
reask-typed = Przepraszam, nie do końca rozumiem. Jeśli jest ci teraz bardzo ciężko albo grozi ci niebezpieczeństwo, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }. Jeśli nie, wybierz jedną z opcji poniżej.
reask-again = Jestem tu i chcę pomóc. Najlepiej rozumiem numer opcji (na przykład 2) albo kilka słów, np. „prawnik”, „nocleg” czy „praca”. Jeśli grozi ci niebezpieczeństwo albo jest ci bardzo ciężko, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }: tam odbierają w dzień i w nocy.
crisis-reask = Jestem tylko botem i nie umiem rozmawiać jak człowiek, ale przeczytałem twoją wiadomość. Pod numerem { $line } całą dobę odbierają ludzie: możesz zadzwonić i po prostu powiedzieć, że jest ci ciężko. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Poniżej możesz wybrać, co dalej.
crisis-reask-again = Jestem tu i przykro mi, że nie potrafię odpowiedzieć ci tak jak człowiek. Pod numerem { $line } wysłuchają cię ludzie, w dzień i w nocy, i możesz tam zapytać o wszystko, co cię niepokoi. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }.
crisis-reask-emergency = Jestem tylko botem i nie pomogę tak jak dyspozytor. Jeśli nikt jeszcze nie zadzwonił, dzwoń teraz pod { $emergency }: bezpłatnie, z każdego telefonu. Powiedz, co się stało i gdzie jesteś; jeśli nie znasz adresu, podaj ulicę, sklep albo przystanek, które widzisz. Jeśli nie możesz mówić, poproś kogoś obok, żeby zadzwonił za ciebie.
crisis-reask-emergency-again = Jestem tu, ale teraz pomóc mogą tylko ludzie. Dzwoń pod { $emergency } i nie rozłączaj się, dopóki dyspozytor nie powie, że możesz. Kiedy zagrożenie minie, a będzie ci ciężko, telefon kryzysowy { $line } odbiera w dzień i w nocy.
crisis-still = Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
crisis-again = Jestem tu i czytam, co piszesz. Proszę, nie zostawaj z tym w pojedynkę: zadzwoń teraz, odbierają tam prawdziwi ludzie, w dzień i w nocy. Jeśli grozi ci niebezpieczeństwo w tej chwili, dzwoń pod { $emergency }.
help-here = Jestem tu, żeby pomóc. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Z człowiekiem porozmawiasz o każdej porze dnia i nocy: { $line }. Poniżej wybierz, czego potrzebujesz, albo napisz w kilku słowach, co się stało.
crisis-thanks = Trzymaj się. Jeśli znów będzie ciężko, pod numerem { $line } odbierają całą dobę, a do mnie możesz napisać w każdej chwili.
stale-button = Ten przycisk pochodzi z wcześniejszego kroku. Teraz jesteśmy tutaj:
stale-number = Ten numer dotyczył wcześniejszej listy, więc niczego z niej nie wybrałem. Jeśli potrzebujesz pomocy teraz, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }. Teraz jesteśmy tutaj:
content-changed = Właśnie zaktualizowaliśmy przewodnik i tego kroku już nie ma. Zacznijmy od początku:
content-changed-back = Właśnie zaktualizowaliśmy przewodnik i tego kroku już nie ma. Oto krok, który był przed nim:
link-outdated = Link, który otworzono, prowadzi do części przewodnika, której już nie ma. Oto menu główne, wszystko inne nadal w nim jest:
non-text = Przepraszam, rozumiem tylko tekst: nie otworzę wiadomości głosowych, zdjęć, naklejek ani lokalizacji. Napisz kilka słów albo wybierz opcję poniżej. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
non-text-again = Tego też nie otworzę: czytam tylko tekst. Napisz kilka słów albo numer opcji. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }.
crisis-alert = Jeśli grozi ci niebezpieczeństwo albo myślisz o zrobieniu sobie krzywdy, zadzwoń teraz. Te linie odbierają w dzień i w nocy. Nie musisz przechodzić przez to w pojedynkę.
forgotten = Gotowe. Usunięto wszystko, co było o tobie zapisane: język, miejsce w rozmowie i ewentualne rezerwacje. Wiadomości z tego czatu zostają w twojej aplikacji do czatu; jeśli nie chcesz, żeby ktoś je zobaczył, usuń w niej ten czat. Napisz do mnie, kiedy zechcesz zacząć od nowa.
forget-failed = Nie udało się jeszcze usunąć wszystkiego. Będę próbować dalej i dam znać tutaj, gdy tylko wszystko zostanie usunięte.
help = Pomagam znaleźć właściwe miejsce w Krakowie: telefon kryzysowy, bezpłatną poradę prawną albo sposób, by pomóc innym. Wybieraj opcje albo wpisuj ich numer.
    Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
    Polecenia, których możesz użyć w każdej chwili:
    „menu” lub /start: menu główne
    „wstecz” lub /back: poprzedni krok
    „język” lub /lang: zmień język
    „moje rezerwacje” lub /bookings: twoje rezerwacje
    „zapomnij o mnie” lub /forget: usuń wszystko, co o tobie przechowuję
    /help: ta wiadomość
thanks-reply = Nie ma za co! Jeśli potrzebujesz czegoś jeszcze, wybierz opcję poniżej.
ok-reply = Dobrze. Jeśli potrzebujesz czegoś jeszcze, wybierz opcję poniżej.
error = Przepraszam, coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę. Jeśli potrzebujesz pomocy teraz, zadzwoń:

# Karta usługi.
svc-open-247 = 🕒 Czynne całą dobę
svc-open-now = 🕒 Teraz czynne, do { $time }
svc-open-now-today = 🕒 Teraz czynne
svc-closed-opens-today = 🕒 Teraz nieczynne, czynne dziś od { $time }
svc-closed-opens-tomorrow = 🕒 Teraz nieczynne, czynne jutro od { $time }
svc-closed-opens = 🕒 Teraz nieczynne, czynne { $day ->
        [mon] w poniedziałek
        [tue] we wtorek
        [wed] w środę
        [thu] w czwartek
        [fri] w piątek
        [sat] w sobotę
       *[sun] w niedzielę
    } od { $time }
svc-hours-unknown = 🕒 Godziny otwarcia: zadzwoń i zapytaj
svc-line-open = 📞 Linia telefoniczna teraz odbiera
svc-office = 🏢 Biuro: { $status }
svc-languages = 🗣 Języki: { $languages }

language-pl = polski
language-uk = ukraiński
language-en = angielski
language-ru = rosyjski

# Matrix: a message the bot could not decrypt.
undecryptable = Przepraszam, nie mogę odczytać twojej ostatniej wiadomości: jest zaszyfrowana kluczem, którego nie mam. Wyślij ją, proszę, jeszcze raz. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
room-shared = W tym pokoju jest więcej osób niż ty i ja, więc go opuszczam: to, co mi piszesz, powinno zostać między nami. Żeby rozmawiać dalej, zacznij ze mną prywatny czat. Jeśli grozi ci niebezpieczeństwo, dzwoń pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
group-welcome = Dzień dobry wszystkim! Jestem Krok. Pomagam znaleźć właściwe miejsce w Krakowie: telefon kryzysowy, bezpłatną poradę prawną albo sposób, by pomóc innym. W tej grupie odpowiadam na wiadomości, w których ktoś oznaczy { $bot }, i na odpowiedzi na moje wiadomości. Rezerwacja konsultacji i wszystko, co osobiste, działa tylko na prywatnym czacie ze mną, żeby grupa tego nie czytała. Jeśli komuś grozi niebezpieczeństwo, dzwońcie pod { $emergency }. Telefon kryzysowy odbiera całą dobę: { $line }.
# Przycisk drugiej potrzeby z tej samej wiadomości („nocleg i lekarz dla dziecka”).
also-step = Również: { $step }
