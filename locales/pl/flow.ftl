# Dialog dla Krakowa: jedna wiadomość na krok (node-*) i na przycisk (opt-*), zob. dialogs/flow.toml.
# Napisy na przyciskach są krótkie: muszą się zmieścić na ekranie telefonu.

node-start = Dzień dobry, jestem Krok. W kilku krokach pomogę ci znaleźć właściwe miejsce w Krakowie. Czego potrzebujesz?
node-start-again = Czego potrzebujesz?
opt-crisis = 🆘 Potrzebuję pomocy teraz
opt-legal = ⚖️ Sprawy prawne i urzędowe
opt-donate = 🤝 Chcę pomóc
opt-family = 👪 Rodzina, niepełnosprawność, seniorzy, dzieci
opt-other = 💬 Coś innego

node-crisis = Jeśli zagrożone jest twoje życie lub życie kogoś innego, zadzwoń teraz pod numer 112. Ośrodek Interwencji Kryzysowej odbiera telefony w dzień i w nocy, można też przyjść tam osobiście. Co się stało?
opt-crisis-victim = Ktoś mnie skrzywdził: przestępstwo, przemoc
opt-crisis-talk = Potrzebuję rozmowy z psychologiem
opt-chat-safety = Gdy ktoś może przeczytać ten czat
opt-cant-talk = Nie mogę mówić na głos
opt-no-answer = Nie mogę się dodzwonić

node-crisis-victim = To, co się stało, to nie twoja wina. Te miejsca pomagają osobom pokrzywdzonym przestępstwem lub przemocą, świadkom, a także ich bliskim:
node-chat-safety = Twoje bezpieczeństwo jest ważniejsze niż jakakolwiek rozmowa. Jeśli boisz się, że ktoś przeczyta ten czat, najpierw napisz do mnie „zapomnij o mnie”, a usunę wszystko, co o tobie przechowuję: język, miejsce w rozmowie i rezerwacje. Potem usuń ten czat w swoim komunikatorze. Jeśli teraz grozi ci niebezpieczeństwo, dzwoń pod 112; linia pomocy dla osób pokrzywdzonych przestępstwem działa w dzień i w nocy:
node-crisis-cant-talk = Jeśli nie możesz mówić, bo ktoś usłyszy, poproś kogoś, komu ufasz (np. sąsiada albo znajomego), żeby zadzwonił pod 112 za ciebie, i podaj mu adres. Jeśli możesz bezpiecznie tylko pisać, pisz do mnie, a pokażę, gdzie się zwrócić. Jeśli boisz się, że ktoś przeczyta ten czat, napisz do mnie „zapomnij o mnie”, a potem usuń czat.
node-crisis-no-answer = Jeśli nie możesz się dodzwonić, spróbuj ponownie za kilka minut: linie bywają zajęte. Jeśli grozi ci niebezpieczeństwo, dzwoń pod 112: tam odbierają zawsze. Te linie działają w dzień i w nocy:
node-crisis-talk = Rozmowa z kimś pomaga. Tutaj dostaniesz bezpłatne wsparcie psychologiczne:
node-human = Jestem botem, nie człowiekiem: podpowiadam, gdzie szukać pomocy, i mogę zapisać cię na bezpłatną poradę prawną. Ludzie odbierają całą dobę w Ośrodku Interwencji Kryzysowej, numer poniżej. Jeśli grozi ci niebezpieczeństwo, dzwoń pod 112.

node-legal = Czego dotyczy sprawa?
opt-legal-advice = Bezpłatna porada prawna
opt-legal-deportation = Gdy grozi deportacja
opt-legal-everyday = Dokumenty, szkoła, zdrowie, codzienne sprawy
opt-legal-benefits = Świadczenia miejskie i wnioski
opt-legal-business = Założenie lub prowadzenie firmy
opt-work-rights = Brak wypłaty lub łamanie praw w pracy

