# Booking a consultation in the chat (dialogs/booking.toml).

booking-kind-legal = Free legal advice (Migrant Info Point)
booking-how-legal = This booking is for the Migrant Info Point's free legal advice, given by phone on Thursdays 16:00–19:00. The duty consultants see your booking in their list. At your time, call one of the duty numbers below. You can also call during duty hours without a booking.

opt-book = 📅 Book a time
nav-bookings = 📅 My bookings
book-later = Later times ▶
book-earlier = ◀ Earlier times

# A slot as a button or in a sentence: "Thu 3 Dec, 16:00".
book-when = { $weekday ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    } { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }, { $time }

book-slots = { $kind }: the advice is given by phone — at the time you choose, you call the duty number. Choose a time that suits you:
book-none = { $kind }: there are no free times in the coming weeks. Please call and ask:
book-taken = Sorry, someone has just taken that time. Here are other free times:
book-said-none = { $day ->
        [yes] Sorry, there is no free time at { $time } on that day.
       *[no] Sorry, there is no free time at { $time } in the coming weeks.
    }
book-said-several = { $time } is free on different days:
book-day-none = Sorry, there is no free time on that day.
book-day-several = Free times on that day:
book-held = I'm keeping { $when } for you for { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }. What first name or initials should I book it under? The consultant will ask for them when you call.
book-name-invalid = Please write just a first name or initials, up to 40 letters. If you are in danger or things are very hard right now, call { $emergency } or the 24/7 crisis line { $line }.
book-contact = How should we reach you if something changes?
book-contact-chat = 💬 Here in this chat
book-contact-phone = 📞 By phone
book-phone = Please type your phone number, with the country code.
book-phone-invalid = I couldn't read that number. Please type it with the country code first: +48 and the 9 digits of a Polish number, or +380 and the 9 digits of a Ukrainian one (without the leading 0). If you are in danger or things are very hard right now, call { $emergency } or the 24/7 crisis line { $line }.
book-phone-read = Your number: { $phone }. If it is wrong, type it again.
book-name-corrected = Name corrected: { $name }.
book-enough = You already have { $count } { $count ->
        [one] consultation
       *[other] consultations
    } booked, the most one person can have at a time. To book another time, first cancel one of them:
book-also = You already have a consultation booked: { $when }. To move it, choose the new time below, then cancel the old booking in “My bookings”. If you need another consultation as well, just choose a time.
# Answers to questions about the consultation ("is it free?", "in Ukrainian?", "what to bring?").
book-q-free = Yes, the consultation is free.
book-q-langs = Languages of the consultation: { $langs }.
book-q-length = One booked time is { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } with the consultant.
book-q-bring = Keep the documents and letters your question is about close at hand (a contract, a decision or a letter from an office), and write down beforehand what you want to ask.
lang-word-uk = Ukrainian
lang-word-pl = Polish
lang-word-en = English
lang-word-ru = Russian
book-private = So that others in this group don't see your name, number or bookings, booking works only in a private chat with me. Please message me directly.
crisis-private = If you'd rather talk without others in this group reading, message me privately: there only you will see my answers.
forget-private = I won't delete anything from here: everyone in this group would read the answer. Write “forget me” or /forget to me in a private chat and I will delete everything I keep about you.
book-consent = To book, Krok keeps your name, how to reach you and the time of your consultation (only the people who keep the bookings and give the consultations see them), and deletes them { $days } { $days ->
        [one] day
       *[other] days
    } after it. You can cancel at any time, or delete everything by writing “forget me” or /forget.
book-agree = ✅ I agree, book it
book-drop = ✖️ Don't book
book-dropped = All right, nothing is booked.
book-confirmed = Booked: { $when }. Your booking code is { $code }; please keep it.
book-expired = { $minutes ->
        [one] The { $minutes } minute I kept that time for you has passed.
       *[other] The { $minutes } minutes I kept that time for you have passed.
    } Please choose a time again:

bookings-none = You have no bookings.
bookings-list = Your bookings:
bookings-line = { $when } – { $kind }, code { $code }
bookings-line-phones = { $when } – { $kind }, code { $code }. At that time, call one of the duty numbers: { $phones }.
bookings-cancel = ✖️ Cancel { $when }
bookings-cancel-ask = Cancel your consultation: { $when }, { $kind }? Its time will go to someone else.
bookings-keep = ↩️ No, keep it
bookings-cancel-sure = ✖️ Yes, cancel it
bookings-kept = All right, your consultation stays booked.
booking-cancelled = Your booking for { $when } is cancelled.
booking-gone = That booking no longer exists.
booking-cancelled-by-staff = We are sorry, but your consultation had to be cancelled: { $when }, { $kind }. To book another time, type “lawyer” and choose “{ opt-book }”.
booking-cancelled-by-staff-why = We are sorry, but your consultation had to be cancelled: { $when }, { $kind }. The caseworker's note:
    { $reason }
    To book another time, type “lawyer” and choose “{ opt-book }”.
reminder-day = Reminder: tomorrow ({ $when }) you have a consultation: { $kind }. At that time, call one of the duty numbers: { $phones }. Your code is { $code }.
reminder-hour = Reminder: in one hour, at { $time }, you have a consultation: { $kind }. At that time, call one of the duty numbers: { $phones }. Your code is { $code }.
reminder-cancel = ✖️ Cancel this booking

# Only for caseworkers (configured in krok.toml); others never see these.
staff-day = Bookings on { $date }: { $count }
staff-line = { $time } · { $kind } · { $lang } · { $name } · { $contact } · { $code }
staff-contact-chat = in the chat
staff-cancelled = Booking { $code } is cancelled; the person is being sent a message about it.
staff-not-found = There is no booking with the code { $code }.
staff-note-too-long = Nothing was cancelled: the note is { $count } characters long, and it may have at most { $max } characters so that it reaches the person whole. Please shorten it and send the command again.
staff-already-cancelled = Booking { $code } was already cancelled ({ $when }) { $by ->
    [person] by the person themselves. Nothing was sent now.
   *[caseworker] by a caseworker, and the person was told then. Nothing more was sent.
}
staff-help = Caseworker commands: /day 2026-12-03 lists that day's bookings; /cancelbooking CODE cancels one and tells the person. /desk sends a one-time link to the desk in your browser.
desk-link = Your link to the Krok caseworker desk: { $link }
    It is valid for { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } and opens only once. Don't forward it to anyone.
desk-off = The caseworker desk is not enabled on this server.
my-id = Your id in Krok: { $id }. If you are a caseworker, give it to the person who runs Krok so they can add you to the caseworkers' list.
forgotten-booking = Your consultation on { $when } is cancelled too; that time is now free for someone else.
book-held-again = I'm keeping { $when } for you again, for { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }. Booking it under the name { $name }.
