# Rezerwacja konsultacji na czacie (dialogs/booking.toml).

booking-kind-legal = Bezpłatna porada prawna (Punkt Informacji dla Obcokrajowców)
booking-how-legal = To rezerwacja na bezpłatny dyżur porad prawnych Punktu Informacji dla Obcokrajowców. Dyżur odbywa się przez telefon w czwartki od 16:00 do 19:00, a dyżurni konsultanci widzą twoją rezerwację na swojej liście. O zarezerwowanej godzinie zadzwoń pod jeden z numerów dyżurnych poniżej. W czasie dyżuru możesz też zadzwonić bez rezerwacji.

opt-book = 📅 Zarezerwuj termin
nav-bookings = 📅 Moje rezerwacje
book-later = Późniejsze terminy ▶

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

book-slots = { $kind }: wolne terminy. Wybierz ten, który ci pasuje:
book-none = { $kind }: w najbliższych tygodniach nie ma wolnych terminów. Zadzwoń i zapytaj:
book-taken = Przepraszam, ktoś właśnie zajął ten termin. Oto inne wolne terminy:
book-held = Trzymam dla ciebie termin { $when } przez { $minutes } min. O jakie imię lub inicjały ma zapytać konsultant?
book-name-invalid = Wpisz tylko imię lub inicjały, maksymalnie 40 liter. Jeśli jest Ci teraz bardzo ciężko albo grozi Ci niebezpieczeństwo, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }.
book-contact = Jak możemy się z tobą skontaktować, jeśli coś się zmieni?
book-contact-chat = 💬 Tutaj, na czacie
book-contact-phone = 📞 Telefonicznie
book-phone = Wpisz swój numer telefonu z numerem kierunkowym kraju.
book-phone-invalid = To nie wygląda na numer telefonu. Wpisz go cyframi, z numerem kierunkowym kraju: +48 dla numeru polskiego, +380 dla ukraińskiego. Jeśli jest Ci teraz bardzo ciężko albo grozi Ci niebezpieczeństwo, zadzwoń pod { $emergency } albo na całodobowy telefon kryzysowy { $line }.
book-consent = Na potrzeby rezerwacji Krok przechowuje twoje imię, sposób kontaktu i termin przez { $days } dni po konsultacji, a potem je usuwa. W każdej chwili możesz odwołać rezerwację albo usunąć wszystko poleceniem /forget.
book-agree = ✅ Zgadzam się, rezerwuję
book-drop = ✖️ Nie rezerwuję
book-dropped = W porządku, nic nie zostało zarezerwowane.
book-confirmed = Zarezerwowano: { $when }. Twój kod rezerwacji to { $code }. Zachowaj go.
book-expired = Minęło { $minutes } min, więc nie trzymam już dla ciebie tego terminu. Wybierz termin jeszcze raz:

bookings-none = Nie masz żadnych rezerwacji.
bookings-list = Twoje rezerwacje:
bookings-line = { $when }: { $kind }, kod { $code }
bookings-cancel = ✖️ Odwołaj { $when }
booking-cancelled = Twoja rezerwacja na { $when } została odwołana.
booking-gone = Ta rezerwacja już nie istnieje.
booking-cancelled-by-staff = Bardzo nam przykro: twoją konsultację zaplanowaną na { $when } ({ $kind }) trzeba było odwołać. Inny termin możesz zarezerwować poleceniem /bookings.
booking-cancelled-by-staff-why = Bardzo nam przykro: twoją konsultację zaplanowaną na { $when } ({ $kind }) trzeba było odwołać. Wiadomość od pracownika: { $reason }. Inny termin możesz zarezerwować poleceniem /bookings.
reminder-day = Przypomnienie: jutro, { $when }, masz konsultację: { $kind }. Twój kod: { $code }.
reminder-hour = Przypomnienie: za godzinę, o { $time }, masz konsultację: { $kind }. Twój kod: { $code }.
reminder-cancel = ✖️ Odwołaj tę rezerwację

# Tylko dla pracowników (wskazanych w krok.toml); inni nigdy nie widzą tych tekstów.
staff-day = Rezerwacje na { $date }: { $count }
staff-line = { $time } · { $kind } · { $name } · { $contact } · { $code }
staff-contact-chat = na czacie
staff-cancelled = Rezerwacja { $code } została odwołana, a osoba dostała powiadomienie.
staff-not-found = Nie ma rezerwacji o kodzie { $code }.
staff-help = Polecenia dla pracowników: /day 2026-12-03 pokazuje rezerwacje na ten dzień; /cancelbooking KOD odwołuje rezerwację i powiadamia o tym osobę. /desk wysyła jednorazowy link do panelu w przeglądarce.
desk-link = Twój link do panelu pracownika Kroku: { $link }
    Jest ważny { $minutes } minut i otwiera się tylko raz. Nie przekazuj go nikomu.
desk-off = Panel pracownika nie jest włączony na tym serwerze.
