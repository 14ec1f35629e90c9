# The caseworkers' desk in the browser (src/desk). Polish is the desk's default language.
desk-title = Krok · caseworker desk
desk-nav = Desk menu
desk-nav-today = Today
desk-nav-bookings = Bookings
desk-nav-logout = Sign out
desk-nav-logout-everywhere = Sign out on every device
desk-language = Desk language
desk-sign-in-title = Sign in to the desk
desk-sign-in-how = Write /desk to the Krok bot in your chat (Telegram or Matrix). You will get a one-time link that is valid for 10 minutes. The desk is only for caseworkers on the `caseworkers` list.
desk-link-bad = This link has already been used, has expired or is incomplete. Write /desk again to get a new one.
desk-too-many = Too many sign-in attempts. Please try again in a minute.
desk-cross-site = This form came from another website, so nothing was changed. Open the desk from your own sign-in link and try again.
desk-wrong-host = This address is not the desk's. Open the desk from your own sign-in link.
desk-sign-in-confirm = Sign in to the desk on this device? The link works once.
desk-sign-in-button = Sign in
desk-signed-out = You are signed out.
desk-signed-out-everywhere = You are signed out here and in every other browser that had the desk open. Write /desk to the bot to sign in again.
desk-form-expired = This form is out of date. Reload the page and try again.
desk-today = Today, { $date }
desk-today-count = Confirmed bookings today: { $count }
desk-open-day = See today's bookings
desk-upcoming = Next days with bookings
desk-upcoming-count = { $count ->
    [one] one booking
   *[other] { $count } bookings
}
desk-day = Bookings on { $date }
desk-date = Day
desk-show = Show
desk-prev = Previous day
desk-next = Next day
desk-csv = Download CSV
desk-csv-excel = CSV for Excel
desk-day-none = No bookings on this day.
desk-flood = More consultations were booked, or times held, in the last hours than people usually book. Some may be one person taking every free time from others: look for many bookings made minutes apart with a chat only and short names, or the same times held again and again. Before cancelling one, call or write to the person: a real person's booking must not be cancelled on the pattern alone.
desk-held = { $count ->
    [one] One time on this day is held right now by someone who has not booked it yet: { $times }.
   *[other] { $count } times on this day are held right now by people who have not booked them yet: { $times }.
} A hold lasts at most { $minutes } minutes; the same times held again and again may be someone keeping them from others.
desk-col-time = Time
desk-col-kind = Kind
desk-col-name = Name
desk-col-contact = Contact
desk-col-lang = Language
desk-col-code = Code
desk-col-state = Status
desk-col-booked = Booked
desk-state-held = on hold, not confirmed yet
desk-state-confirmed = confirmed
desk-contact-chat = through the chat with the bot
desk-cancelled-title = Cancelled
desk-col-cancelled = Cancelled
desk-col-reason = Message to the person
desk-cancelled-by-person = by the person, { $when }
desk-cancelled-by-caseworker = by a caseworker, { $when }
desk-cancel = Cancel booking
desk-cancel-reason = Message to the person, in { $lang } (optional, sent with the cancellation)
desk-cancel-sure = Yes, cancel { $time }, { $name }
desk-cancelled = Booking { $code } is cancelled. The person is being sent a message in their language.
desk-cancelled-note = Booking { $code } is cancelled. The person is being sent a message in their language, with yours.
desk-cannot-send = Krok cannot send messages on { $platforms } right now. What it sends (a cancellation too) will reach people once it can; if someone's consultation is soon, phone them.
desk-cancel-unsure = Booking { $code } was not cancelled: tick “Yes, cancel” beside it first.
desk-not-found = There is no such booking (it may have been cancelled already).
desk-find = Find a booking: code, name or phone number
desk-find-go = Find
desk-find-title = Find a booking
desk-find-short = Type a booking code, at least two letters of a name, or at least four digits of a phone number.
desk-find-none = No booking fits. A name may be written differently in the chat: try part of it, or the phone number.
desk-find-count = { $count ->
    [one] One booking fits.
   *[other] { $count } bookings fit.
}
desk-find-more = More bookings fit than are shown here: type more of the name or the number.
desk-found = Booking { $code } is on this day, marked below.
desk-nav-content = Bot content
desk-directory = Printable service directory
desk-content-loaded = The content in use was loaded { $time }.
desk-reload-none = The content has not been reloaded since the start.
desk-reload-ok = The last reload ({ $time }) worked.
desk-reload-refused = The last reload ({ $time }) was refused; the bot still uses the previous content. To fix:
desk-content-warnings = Warnings in the content in use (it was taken, but check these)
desk-stale = Services checked more than { $days } { $days ->
        [one] day
       *[other] days
    } ago
desk-stale-none = Every service was checked within the last { $days } { $days ->
        [one] day
       *[other] days
    }.
desk-nav-links = Links and cards
desk-link-step = Step of the dialog
desk-link-lang = Language
desk-link-tag = Referral tag (e.g. mops)
desk-link-make = Make the link
desk-link-code = Code (on Matrix the person types it as their first message)
desk-link-qr = Download the QR code (PNG)
desk-link-card = Printable A6 card
desk-link-no-step = There is no step “{ $step }” in the dialog: the address you opened may be older than the content. Choose a step from the list.
desk-link-no-lang = Choose the link's language from the list.
desk-link-bad-tag = A referral tag may have up to 20 characters: Latin letters, digits, “-” and “_”, for example mops-nowa-huta.
desk-link-no-platform = Krok is connected to neither Telegram nor Matrix, so a link has nowhere to lead. Please tell whoever runs Krok.
desk-link-no-name = Krok could not check its name on Telegram, which the link needs. Try again in a minute; if it keeps happening, please tell whoever runs Krok.
desk-link-failed = The link could not be made. Try again; if it keeps happening, please tell whoever runs Krok.
desk-nav-stats = Figures
desk-stats-title = Demand from { $from } to { $to }
desk-stats-from = From
desk-stats-to = To
desk-stats-rule = Counts below { $n } are shown as “<{ $n }” and get no bar, so that nobody can be picked out.
desk-stats-none = No figures for this period.
desk-bad-date = A date in the address could not be read (dates are written like 2026-11-30), so today's bookings are shown.
desk-stats-bad-date = A date in the address could not be read (dates are written like 2026-11-30), so the figures from { $from } to { $to } are shown.
desk-stats-too-long = A period can be at most 400 days long, so the figures start on { $from }.
desk-stats-figures = The figures as a table
desk-stats-what = What
desk-stats-count = Count
desk-chart-per-day = Conversations started per day
desk-chart-platform = Conversations by platform
desk-chart-lang = Conversations by language
desk-chart-tag = By referral tag
desk-chart-node = Steps opened most
desk-chart-service = Services shown most
desk-chart-crisis = Crisis answers by platform
desk-chart-booked = Bookings by kind
desk-chart-cancelled = Cancellations by kind
desk-col-outcome = How it went
desk-outcome-done = took place
desk-outcome-not_reached = person not reached
desk-mark-done = Took place
desk-mark-not_reached = Not reached
desk-mark-clear = Undo the mark
desk-marked = Booking { $code }: { $outcome }.
desk-unmarked = Booking { $code } has no mark now.
desk-not-marked = Only a confirmed booking can be marked (this one may have been cancelled).
desk-not-yet-marked = How a consultation went can be marked only once its time has come.
desk-cancel-failed = Booking { $code } could not be cancelled, it is still in place. Try again, or write /cancelbooking { $code } to the bot.
