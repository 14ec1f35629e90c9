# Texts the bot itself uses, whatever the dialog files say.

# The first screen when the bot does not know the person's language yet: it is the same
# in every locale, one line per language.
lang-choose = Оберіть мову · Wybierz język · Choose your language · Выберите язык
    🆘 { $emergency } · { $line } (24/7)
lang-name-uk = Українська
lang-name-pl = Polski
lang-name-en = English
lang-name-ru = Русский

nav-back = ⬅️ Back
nav-restart = 🏠 Main menu
nav-lang = 🌐 Language
nav-continue = ↩️ Continue where I was

reask = Sorry, I didn't quite get that. Please choose one of the options below or type its number.
reask-number = There is no option with that number. Type a number from 1 to { $count }, or choose below.
reask-typed = Sorry, I didn't quite get that. If things are very hard right now or you are in danger, call { $emergency } or the 24/7 crisis line { $line }. If not, choose one of the options below.
reask-again = I'm here, and I want to help. It's easiest for me to understand an option's number (for example 2) or a few words such as “lawyer”, “housing” or “work”. If you are in danger or things are very hard, call { $emergency } or the 24/7 crisis line { $line }: they answer day and night.
crisis-reask = I'm only a bot and can't talk the way a person can, but I have read what you wrote. At { $line } real people answer, day and night: you can call and simply say that things are hard. If you are in danger, call { $emergency }. Below you can choose what to do next.
crisis-reask-again = I'm here, and I'm sorry I can't answer you the way a person could. At { $line } real people will listen, day and night, and you can ask them about anything that worries you. If you are in danger, call { $emergency }.
crisis-reask-emergency = I'm only a bot and can't help the way a dispatcher can. If nobody has called yet, call { $emergency } now: it is free from any phone. Say what happened and where you are; if you don't know the address, name the street, a shop or a stop you can see. If you can't speak, ask someone nearby to call for you.
crisis-reask-emergency-again = I'm here, but right now only people can help. Call { $emergency } and stay on the line until the dispatcher says you can hang up. When the danger has passed and things feel hard, the crisis line { $line } answers day and night.
crisis-still = If you are in danger, call { $emergency }. The crisis line answers day and night: { $line }.
crisis-again = I'm here, and I'm reading what you write. Please don't stay alone with this: call now, real people answer there, day and night. If you are in danger right now, call { $emergency }.
help-here = I'm here to help. If you are in danger, call { $emergency }. A real person answers day and night on { $line }. Choose below what you need, or tell me in a few words what happened.
crisis-thanks = Take care of yourself. If things get hard again, people at { $line } answer day and night, and you can write to me any time.
stale-button = That button is from an earlier step. Here is where we are now:
stale-number = That number was for an earlier list, so I have not chosen anything from it. If you need help right now, call { $emergency } or the 24/7 crisis line { $line }. Here is where we are now:
content-changed = This guide has just been updated and that step no longer exists. Let's start again from the beginning:
content-changed-back = This guide has just been updated and that step no longer exists. Here is the step before it:
link-outdated = The link you opened leads to a part of the guide that is no longer here. Here is the main menu; everything else is still in it:
non-text = Sorry, I can only read text: I can't open voice messages, photos, stickers or locations. Please type a few words or choose an option below. If you are in danger, call { $emergency }. The crisis line answers day and night: { $line }.
non-text-again = I can't open this either: I can only read text. Type a few words or the number of an option. If you are in danger, call { $emergency } or the crisis line, day and night: { $line }.
crisis-alert = If you are in danger or thinking of hurting yourself, please call now. These lines answer day and night, and you are not alone.
forgotten = Done. I have deleted everything I kept about you: your language, your place in the conversation and any bookings. The messages in this chat stay in your chat app; if you don't want anyone to see them, delete the chat there. Write to me whenever you want to begin again.
forget-failed = I couldn't delete everything just yet. I'll keep trying and let you know here as soon as it's done.
help = I help you find the right place in Kraków: a crisis line, free legal advice, or a way to help others. Choose the options, or type their number.
    If you are in danger, call { $emergency }. The crisis line answers day and night: { $line }.
    Commands you can use at any time:
    “menu” or /start: main menu
    “back” or /back: previous step
    “language” or /lang: change the language
    “my bookings” or /bookings: your bookings
    “forget me” or /forget: delete everything I keep about you
    /help: this message
thanks-reply = You're welcome! If you need anything else, choose an option below.
ok-reply = All right. If you need anything else, choose an option below.
error = Something went wrong on our side, sorry. Please try again in a moment. If you need help right now, call:

# A service card.
svc-open-247 = 🕒 Open 24/7
svc-open-now = 🕒 Open now, until { $time }
svc-open-now-today = 🕒 Open now
svc-closed-opens-today = 🕒 Closed now, opens today at { $time }
svc-closed-opens-tomorrow = 🕒 Closed now, opens tomorrow at { $time }
svc-closed-opens = 🕒 Closed now, opens { $day ->
        [mon] on Monday
        [tue] on Tuesday
        [wed] on Wednesday
        [thu] on Thursday
        [fri] on Friday
        [sat] on Saturday
       *[sun] on Sunday
    } at { $time }
svc-hours-unknown = 🕒 Opening hours: please call and ask
svc-line-open = 📞 The phone line is open now
svc-office = 🏢 Office: { $status }
svc-languages = 🗣 Languages: { $languages }

language-pl = Polish
language-uk = Ukrainian
language-en = English
language-ru = Russian

# Matrix: a message the bot could not decrypt.
undecryptable = Sorry, I could not read your last message: it arrived encrypted with a key I don't have. Please write it again. If you are in danger, call { $emergency }. The crisis line answers day and night: { $line }.
room-shared = There are more people in this room than you and me, so I am leaving it: what you tell me should stay between us. Start a direct chat with me to go on. If you are in danger, call { $emergency }. The crisis line answers day and night: { $line }.
group-welcome = Hello, everyone! I'm Krok. I help you find the right place in Kraków: a crisis line, free legal advice, or a way to help others. In this group I answer messages that mention { $bot } and replies to my messages. Booking a consultation and anything personal work only in a private chat with me, so that the group doesn't read them. If someone is in danger, call { $emergency }. The crisis line answers day and night: { $line }.
# The button of a second need named in the same message ("a bed for tonight and a doctor for my child").
also-step = Also: { $step }
