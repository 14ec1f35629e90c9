# The caseworkers' desk in the browser (src/desk). Polish is the desk's default language.
desk-title = Крок · панель сотрудника
desk-nav = Меню панели
desk-nav-today = Сегодня
desk-nav-bookings = Бронирования
desk-nav-logout = Выйти
desk-nav-logout-everywhere = Выйти на всех устройствах
desk-language = Язык панели
desk-sign-in-title = Вход в панель
desk-sign-in-how = Напишите /desk боту Крок в своём чате (Telegram или Matrix). Вы получите одноразовую ссылку, которая действует 10 минут. Панель только для сотрудников из списка `caseworkers`.
desk-link-bad = Эта ссылка уже использована, устарела или неполная. Напишите /desk ещё раз, чтобы получить новую.
desk-too-many = Слишком много попыток входа. Попробуйте ещё раз через минуту.
desk-cross-site = Эта форма отправлена с другого сайта, поэтому ничего не изменено. Откройте панель по своей ссылке для входа и попробуйте ещё раз.
desk-sign-in-confirm = Войти в панель на этом устройстве? Ссылка сработает только один раз.
desk-sign-in-button = Войти
desk-signed-out = Вы вышли.
desk-signed-out-everywhere = Вы вышли здесь и во всех других браузерах, где была открыта панель. Чтобы войти снова, напишите боту /desk.
desk-form-expired = Эта форма устарела. Обновите страницу и попробуйте ещё раз.
desk-today = Сегодня, { $date }
desk-today-count = Подтверждённых бронирований на сегодня: { $count }
desk-open-day = Посмотреть сегодняшние бронирования
desk-day = Бронирования на { $date }
desk-date = День
desk-show = Показать
desk-prev = Предыдущий день
desk-next = Следующий день
desk-csv = Скачать CSV
desk-day-none = На этот день бронирований нет.
desk-flood = За последние часы забронировали больше консультаций (или заняли больше времени), чем обычно. Часть из них может быть от одного человека, который забирает у других всё свободное время: ищите много бронирований, сделанных с разницей в несколько минут, только с чатом и короткими именами, или одно и то же время, которое занимают снова и снова, и отмените фальшивые.
desk-held = { $count ->
    [one] { $count } время этого дня сейчас удерживает человек, который ещё не забронировал его: { $times }.
    [few] { $count } времени этого дня сейчас удерживают люди, которые ещё не забронировали их: { $times }.
   *[other] { $count } времён этого дня сейчас удерживают люди, которые ещё не забронировали их: { $times }.
} Удержание длится не больше { $minutes } минут; если одни и те же времена удерживают снова и снова, кто-то может блокировать их для других.
desk-col-time = Время
desk-col-kind = Вид
desk-col-name = Имя
desk-col-contact = Контакт
desk-col-lang = Язык
desk-col-code = Код
desk-col-state = Статус
desk-col-booked = Забронировано
desk-state-held = предварительное, ещё не подтверждённое
desk-state-confirmed = подтверждено
desk-contact-chat = через чат с ботом
desk-cancelled-title = Отменённые
desk-col-cancelled = Отмена
desk-col-reason = Сообщение человеку
desk-cancelled-by-person = самим человеком, { $when }
desk-cancelled-by-caseworker = командой, { $when }
desk-cancel = Отменить бронирование
desk-cancel-reason = Сообщение человеку, на языке: { $lang } (по желанию, отправляется вместе с отменой)
desk-cancel-sure = Да, отменить { $time }, { $name }
desk-cancelled = Бронирование { $code } отменено. Человек получил сообщение на своём языке.
desk-cancelled-note = Бронирование { $code } отменено. Человек получил сообщение на своём языке вместе с вашим сообщением.
desk-cancel-unsure = Бронирование { $code } не отменено: сначала отметьте рядом с ним «Да, отменить».
desk-not-found = Такого бронирования нет (возможно, его уже отменили).
desk-find = Найти бронирование: код, имя или номер телефона
desk-find-go = Найти
desk-find-title = Поиск бронирования
desk-find-short = Введите код бронирования, хотя бы две буквы имени или хотя бы четыре цифры номера телефона.
desk-find-none = Ни одно бронирование не подходит. В чате имя могли написать иначе: попробуйте часть имени или номер телефона.
desk-find-count = { $count ->
    [one] Подходит { $count } бронирование.
    [few] Подходят { $count } бронирования.
   *[other] Подходят { $count } бронирований.
}
desk-find-more = Подходит больше бронирований, чем показано здесь: введите бо́льшую часть имени или номера.
desk-found = Бронирование { $code } приходится на этот день, оно отмечено ниже.
desk-nav-content = Содержимое бота
desk-directory = Справочник служб для печати
desk-content-loaded = Действующее содержимое загружено { $time }.
desk-reload-none = С момента запуска содержимое не перезагружалось.
desk-reload-ok = Последняя перезагрузка ({ $time }) прошла успешно.
desk-reload-refused = Последняя перезагрузка ({ $time }) отклонена; бот продолжает использовать предыдущее содержимое. Что исправить:
desk-content-warnings = Предупреждения в используемом содержимом (оно принято, но проверьте их)
desk-stale = Службы, проверенные более { $days } { $days ->
        [one] дня
        [few] дней
       *[many] дней
        [other] дня
    } назад
desk-stale-none = Все службы проверены { $days ->
        [one] за последний { $days } день
        [few] за последние { $days } дня
       *[many] за последние { $days } дней
        [other] за последние { $days } дня
    }.
desk-nav-links = Ссылки и карточки
desk-link-step = Шаг разговора
desk-link-lang = Язык
desk-link-tag = Метка направления (напр. mops)
desk-link-make = Создать ссылку
desk-link-code = Код (в Matrix человек пишет его первым сообщением)
desk-link-qr = Скачать QR-код (PNG)
desk-link-card = Карточка A6 для печати
desk-nav-stats = Статистика
desk-stats-title = Спрос с { $from } по { $to }
desk-stats-from = С
desk-stats-to = По
desk-stats-rule = Числа меньше { $n } показаны как «<{ $n }» и без столбика, чтобы никого нельзя было узнать.
desk-stats-none = За этот период данных нет.
desk-stats-figures = Цифры таблицей
desk-stats-what = Что
desk-stats-count = Количество
desk-chart-per-day = Начатые разговоры в день
desk-chart-platform = Разговоры по платформам
desk-chart-lang = Разговоры по языкам
desk-chart-tag = По метке направления
desk-chart-node = Чаще всего открытые шаги
desk-chart-service = Чаще всего показанные службы
desk-chart-crisis = Кризисные ответы по платформам
desk-chart-booked = Бронирования по видам
desk-chart-cancelled = Отмены по видам
desk-col-outcome = Как прошло
desk-outcome-done = состоялась
desk-outcome-not_reached = не удалось связаться
desk-mark-done = Состоялась
desk-mark-not_reached = Не удалось связаться
desk-mark-clear = Снять отметку
desk-marked = Бронирование { $code }: { $outcome }.
desk-unmarked = У бронирования { $code } больше нет отметки.
desk-not-marked = Отметить можно только подтверждённое бронирование (его, возможно, уже отменили).
desk-cancel-failed = Не удалось отменить бронирование { $code }, оно всё ещё действует. Попробуйте ещё раз или напишите боту /cancelbooking { $code }.