node-legal-advice = W czwartki od 16:00 do 19:00 Punkt Informacji dla Obcokrajowców udziela telefonicznie bezpłatnych porad prawnych. W inne dni w wielu sprawach pomoże sam Punkt:
node-deportation = To, czy mogą cię zobowiązać do wyjazdu z Polski, zależy od twoich dokumentów i sytuacji. Prawnik bezpłatnie odpowie na twoje pytania i powie, co możesz zrobić, także jak odwołać się od decyzji. W czwartki od 16:00 do 19:00 Punkt Informacji dla Obcokrajowców udziela telefonicznie bezpłatnych porad prawnych, a termin możesz zarezerwować poniżej. Jeśli ktoś grozi ci deportacją, żeby zmusić cię do dalszej pracy, płacenia albo milczenia, nikt nie ma do tego prawa i to nie twoja wina: linia pomocy dla osób pokrzywdzonych przestępstwem działa w dzień i w nocy.
node-legal-everyday = Nie mam instrukcji krok po kroku w sprawie dokumentów, takich jak PESEL czy karta pobytu, ani zapisów do szkoły. W takich codziennych sprawach w Krakowie pomaga Punkt Informacji dla Obcokrajowców: formalności, edukacja, opieka zdrowotna, a także sytuacje dyskryminacji – również po ukraińsku i po rosyjsku. Miejskie Centrum Informacji Społecznej wyjaśnia miejskie procedury:
node-legal-benefits = Tutaj wyjaśnią ci, o jakie świadczenia możesz się ubiegać, i pomogą wypełnić wnioski:
node-legal-business = Porady dla cudzoziemców, którzy chcą założyć lub prowadzić firmę – po ukraińsku, rosyjsku i angielsku. Bezpłatną konsultację rezerwuje się bezpośrednio w Punkcie Obsługi Przedsiębiorcy: na jego stronie internetowej lub pod numerem do rezerwacji poniżej.

node-donate = Dziękuję, że chcesz pomóc! Jak chcesz to zrobić?
opt-donate-lviv = Dary dla Lwowa
opt-donate-host = Przyjmę osoby uciekające przed wojną
opt-donate-volunteer = Wolontariat

node-donate-lviv = Po napaści Rosji na Ukrainę Kraków otworzył punkt zbiórki darów dla Lwowa, swojego miasta partnerskiego w Ukrainie. Nie mam adresu tego punktu ani godzin otwarcia i nie wiem, czy nadal przyjmuje dary. Miejskie Centrum Informacji Społecznej zna bieżące projekty miasta: zapytaj tam, czy i gdzie teraz zbiera się dary:
node-donate-host = Kraków prosił kiedyś mieszkańców, by dali znać miastu, jeśli mogą przyjąć osoby uciekające przed wojną w Ukrainie; nie wiem, czy miasto nadal zbiera takie zgłoszenia. Miejskie Centrum Informacji Społecznej zna bieżące projekty miasta: zapytaj tam, czy i jak możesz zgłosić wolne miejsce:
node-donate-volunteer = Centrum Wielokulturowe wspiera aktywistów, organizacje i grupy nieformalne, które działają z cudzoziemcami i na ich rzecz w Krakowie. Zapytaj tam, jak możesz się zaangażować:

node-family = Kto potrzebuje wsparcia?
opt-family-child-disability = Dziecko z niepełnosprawnością
opt-family-carers = Opiekuję się osobą z niepełnosprawnością
opt-family-seniors = Seniorzy
opt-family-hardship = Rodzina w trudnej sytuacji
opt-family-children = Dzieci i rodzice

node-family-child-disability = Rodziny wychowujące dziecko z niepełnosprawnością mogą złożyć wniosek o Kartę „N”, czyli Krakowską Kartę Rodziny z Niepełnosprawnym Dzieckiem. Daje ona szereg uprawnień oferowanych przez miasto i jego prywatnych partnerów:
node-family-carers = Kiedy odpoczywasz, ktoś zaopiekuje się twoją bliską osobą: opieka wytchnieniowa jest bezpłatna dla pełnoletnich osób z orzeczeniem o znacznym stopniu niepełnosprawności. Pomaga też Miejski Ośrodek Pomocy Społecznej (MOPS):
node-family-seniors = Dla seniorów w Krakowie: informacje o wszystkim, co oferuje miasto, bezpłatna pomoc w drobnych naprawach domowych i przejazdy do grobów bliskich na cmentarzach komunalnych:
node-family-hardship = Miejski Ośrodek Pomocy Społecznej (MOPS) pomaga osobom i rodzinom w trudnej sytuacji: niskie dochody, starszy wiek, niepełnosprawność, samotność, bezdomność, przemoc. W kryzysie Ośrodek Interwencji Kryzysowej pomaga w dzień i w nocy:
node-family-children = Kraków wspiera rodziców i dzieci. Miasto rozbudowuje sieć Klubów Rodziców. Integracyjne Centrum Rodziców oferuje konsultacje specjalistyczne, zajęcia edukacyjne i wsparcie psychologiczne. Rodzinom wychowującym dziecko z niepełnosprawnością wsparcie terapeutyczne i edukacyjne dają też wyspecjalizowane placówki, m.in. Klub Rodzica „Hula Hop”. Kontynuowany jest program Krakowska Karta Rodzinna 3+, a w budowie jest jedenaście nowych żłobków dla dzieci do lat trzech. Nie mam adresów ani danych kontaktowych tych miejsc i programów, więc zapytaj o nie w Punkcie Informacji dla Obcokrajowców: udziela on też informacji i konsultacji w sprawach edukacji, także po ukraińsku i rosyjsku. Miejski Ośrodek Pomocy Społecznej (MOPS) pomaga rodzinom w trudnej sytuacji:

