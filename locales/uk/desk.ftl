# The caseworkers' desk in the browser (src/desk). Polish is the desk's default language.
desk-title = Крок · панель працівника
desk-nav = Меню панелі
desk-nav-today = Сьогодні
desk-nav-bookings = Бронювання
desk-nav-logout = Вийти
desk-nav-logout-everywhere = Вийти на всіх пристроях
desk-language = Мова панелі
desk-sign-in-title = Вхід до панелі
desk-sign-in-how = Напишіть /desk боту Крок у своєму чаті (Telegram або Matrix). Ви отримаєте одноразове посилання, дійсне 10 хвилин. Панель лише для працівників зі списку `caseworkers`.
desk-link-bad = Це посилання вже використане, застаріло або неповне. Напишіть /desk ще раз, щоб отримати нове.
desk-too-many = Забагато спроб входу. Спробуйте ще раз за хвилину.
desk-cross-site = Цю форму надіслано з іншого сайту, тому нічого не змінено. Відкрийте панель за власним посиланням для входу і спробуйте ще раз.
desk-sign-in-confirm = Увійти до панелі на цьому пристрої? Посилання спрацює лише один раз.
desk-sign-in-button = Увійти
desk-signed-out = Ви вийшли.
desk-signed-out-everywhere = Ви вийшли тут і в усіх інших браузерах, де була відкрита панель. Щоб увійти знову, напишіть боту /desk.
desk-form-expired = Ця форма застаріла. Оновіть сторінку й спробуйте ще раз.
desk-today = Сьогодні, { $date }
desk-today-count = Підтверджених бронювань на сьогодні: { $count }
desk-open-day = Переглянути сьогоднішні бронювання
desk-upcoming = Найближчі дні з бронюваннями
desk-upcoming-count = { $count ->
    [one] { $count } бронювання
    [few] { $count } бронювання
   *[many] { $count } бронювань
}
desk-day = Бронювання на { $date }
desk-date = День
desk-show = Показати
desk-prev = Попередній день
desk-next = Наступний день
desk-csv = Завантажити CSV
desk-csv-excel = CSV для Excel
desk-day-none = На цей день бронювань немає.
desk-flood = За останні години забронювали більше консультацій (або зайняли більше часу), ніж зазвичай. Частина з них може бути від однієї людини, яка забирає в інших увесь вільний час: шукайте багато бронювань, зроблених з різницею в кілька хвилин, лише з чатом і короткими іменами, або той самий час, який займають знову і знову. Перш ніж скасувати якесь із них, зателефонуйте або напишіть цій людині: бронювання справжньої людини не можна скасовувати лише через те, що воно схоже на таке.
desk-held = { $count ->
    [one] { $count } слот цього дня зараз утримує людина, яка ще не забронювала його: { $times }.
    [few] { $count } слоти цього дня зараз утримують люди, які ще не забронювали їх: { $times }.
   *[other] { $count } слотів цього дня зараз утримують люди, які ще не забронювали їх: { $times }.
} Утримання триває щонайбільше { $minutes } хвилин; якщо ті самі слоти утримують знову й знову, хтось може блокувати їх для інших.
desk-col-time = Час
desk-col-kind = Вид
desk-col-name = Ім'я
desk-col-contact = Контакт
desk-col-lang = Мова
desk-col-code = Код
desk-col-state = Стан
desk-col-booked = Заброньовано
desk-state-held = попереднє, ще не підтверджене
desk-state-confirmed = підтверджене
desk-contact-chat = через чат із ботом
desk-cancelled-title = Скасовані
desk-col-cancelled = Скасування
desk-col-reason = Повідомлення людині
desk-cancelled-by-person = самою людиною, { $when }
desk-cancelled-by-caseworker = командою, { $when }
desk-cancel = Скасувати бронювання
desk-cancel-reason = Повідомлення людині, мовою: { $lang } (за бажанням, надсилається разом зі скасуванням)
desk-cancel-sure = Так, скасувати { $time }, { $name }
desk-cancelled = Бронювання { $code } скасовано. Людині надсилається повідомлення її мовою.
desk-cancelled-note = Бронювання { $code } скасовано. Людині надсилається повідомлення її мовою разом із вашим.
desk-cannot-send = Крок зараз не може надсилати повідомлення через { $platforms }. Те, що він надсилає (скасування теж), дійде до людей, щойно це стане можливим; якщо чиясь консультація скоро, зателефонуйте цій людині.
desk-cancel-unsure = Бронювання { $code } не скасовано: спершу позначте поруч із ним «Так, скасувати».
desk-not-found = Такого бронювання немає (можливо, його вже скасовано).
desk-find = Знайти бронювання: код, ім'я або номер телефону
desk-find-go = Знайти
desk-find-title = Пошук бронювання
desk-find-short = Введіть код бронювання, щонайменше дві літери імені або щонайменше чотири цифри номера телефону.
desk-find-none = Жодне бронювання не підходить. У чаті ім'я могли написати інакше: спробуйте частину імені або номер телефону.
desk-find-count = { $count ->
    [one] Підходить { $count } бронювання.
    [few] Підходять { $count } бронювання.
   *[other] Підходять { $count } бронювань.
}
desk-find-more = Підходить більше бронювань, ніж показано тут: введіть більшу частину імені або номера.
desk-found = Бронювання { $code } припадає на цей день, його позначено нижче.
desk-nav-content = Вміст бота
desk-directory = Довідник служб для друку
desk-content-loaded = Вміст, що зараз діє, завантажено { $time }.
desk-reload-none = Від запуску вміст не перезавантажувався.
desk-reload-ok = Останнє перезавантаження ({ $time }) вдалося.
desk-reload-refused = Останнє перезавантаження ({ $time }) відхилено; бот і далі використовує попередній вміст. Що виправити:
desk-content-warnings = Попередження у вмісті, що використовується (його прийнято, але перевірте їх)
desk-stale = Служби, перевірені понад { $days } { $days ->
        [one] день
        [few] дні
       *[many] днів
        [other] дня
    } тому
