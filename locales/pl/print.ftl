# Krok na papierze: karta A6 z `krok link --card` i spis z `krok export`.
# Bez emoji: drukarki często nie mają dla nich czcionki.

# Tytuł pierwszego kroku na karcie (inne kroki mają napis ze swojego przycisku).
print-start-title = Krok: pomoc w Krakowie
print-card-about = Krok to bezpłatny czatbot. W kilku krokach pokaże ci, gdzie w Krakowie szukać pomocy.
print-card-scan-telegram = Zeskanuj kod aparatem telefonu, aby otworzyć czat z Krokiem w Telegramie.
print-card-scan-matrix = Zeskanuj kod aparatem telefonu, aby zacząć rozmowę z Krokiem w sieci Matrix (np. w aplikacji Element).
print-card-matrix = W sieci Matrix (np. w aplikacji Element) napisz do { $bot } i wyślij ten kod jako pierwszą wiadomość:
print-card-crisis = Grozi ci niebezpieczeństwo albo przeżywasz kryzys? Zadzwoń:

print-export-title = Gdzie szukać pomocy w Krakowie
print-export-intro = Wydrukowany spis miejsc, które zna czatbot Krok, na wypadek gdyby czat był niedostępny.
print-export-dates = Wydrukowano { $date }. Informacje sprawdzono { $checked }.
print-section-crisis = W niebezpieczeństwie lub w kryzysie
print-section-other = Inna pomoc w Krakowie

print-label-phone = Telefon
print-label-address = Adres
print-label-email = E-mail
print-label-web = Strona internetowa
print-label-hours = Godziny otwarcia
print-label-languages = Języki

# Godziny otwarcia jako plan tygodnia: „pon.–pt. 08:00–20:00; sob. 08:00–13:00”.
print-hours-247 = całą dobę, 7 dni w tygodniu
print-hours-ask = zadzwoń i zapytaj
print-hours-some-weeks = { $hours } (nie w każdym tygodniu)
print-hours-varies = { $days }: godziny się zmieniają, zadzwoń i zapytaj
print-hours-closed-on = nieczynne { $dates }
print-weekday = { $day ->
        [mon] pon.
        [tue] wt.
        [wed] śr.
        [thu] czw.
        [fri] pt.
        [sat] sob.
       *[sun] niedz.
    }
