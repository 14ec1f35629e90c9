# Крок на бумаге: карточка A6 из `krok link --card` и справочник из `krok export`.
# Без эмодзи: у принтеров часто нет для них шрифта.

# Название первого шага на карточке (другие шаги берут подпись своей кнопки).
print-start-title = Крок: помощь в Кракове
print-card-about = Крок — бесплатный чат-бот. За несколько шагов он подскажет, где найти помощь в Кракове.
print-card-scan-telegram = Отсканируйте код камерой телефона, чтобы открыть чат с Кроком в Telegram.
print-card-scan-matrix = Отсканируйте код камерой телефона, чтобы начать разговор с Кроком в Matrix (например, в приложении Element).
print-card-matrix = В Matrix (например, в приложении Element) напишите { $bot } и отправьте этот код первым сообщением:
print-card-crisis = Вам угрожает опасность или вы в кризисе? Звоните:

print-export-title = Где найти помощь в Кракове
print-export-intro = Печатный список мест, которые знает чат-бот Крок, — на случай, если чат недоступен.
print-export-dates = Напечатано { $date }. Информация проверена { $checked }.
print-section-crisis = Опасность или кризис
print-section-other = Другая помощь в Кракове

print-label-phone = Телефон
print-label-address = Адрес
print-label-email = Электронная почта
print-label-web = Сайт
print-label-hours = Часы работы
print-label-languages = Языки

# Часы работы как расписание на неделю: «пн–пт 08:00–20:00; сб 08:00–13:00».
print-hours-247 = круглосуточно, без выходных
print-hours-ask = уточните по телефону
print-hours-some-weeks = { $hours } (не каждую неделю)
print-hours-varies = { $days }: часы работы меняются, уточните по телефону
print-hours-closed-on = закрыто { $dates }
print-weekday = { $day ->
        [mon] пн
        [tue] вт
        [wed] ср
        [thu] чт
        [fri] пт
        [sat] сб
       *[sun] вс
    }
