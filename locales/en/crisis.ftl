# Crisis replies: the bot shows one of these texts, and right after it the phone numbers that fit.

crisis-self-harm = Thank you for telling me. You are not alone, and talking to someone helps. The psychologists at the Crisis Intervention Centre answer day and night, and they also help Ukrainians in Kraków. If you are in danger right now or have already hurt yourself, call 112 straight away.
crisis-self-harm-other = If the person has already hurt themselves or is in danger right now, call 112 straight away. If you can, and it is safe for you, stay with them and do not leave them alone. You don't have to deal with this alone either: the psychologists at the Crisis Intervention Centre answer day and night, and they also help Ukrainians in Kraków.
crisis-violence = What is happening to you is not your fault. If you or a child are in danger right now, call 112. The line for victims of crime answers day and night. The Crisis Intervention Centre also answers around the clock and, if there is good reason, can offer a place in its hostel. After sexual violence, a hospital emergency department can help you straight away. If you are afraid someone will read this chat, first write “forget me” to me and I will delete what I keep about you; then delete the chat in your messaging app.
crisis-violence-shared = What is happening to you is not your fault. If you or a child are in danger right now, call 112. The line for victims of crime answers day and night. The Crisis Intervention Centre also answers around the clock and, if there is good reason, can offer a place in its hostel. After sexual violence, a hospital emergency department can help you straight away.
crisis-violence-witness = Thank you for not looking away. If someone is being hurt right now, call 112: give the address, say what you hear or see, and whether there are children. Don't step in yourself if it is dangerous. The line for victims of crime and the Crisis Intervention Centre answer day and night: you can pass their numbers on to the person who is being hurt, and they will tell you what else you can do.
crisis-medical = Call 112 now for an ambulance: say where you are and what happened. If it is you who feels very unwell, or you took something, unlock the door if you can and tell someone near you. If it is someone else, stay with them until help arrives.
crisis-child = Call 112 now, it's free. Say your name, how old you are and where you are. If you're outside, go to a police officer, a security guard or someone who works in a shop and tell them you need help. If you're at home, lock the door and don't open it to anyone you don't know.
crisis-child-abuse = It's good that you're telling me, and it's brave. It is not your fault, and you don't have to keep it a secret, even if someone told you to. If you're in danger right now, call 112, it's free: say how old you are, where you are and what is being done to you. Tell an adult you trust: a teacher, the school counsellor, a grandparent or a friend's parent. At the Crisis Intervention Centre someone will listen to you day and night and help you work out what to do next. If you're afraid someone will read this chat, write “forget me” to me and I will delete what I keep about you; then delete the chat.
crisis-child-abuse-shared = It's good that you're telling me, and it's brave. It is not your fault, and you don't have to keep it a secret, even if someone told you to. If you're in danger right now, call 112, it's free: say how old you are, where you are and what is being done to you. Tell an adult you trust: a teacher, the school counsellor, a grandparent or a friend's parent. At the Crisis Intervention Centre someone will listen to you day and night and help you work out what to do next.
crisis-danger = Call 112 now and say where you are. If you can, get to a safe place with other people around.
crisis-exploitation = Nobody has the right to take your passport or documents, to force you to work, to leave your work unpaid, to hit you, to sell you, to force you into sex, or to keep you from leaving. It is not your fault. If you are in danger, call 112; the line for victims of crime helps day and night. You can ask the Migrant Info Point what to do next, including how to get the money you earned.
crisis-missing = Call 112 now and report the person missing. Say when and where they were last seen and what they were wearing, and have a photo of them ready. The Crisis Intervention Centre answers day and night and supports the family too.
crisis-panic = This is very frightening, and it will pass. Breathe out slowly, longer than you breathe in. If there is chest pain or this is new for you, call 112. The Crisis Intervention Centre answers day and night.

# Buttons under the crisis replies: short, they must fit on a phone screen.
crisis-go-self-harm = 💬 Talk to someone
crisis-go-self-harm-other = 💬 Where to find support
crisis-go-violence = 🛡️ Help with violence or abuse
crisis-go-violence-witness = 🛡️ Help for the person being hurt
crisis-go-medical = 🆘 More help now
crisis-go-child = 🆘 More help now
crisis-go-child-abuse = 🛡️ Who else can help
crisis-go-danger = 🆘 More help now
crisis-go-exploitation = 🛡️ Help for victims of crime
crisis-go-missing = 💬 Support for the family
crisis-go-panic = 💬 Talk to someone
