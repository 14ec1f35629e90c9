# Крок на папері: картка A6 з `krok link --card` і довідник з `krok export`.
# Без емодзі: у принтерів часто немає для них шрифту.

# Назва першого кроку на картці (інші кроки беруть підпис своєї кнопки).
print-start-title = Крок: допомога в Кракові
print-card-about = Крок — безкоштовний чат-бот. За кілька кроків він підкаже, де знайти допомогу в Кракові.
print-card-scan-telegram = Відскануйте код камерою телефона, щоб відкрити чат із Кроком у Telegram.
print-card-scan-matrix = Відскануйте код камерою телефона, щоб почати розмову з Кроком у Matrix (наприклад, у застосунку Element).
print-card-matrix = У Matrix (наприклад, у застосунку Element) напишіть { $bot } і надішліть цей код першим повідомленням:
print-card-crisis = Вам загрожує небезпека або ви в кризі? Телефонуйте:

print-export-title = Де знайти допомогу в Кракові
print-export-intro = Друкований перелік місць, які знає чат-бот Крок, — на випадок, якщо чат недоступний.
print-export-dates = Надруковано { $date }. Інформацію перевірено { $checked }.
print-section-crisis = Небезпека або криза
print-section-other = Інша допомога в Кракові

print-label-phone = Телефон
print-label-address = Адреса
print-label-email = Електронна пошта
print-label-web = Вебсайт
print-label-hours = Години роботи
print-label-languages = Мови

# Години роботи як розклад на тиждень: «пн–пт 08:00–20:00; сб 08:00–13:00».
print-hours-247 = цілодобово, без вихідних
print-hours-ask = уточніть телефоном
print-hours-some-weeks = { $hours } (не щотижня)
print-hours-varies = { $days }: години змінюються, уточніть телефоном
print-hours-closed-on = зачинено { $dates }
print-weekday = { $day ->
        [mon] пн
        [tue] вт
        [wed] ср
        [thu] чт
        [fri] пт
        [sat] сб
       *[sun] нд
    }
