# Crisis replies: the bot shows one of these texts, and right after it the phone numbers that fit.

crisis-self-harm = Thank you for telling me. You are not alone, and talking to someone helps. The psychologists at the Crisis Intervention Centre answer day and night, and they also help Ukrainians in Kraków. If you are in danger right now or have already hurt yourself, call 112 now.
crisis-violence = What is happening to you is not your fault. If you or a child are in danger right now, call 112. The line for victims of crime answers day and night. You can get help and, if you need it, a safe place to stay.
crisis-medical = Call 112 now for an ambulance: say where you are and what happened. Stay with the person until help arrives.
crisis-danger = Call 112 now, even if you cannot talk: stay on the line. If you can, get to a safe place with other people around.
crisis-exploitation = An employer may not take your passport or documents, and nobody may force you to work or keep you from leaving. It is not your fault. If you are in danger, call 112; the line for victims of crime helps day and night. You can also ask the Migrant Info Point what to do next.

# Buttons under the crisis replies: short, they must fit on a phone screen.
crisis-go-self-harm = 💬 Talk to someone
crisis-go-violence = 🛡️ Help with violence or abuse
crisis-go-medical = 🆘 More help now
crisis-go-danger = 🆘 More help now
crisis-go-exploitation = 🛡️ Help for victims of crime