desk-stale-none = Усі служби перевірено { $days ->
        [one] за останній { $days } день
        [few] за останні { $days } дні
       *[many] за останні { $days } днів
        [other] за останні { $days } дня
    }.
desk-nav-links = Посилання й картки
desk-link-step = Крок розмови
desk-link-lang = Мова
desk-link-tag = Мітка направлення (напр. mops)
desk-link-make = Створити посилання
desk-link-code = Код (у Matrix людина пише його першим повідомленням)
desk-link-qr = Завантажити QR-код (PNG)
desk-link-card = Картка A6 для друку
desk-nav-stats = Статистика
desk-stats-title = Попит з { $from } до { $to }
desk-stats-from = З
desk-stats-to = До
desk-stats-rule = Числа, менші за { $n }, показано як «<{ $n }» і без стовпчика, щоб нікого не можна було впізнати.
desk-stats-none = За цей період даних немає.
desk-stats-figures = Цифри таблицею
desk-stats-what = Що
desk-stats-count = Кількість
desk-chart-per-day = Розпочаті розмови за день
desk-chart-platform = Розмови за платформами
desk-chart-lang = Розмови за мовами
desk-chart-tag = За міткою направлення
desk-chart-node = Найчастіше відкриті кроки
desk-chart-service = Найчастіше показані служби
desk-chart-crisis = Кризові відповіді за платформами
desk-chart-booked = Бронювання за видами
desk-chart-cancelled = Скасування за видами
desk-col-outcome = Як пройшло
desk-outcome-done = відбулася
desk-outcome-not_reached = не вдалося зв'язатися
desk-mark-done = Відбулася
desk-mark-not_reached = Не вдалося зв'язатися
desk-mark-clear = Скасувати позначку
desk-marked = Бронювання { $code }: { $outcome }.
desk-unmarked = Бронювання { $code } тепер без позначки.
desk-not-marked = Позначити можна лише підтверджене бронювання (можливо, його вже скасовано).
desk-cancel-failed = Не вдалося скасувати бронювання { $code }, воно досі чинне. Спробуйте ще раз або напишіть ботові /cancelbooking { $code }.
