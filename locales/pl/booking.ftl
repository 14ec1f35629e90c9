# Rezerwacja konsultacji na czacie (dialogs/booking.toml).

booking-kind-legal = Bezpłatna porada prawna (Punkt Informacji dla Obcokrajowców)
booking-how-legal = To rezerwacja na bezpłatny dyżur porad prawnych Punktu Informacji dla Obcokrajowców. Dyżur odbywa się przez telefon w czwartki od 16:00 do 19:00, a dyżurni konsultanci widzą twoją rezerwację na swojej liście. O zarezerwowanej godzinie zadzwoń pod jeden z numerów dyżurnych poniżej. W czasie dyżuru możesz też zadzwonić bez rezerwacji.

opt-book = 📅 Zarezerwuj termin
nav-bookings = 📅 Moje rezerwacje
book-later = Późniejsze terminy ▶
book-earlier = ◀ Wcześniejsze terminy

# Termin na przycisku lub w zdaniu: „czw., 3 gru, 16:00”.
book-when = { $weekday ->
        [mon] pon.
        [tue] wt.
        [wed] śr.
        [thu] czw.
        [fri] pt.
        [sat] sob.
       *[sun] niedz.
    }, { $day } { $month ->
        [1] stycznia
        [2] lutego
        [3] marca
        [4] kwietnia
        [5] maja
        [6] czerwca
        [7] lipca
        [8] sierpnia
        [9] września
        [10] października
        [11] listopada
       *[12] grudnia
    }, { $time }

book-slots = { $kind }: porada odbywa się przez telefon – o wybranej godzinie dzwonisz pod numer dyżurny. Wybierz termin, który ci pasuje:
book-none = { $kind }: w najbliższych tygodniach nie ma wolnych terminów. Zadzwoń i zapytaj:
book-taken = Przepraszam, ktoś właśnie zajął ten termin. Oto inne wolne terminy:
book-said-none = { $day ->
        [yes] Niestety, tego dnia o { $time } nie ma wolnego terminu.
       *[no] Niestety, w najbliższych tygodniach nie ma wolnego terminu o { $time }.
    }
book-said-several = O { $time } są wolne terminy w różne dni:
book-day-none = Niestety, tego dnia nie ma wolnych terminów.
book-day-several = Wolne terminy tego dnia:
book-held = Trzymam dla ciebie termin { $when } przez { $minutes } { $minutes ->
        [one] minutę
        [few] minuty
       *[many] minut
        [other] minuty
    }. Na jakie imię lub inicjały go zapisać? Konsultant zapyta o nie, gdy zadzwonisz.
book-name-invalid = Wpisz tylko imię lub inicjały, maksymalnie 40 liter. Jeśli jest ci teraz bardzo ciężko albo grozi ci niebezpieczeństwo, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }.
book-contact = Jak możemy się z tobą skontaktować, jeśli coś się zmieni?
book-contact-chat = 💬 Tutaj, na czacie
book-contact-phone = 📞 Telefonicznie
book-phone = Wpisz swój numer telefonu z numerem kierunkowym kraju.
book-phone-invalid = Nie udało mi się odczytać numeru. Wpisz go z numerem kierunkowym kraju na początku: +48 i 9 cyfr numeru polskiego albo +380 i 9 cyfr numeru ukraińskiego (bez zera na początku). Jeśli jest ci teraz bardzo ciężko albo grozi ci niebezpieczeństwo, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }.
book-phone-read = Numer do kontaktu: { $phone }. Jeśli jest w nim błąd, wpisz go jeszcze raz.
book-name-corrected = Imię poprawione: { $name }.
book-enough = Masz już { $count } { $count ->
        [one] zaplanowaną konsultację
        [few] zaplanowane konsultacje
       *[many] zaplanowanych konsultacji
    } – więcej naraz nie można. Aby zarezerwować inny termin, najpierw odwołaj jedną z nich:
book-also = Masz już zarezerwowaną konsultację: { $when }. Jeśli chcesz ją przełożyć, wybierz nowy termin poniżej, a potem odwołaj starą rezerwację w „Moje rezerwacje”. Jeśli potrzebujesz jeszcze jednej konsultacji, po prostu wybierz termin.
# Odpowiedzi na pytania o konsultację („czy to bezpłatne?”, „po ukraińsku?”, „co zabrać?”).
book-q-free = Tak, konsultacja jest bezpłatna.
book-q-langs = Języki konsultacji: { $langs }.
book-q-length = Jeden termin to { $minutes } { $minutes ->
        [one] minuta
        [few] minuty
       *[many] minut
        [other] minuty
    } rozmowy z konsultantem.
book-q-bring = Miej pod ręką dokumenty i pisma, których dotyczy twoja sprawa (umowę, decyzję albo pismo z urzędu), i zapisz wcześniej, o co chcesz zapytać.
lang-word-uk = ukraiński
lang-word-pl = polski
lang-word-en = angielski
lang-word-ru = rosyjski
book-private = Żeby inni członkowie grupy nie widzieli twojego imienia, numeru ani rezerwacji, rezerwacje działają tylko na prywatnym czacie ze mną. Napisz do mnie prywatnie.
crisis-private = Jeśli wolisz porozmawiać bez innych osób z tej grupy, napisz do mnie prywatnie: tam tylko ty zobaczysz moje odpowiedzi.
forget-private = Stąd niczego nie usunę: odpowiedź przeczytaliby wszyscy w tej grupie. Napisz do mnie „zapomnij o mnie” albo /forget na prywatnym czacie, a usunę wszystko, co o tobie przechowuję.
book-consent = Na potrzeby rezerwacji Krok przechowuje twoje imię, sposób kontaktu i termin (widzą je tylko osoby prowadzące zapisy na konsultacje i udzielające porad) przez { $days } { $days ->
        [one] dzień
        [few] dni
       *[many] dni
        [other] dnia
    } po konsultacji, a potem je usuwa. W każdej chwili możesz odwołać rezerwację albo usunąć wszystko, pisząc „zapomnij o mnie” lub /forget.
