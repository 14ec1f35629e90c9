# Nazwy i opisy usług z dialogs/services.toml (svc-<id>, svc-<id>-about)
# oraz uwagi do telefonów i godzin, które wskazuje services.toml.

svc-emergency-112 = Numer alarmowy 112
svc-emergency-112-about = Policja, pogotowie ratunkowe, straż pożarna: gdy zagrożone jest życie lub zdrowie. Bezpłatnie, z każdego telefonu.

svc-crisis-centre = Ośrodek Interwencji Kryzysowej
svc-crisis-centre-about = Pomoc psychologiczna dla osób w kryzysie, m.in. po przemocy, stracie lub traumie; także dla Ukraińców przebywających w Krakowie. Telefonicznie całą dobę lub na miejscu; jeśli są ku temu powody, miejsce w hostelu ośrodka. Można też napisać przez komunikator – przez jaki, zapytaj telefonicznie.

svc-krafos = Okręgowy Ośrodek Pomocy Osobom Pokrzywdzonym Przestępstwem (KRAFOS)
svc-krafos-about = Pomoc i wsparcie dla osób pokrzywdzonych przestępstwem, dla świadków oraz ich bliskich.

svc-psych-first-aid = Centrum Pierwszej Pomocy Psychologicznej
svc-psych-first-aid-about = Bezpłatna pomoc psychologiczna dla mieszkańców Krakowa w kryzysie psychicznym. Na konsultację zapiszesz się telefonicznie albo przez formularz na stronie internetowej.

svc-krakow-pomaga = Kraków Pomaga
svc-krakow-pomaga-about = Miejska platforma internetowa uruchomiona w czasie pandemii. Działała przy niej bezpłatna linia konsultacji psychologicznych dla mieszkańców Krakowa; nie mam jej numeru i nie wiem, czy nadal działa.

svc-mops = Miejski Ośrodek Pomocy Społecznej (MOPS)
svc-mops-about = Pomoc dla osób i rodzin w trudnej sytuacji: niskie dochody, podeszły wiek, niepełnosprawność, samotność, bezdomność, przemoc. Informacje telefonicznie, mailowo lub w punkcie informacyjnym.

svc-migrant-info-point = Punkt Informacji dla Obcokrajowców (Migrant Info Point)
svc-migrant-info-point-about = Informacje o codziennym życiu w Krakowie: edukacja, formalności, opieka zdrowotna, kultura; pomoc w adaptacji i w sytuacjach dyskryminacji; konsultacje prawne, psychologiczne i edukacyjne.

svc-migrant-legal-duty = Bezpłatne porady prawne (Migrant Info Point)
svc-migrant-legal-duty-about = W czwartki prawnik bezpłatnie odpowiada przez telefon na twoje pytania. Zadzwoń pod jeden z numerów poniżej.

svc-multicultural-centre = Centrum Wielokulturowe
svc-multicultural-centre-about = Miejsce dla wszystkich w Krakowie – zarówno miejscowych, jak i cudzoziemców: zajęcia międzykulturowe, filmy, spacery po mieście w różnych językach, warsztaty; wsparcie dla aktywistów i organizacji pracujących z cudzoziemcami.

svc-social-info-centre = Miejskie Centrum Informacji Społecznej
svc-social-info-centre-about = Pomaga odnaleźć się w miejskich procedurach: o jakie świadczenia możesz się ubiegać, jak wypełnić wnioski i jakie projekty miasto teraz prowadzi.

svc-business-point = Konsultacje dla przedsiębiorców z zagranicy (Punkt Obsługi Przedsiębiorcy)
svc-business-point-about = Konsultant ds. przedsiębiorczości w Punkcie Obsługi Przedsiębiorcy Urzędu Miasta Krakowa udziela informacji po ukraińsku, rosyjsku i angielsku.

svc-senior-info = Miejskie Centrum Informacji dla Seniorów
svc-senior-info-about = Informacje o wszystkim, co miasto robi dla osób starszych.

svc-respite-care = Program opieki wytchnieniowej
svc-respite-care-about = Bezpłatne turnusy opieki wytchnieniowej dla pełnoletnich osób z orzeczeniem o znacznym stopniu niepełnosprawności, aby ich opiekunowie mogli odpocząć. Zgłoszenia przyjmuje Miejskie Centrum Opieki.

svc-zlota-raczka = „Złota rączka”
svc-zlota-raczka-about = Bezpłatna pomoc w drobnych naprawach domowych dla osób powyżej 60. roku życia, przede wszystkim samotnych lub z niepełnosprawnością. Zadzwoń i powiedz, czego potrzebujesz.

svc-meleks = Meleks 80+
svc-meleks-about = Przejazd meleksem po terenie cmentarzy komunalnych (Grębałowskiego, Prądnik Czerwony i Rakowickiego) do grobów bliskich, dla osób powyżej 80. roku życia; to przejazd po cmentarzu, nie dowóz z domu.

svc-karta-n = Krakowska Karta Rodziny z Niepełnosprawnym Dzieckiem (Karta „N”)
svc-karta-n-about = Rodziny wychowujące dziecko z niepełnosprawnością, które spełniają kryteria, mogą złożyć wniosek o spersonalizowaną kartę, dzięki której mogą korzystać z szeregu uprawnień oferowanych przez miasto i jego prywatnych partnerów.

phone-note-24h = całą dobę
phone-note-krafos-duty = telefon dyżurny, 20:00–08:00
phone-note-psych-signup = zapisy, od poniedziałku do piątku 08:00–20:00
phone-note-business-booking = rezerwacja konsultacji
phone-note-meleks-hotline = infolinia, od poniedziałku do piątku 08:00–15:00

hours-note-psych-signup = To godziny działania linii zapisów; centrum ma cztery punkty w Krakowie.
hours-note-migrant-info-point = Czynne także w ostatni weekend każdego miesiąca, 09:00–14:00.
hours-note-meleks = Przejazdy w poniedziałki, środy i piątki, 10:00–14:00.