node-other = W czym mogę pomóc? Jeśli twojej sprawy nie ma na liście, wybierz „Inna sprawa”: podpowiem, gdzie pomogą w każdej sprawie.
node-info-points = Te miejsca pomagają w wielu różnych sprawach. W Punkcie Informacji dla Obcokrajowców można porozmawiać po ukraińsku, rosyjsku, angielsku i polsku:

# Nowe kroki dla codziennych potrzeb (dialogs/flow.toml: housing, food_money, polish, work).

node-housing = Jeśli nie masz dziś gdzie spać, zadzwoń do Ośrodka Interwencji Kryzysowej: odbiera w dzień i w nocy, a gdy sytuacja tego wymaga, udziela schronienia w swoim hostelu. Jeśli komuś grozi zamarznięcie, dzwoń pod 112. Miejski Ośrodek Pomocy Społecznej (MOPS) pomaga osobom w trudnej sytuacji życiowej, także osobom bezdomnym. W 2026 roku ośrodki zbiorowego zakwaterowania dla uchodźców przekazano miejskim jednostkom pomocy społecznej – zapytaj o nie w MOPS:
node-food-money = Nie mam listy miejsc, w których wydaje się żywność, ubrania czy inną pomoc. Miejski Ośrodek Pomocy Społecznej (MOPS) pomaga osobom i rodzinom w trudnej sytuacji, także osobom o niskich dochodach. Miejskie Centrum Informacji Społecznej doradzi, o jakie świadczenia możesz się ubiegać i jak wypełnić wnioski:
node-polish = Miejski program „Otwarty Kraków” wspiera cudzoziemców – od porad prawnych po kursy językowe. W 2022 roku miasto wymieniało wśród jego działań także tłumaczenia i naukę języka polskiego. Nie wiem, gdzie i kiedy odbywają się zajęcia, więc zapytaj w Punkcie Informacji dla Obcokrajowców:
node-work = Nie mam ofert pracy. Punkt Informacji dla Obcokrajowców odpowiada na pytania o codzienne życie w Krakowie, także o formalności, więc zapytaj tam. Jeśli ktoś ci nie płaci albo łamie twoje prawa w pracy, możesz bezpłatnie poradzić się prawnika; to i założenie własnej firmy znajdziesz w opcjach poniżej:

# Przyciski kroku „Coś innego” (node other), które prowadzą do tych kroków.
opt-housing = 🛏️ Mieszkanie lub nocleg
opt-food-money = 🍲 Jedzenie lub pieniądze
opt-polish = 📚 Język polski i tłumaczenia
opt-info-points = ❓ Inna sprawa
opt-human = 🤖 Kto mi tu odpowiada?
opt-work = 💼 Praca


# Review 9: rent and eviction (node rent), health (node health), and their buttons.
node-rent = Jeśli nie masz z czego zapłacić czynszu albo właściciel każe ci się wyprowadzić, najpierw zapytaj prawnika o swoje prawa: w czwartki od 16:00 do 19:00 Punkt Informacji dla Obcokrajowców udziela telefonicznie bezpłatnych porad prawnych, a konsultację możesz też zarezerwować tutaj. Miejski Ośrodek Pomocy Społecznej (MOPS) pomaga osobom i rodzinom w trudnej sytuacji, także osobom o niskich dochodach, a Miejskie Centrum Informacji Społecznej doradzi, o jakie świadczenia możesz się ubiegać:
opt-rent = 💶 Nie mogę zapłacić czynszu, eksmisja
node-health = Nie mam listy lekarzy, nocnych przychodni ani aptek. Jeśli dziecko ma trudności z oddychaniem, nie da się go obudzić albo się boisz, zadzwoń teraz pod numer 112. Punkt Informacji dla Obcokrajowców informuje o opiece zdrowotnej w Krakowie, także po ukraińsku i po rosyjsku:
opt-health = 🩺 Zdrowie, lekarz