book-agree = ✅ Zgadzam się, rezerwuję
book-drop = ✖️ Nie rezerwuję
book-dropped = W porządku, nic nie zostało zarezerwowane.
book-confirmed = Zarezerwowano: { $when }. Twój kod rezerwacji to { $code }. Zachowaj go.
book-expired = { $minutes ->
        [one] Minęła { $minutes } minuta
        [few] Minęły { $minutes } minuty
       *[many] Minęło { $minutes } minut
        [other] Minęło { $minutes } minuty
    }, więc nie trzymam już dla ciebie tego terminu. Wybierz termin jeszcze raz:

bookings-none = Nie masz żadnych rezerwacji.
bookings-list = Twoje rezerwacje:
bookings-line = { $when } – { $kind }, kod { $code }
bookings-line-phones = { $when } – { $kind }, kod { $code }. O tej godzinie zadzwoń pod jeden z numerów dyżurnych: { $phones }.
bookings-cancel = ✖️ Odwołaj { $when }
bookings-cancel-ask = Odwołać konsultację: { $when }, { $kind }? Wtedy ten termin dostanie ktoś inny.
bookings-keep = ↩️ Nie, zostaw
bookings-cancel-sure = ✖️ Tak, odwołaj
bookings-kept = Dobrze, rezerwacja konsultacji zostaje.
booking-cancelled = Twoja rezerwacja na { $when } została odwołana.
booking-gone = Ta rezerwacja już nie istnieje.
booking-cancelled-by-staff = Bardzo nam przykro, ale twoją konsultację trzeba było odwołać: { $when }, { $kind }. Aby zarezerwować inny termin, napisz „prawnik” i wybierz „{ opt-book }”.
booking-cancelled-by-staff-why = Bardzo nam przykro, ale twoją konsultację trzeba było odwołać: { $when }, { $kind }. Wiadomość od pracownika:
    { $reason }
    Aby zarezerwować inny termin, napisz „prawnik” i wybierz „{ opt-book }”.
reminder-day = Przypomnienie: jutro ({ $when }) masz konsultację: { $kind }. O tej godzinie zadzwoń pod jeden z numerów dyżurnych: { $phones }. Twój kod: { $code }.
reminder-hour = Przypomnienie: za godzinę, o { $time }, masz konsultację: { $kind }. O tej godzinie zadzwoń pod jeden z numerów dyżurnych: { $phones }. Twój kod: { $code }.
reminder-cancel = ✖️ Odwołaj tę rezerwację

# Tylko dla pracowników (wskazanych w krok.toml); inni nigdy nie widzą tych tekstów.
staff-day = Rezerwacje na { $date }: { $count }
staff-line = { $time } · { $kind } · { $lang } · { $name } · { $contact } · { $code }
staff-contact-chat = na czacie
staff-cancelled = Rezerwacja { $code } została odwołana; wysyłamy tej osobie wiadomość o tym.
staff-not-found = Nie ma rezerwacji o kodzie { $code }.
staff-note-too-long = Niczego nie odwołano: długość notatki to { $count }, a może mieć najwyżej { $max } znaków, żeby dotarła do tej osoby w całości. Skróć ją i wyślij polecenie jeszcze raz.
staff-already-cancelled = Rezerwacja { $code } została już odwołana ({ $when }) { $by ->
    [person] przez samą osobę. Tym razem nic nie wysłano.
   *[caseworker] przez pracownika i ta osoba dostała wtedy wiadomość. Nic więcej nie wysłano.
}
staff-help = Polecenia dla pracowników: /day 2026-12-03 pokazuje rezerwacje na ten dzień; /cancelbooking KOD odwołuje rezerwację i powiadamia o tym osobę. /desk wysyła jednorazowy link do panelu w przeglądarce.
desk-link = Twój link do panelu pracownika Kroku: { $link }
    Jest ważny przez { $minutes } { $minutes ->
        [one] minutę
        [few] minuty
       *[many] minut
        [other] minuty
    } i otwiera się tylko raz. Nie przekazuj go nikomu.
desk-off = Panel pracownika nie jest włączony na tym serwerze.
my-id = Twój identyfikator w Kroku: { $id }. Jeśli jesteś pracownikiem, przekaż go osobie, która prowadzi Kroka, aby dodała cię do listy pracowników.
forgotten-booking = Twoja konsultacja zaplanowana na { $when } też została odwołana, a ten termin jest już wolny dla innych.
book-held-again = Znów trzymam dla ciebie termin { $when } przez { $minutes } { $minutes ->
        [one] minutę
        [few] minuty
       *[many] minut
        [other] minuty
    }. Zapisuję na imię { $name }.
