# Odpowiedzi w sytuacjach kryzysowych: bot pokazuje jeden z tych tekstów, a zaraz po nim odpowiednie numery telefonów.

crisis-self-harm = Dziękuję, że mi o tym piszesz. Nie musisz przechodzić przez to w pojedynkę, a rozmowa z kimś naprawdę pomaga. Psycholodzy z Ośrodka Interwencji Kryzysowej odbierają telefony w dzień i w nocy, pomagają też Ukraińcom w Krakowie. Jeśli teraz grozi ci niebezpieczeństwo albo już zrobiłaś lub zrobiłeś sobie krzywdę, zadzwoń od razu pod numer 112.
crisis-self-harm-other = Jeśli ta osoba już zrobiła sobie krzywdę albo teraz grozi jej niebezpieczeństwo, od razu zadzwoń pod numer 112. Jeśli możesz i jest to dla ciebie bezpieczne, bądź przy niej i nie zostawiaj jej samej. Ty też nie musisz przechodzić przez to w pojedynkę: psycholodzy z Ośrodka Interwencji Kryzysowej odbierają telefony w dzień i w nocy, pomagają też Ukraińcom w Krakowie.
crisis-violence = To, co się dzieje, to nie twoja wina. Jeśli teraz grozi niebezpieczeństwo tobie albo dziecku, zadzwoń pod numer 112. Linia pomocy dla osób pokrzywdzonych przestępstwem działa w dzień i w nocy. Ośrodek Interwencji Kryzysowej też odbiera telefony całą dobę, a jeśli są ku temu powody, może dać miejsce w swoim hostelu. Po przemocy seksualnej od razu pomogą na szpitalnym oddziale ratunkowym (SOR). Jeśli boisz się, że ktoś przeczyta ten czat, najpierw napisz do mnie „zapomnij o mnie” — usunę to, co o tobie przechowuję — a potem usuń czat w swoim komunikatorze.
crisis-violence-shared = To, co się dzieje, to nie twoja wina. Jeśli teraz grozi niebezpieczeństwo tobie albo dziecku, zadzwoń pod numer 112. Linia pomocy dla osób pokrzywdzonych przestępstwem działa w dzień i w nocy. Ośrodek Interwencji Kryzysowej też odbiera telefony całą dobę, a jeśli są ku temu powody, może dać miejsce w swoim hostelu. Po przemocy seksualnej od razu pomogą na szpitalnym oddziale ratunkowym (SOR).
crisis-violence-witness = Dziękuję, że nie przechodzisz obojętnie. Jeśli ktoś jest krzywdzony w tej chwili, zadzwoń pod numer 112: podaj adres, powiedz, co słyszysz lub widzisz i czy są tam dzieci. Nie interweniuj na własną rękę, jeśli to niebezpieczne. Linia pomocy dla osób pokrzywdzonych przestępstwem i Ośrodek Interwencji Kryzysowej odbierają telefony w dzień i w nocy: możesz przekazać ich numery osobie, która doznaje przemocy, a tobie podpowiedzą, co jeszcze możesz zrobić.
crisis-medical = Zadzwoń teraz pod numer 112 i wezwij karetkę: powiedz, gdzie jesteś i co się stało. Jeśli to ty źle się czujesz albo coś zażyłaś lub zażyłeś, otwórz drzwi, jeśli możesz, i powiedz o tym komuś obok. Jeśli chodzi o kogoś innego, zostań przy tej osobie, dopóki nie przyjedzie pomoc.
crisis-child = Zadzwoń teraz pod 112, to nic nie kosztuje. Powiedz, jak masz na imię, ile masz lat i gdzie jesteś. Jeśli jesteś na ulicy, podejdź do policjanta, ochroniarza albo sprzedawcy w sklepie i powiedz, że potrzebujesz pomocy. Jeśli jesteś w domu, zamknij drzwi i nie otwieraj nikomu obcemu.
crisis-danger = Zadzwoń teraz pod numer 112 i powiedz, gdzie jesteś. Jeśli możesz, przejdź w bezpieczne miejsce, gdzie są inni ludzie.
crisis-exploitation = Nikt nie ma prawa zabierać ci paszportu ani dokumentów, zmuszać cię do pracy, nie płacić za nią, bić cię, sprzedawać, zmuszać do seksu ani zatrzymywać wbrew twojej woli. To nie twoja wina. Jeśli grozi ci niebezpieczeństwo, zadzwoń pod numer 112; linia pomocy dla osób pokrzywdzonych przestępstwem działa w dzień i w nocy. Co robić dalej, także jak odzyskać zarobione pieniądze, możesz zapytać w Punkcie Informacji dla Obcokrajowców.
crisis-missing = Zadzwoń teraz pod numer 112 i zgłoś zaginięcie. Powiedz, kiedy i gdzie ta osoba była widziana ostatni raz i w co była ubrana, i przygotuj jej zdjęcie. Ośrodek Interwencji Kryzysowej odbiera telefony w dzień i w nocy i wspiera także bliskich.
crisis-panic = To bardzo przerażające, ale minie. Wydychaj powietrze powoli, dłużej niż wdychasz. Jeśli boli cię w klatce piersiowej albo zdarza ci się to pierwszy raz, zadzwoń pod 112. Ośrodek Interwencji Kryzysowej odbiera telefony w dzień i w nocy.

# Przyciski pod odpowiedziami kryzysowymi: krótkie, muszą się zmieścić na ekranie telefonu.
crisis-go-self-harm = 💬 Porozmawiać z kimś
crisis-go-self-harm-other = 💬 Gdzie szukać wsparcia
crisis-go-violence = 🛡️ Pomoc w sytuacji przemocy
crisis-go-violence-witness = 🛡️ Pomoc dla osoby krzywdzonej
crisis-go-medical = 🆘 Gdzie jeszcze szukać pomocy
crisis-go-child = 🆘 Gdzie jeszcze szukać pomocy
crisis-go-danger = 🆘 Gdzie jeszcze szukać pomocy
crisis-go-exploitation = 🛡️ Pomoc dla pokrzywdzonych przestępstwem
crisis-go-missing = 💬 Wsparcie dla bliskich
crisis-go-panic = 💬 Porozmawiać z kimś
