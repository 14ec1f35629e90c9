# Krok on paper: the A6 card of `krok link --card` and the directory of `krok export`.
# No emoji here: printers often have no font for them.

# The title of the first step on a card (other steps take the label of their button).
print-start-title = Krok: find help in Kraków
print-card-about = Krok is a free chatbot. In a few steps it shows you where to get help in Kraków.
print-card-scan-telegram = Scan the code with your phone's camera to open a chat with Krok in Telegram.
print-card-scan-matrix = Scan the code with your phone's camera to start a chat with Krok on Matrix (for example in the Element app).
print-card-matrix = On Matrix (for example in the Element app), write to { $bot } and send this code as your first message:
print-card-crisis = In danger or in crisis? Call:

print-export-title = Where to find help in Kraków
print-export-intro = A printed copy of the places the Krok chatbot knows, for when the chat cannot be reached.
print-export-dates = Printed on { $date }. The information was checked on { $checked }.
print-section-crisis = In danger or in crisis
print-section-other = More help in Kraków

print-label-phone = Phone
print-label-address = Address
print-label-email = E-mail
print-label-web = Website
print-label-hours = Opening hours
print-label-languages = Languages

# Opening hours as a weekly schedule: "Mon–Fri 08:00–20:00; Sat 08:00–13:00".
print-hours-247 = 24/7
print-hours-ask = please call and ask
print-hours-some-weeks = { $hours } (not every week)
print-hours-varies = { $days }: the hours change, please call and ask
print-hours-closed-on = closed on { $dates }
print-weekday = { $day ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    }
