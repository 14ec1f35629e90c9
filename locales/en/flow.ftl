# The Kraków dialog: one message per step (node-*) and per button (opt-*), see dialogs/flow.toml.
# Button labels are short: they must fit on a phone screen.

node-start = Hello, I'm Krok. I'll help you find the right place in Kraków in a few steps. What do you need?
node-start-again = What do you need?
opt-crisis = 🆘 I need help now
opt-legal = ⚖️ Legal or official matters
opt-donate = 🤝 I want to help
opt-family = 👪 Family, disability, seniors, children
opt-other = 💬 Something else

node-crisis = If your life or someone else's is in danger, call 112 now. The Crisis Intervention Centre answers day and night and also helps in person. What happened?
opt-crisis-victim = I was hurt by a crime or violence
opt-crisis-talk = I need to talk to a psychologist
opt-chat-safety = If someone might read this chat
opt-cant-talk = I can't speak out loud
opt-no-answer = I can't get through

node-crisis-victim = You are not to blame for what happened. These places help people harmed by crime or violence, as well as witnesses and their loved ones:
node-chat-safety = Your safety matters more than any chat. If you are afraid someone will read this chat, first write “forget me” to me and I will delete everything I keep about you: your language, your place in the conversation and any bookings. Then delete this chat in your messaging app. If you are in danger right now, call 112; the line for victims of crime answers day and night:
node-crisis-cant-talk = If you can't speak because someone would hear, ask someone you trust (a neighbour, a friend) to call 112 for you and give them the address. If it is only safe to write, write to me and I will show you where to turn. If you are afraid someone will read this chat, write “forget me” to me, then delete the chat.
node-crisis-no-answer = If you can't get through, try again in a few minutes: lines can be busy. If you are in danger, call 112: it always answers. These lines work day and night:
node-crisis-talk = Talking to someone helps. Here you can get free psychological support:
node-human = I'm a bot, not a person: I tell you where to turn, and I can book you a free consultation with a lawyer. Real people answer day and night at the Crisis Intervention Centre; the number is below. If you are in danger, call 112.

node-legal = What kind of matter is it?
opt-legal-advice = Free legal advice
opt-legal-deportation = If you face deportation
opt-legal-everyday = Documents, school, health, everyday life
opt-legal-benefits = City benefits and forms
opt-legal-business = Starting or running a business
opt-work-rights = Unpaid wages or rights broken at work

node-legal-advice = On Thursdays from 16:00 to 19:00, the Migrant Info Point gives free legal advice by phone. On other days the Point itself can help with many questions:
node-deportation = Whether you can be made to leave Poland depends on your documents and your situation. A lawyer will answer your questions for free and tell you what you can do, including how to appeal a decision. On Thursdays from 16:00 to 19:00 the Migrant Info Point gives free legal advice by phone, and you can book a time below. If someone threatens to have you deported so that you keep working, keep paying or keep quiet, nobody has the right to do that and it is not your fault: the line for victims of crime answers day and night.
node-legal-everyday = I don't have step-by-step instructions for documents such as PESEL or a residence permit, or for enrolling in school. The Migrant Info Point helps with exactly these everyday matters in Kraków: formalities, education, health care, and also discrimination, in Ukrainian and Russian too. The Social Information Centre explains city procedures:
node-legal-benefits = Here they will explain which benefits you can get and help you fill in the forms:
node-legal-business = Advice for foreigners who want to start or run a business, in Ukrainian, Russian and English. Free consultations are booked directly with the City Hall's entrepreneur service point: on its website or at the booking number below.

node-donate = Thank you for wanting to help! What would you like to do?
opt-donate-lviv = Donations for Lviv
opt-donate-host = Host people fleeing the war
opt-donate-volunteer = Volunteer

node-donate-lviv = After Russia attacked Ukraine, Kraków opened a donation point for Lviv, its partner city in Ukraine. I don't have its address or opening hours, nor do I know whether it still collects donations. The Social Information Centre knows the city's current projects: ask there whether and where donations are collected now:
node-donate-host = Kraków once asked residents to let the city know if they could host people fleeing the war in Ukraine; I don't know whether the city still collects such offers. The Social Information Centre knows the city's current projects: ask there whether and how you can offer a place:
node-donate-volunteer = The Multicultural Centre supports activists, organisations and informal groups working with and for foreigners in Kraków. Ask them how you can get involved:

node-family = Who needs support?
opt-family-child-disability = A child with a disability
opt-family-carers = I care for someone with a disability
opt-family-seniors = Seniors
opt-family-hardship = A family in a difficult situation
opt-family-children = Children and parents

node-family-child-disability = Families raising a child with a disability can apply for the Kraków "N" Card, which gives a range of entitlements offered by the city and its private partners:
node-family-carers = While you rest, your loved one is cared for: respite care is free for adults with a severe disability certificate. The Social Welfare Centre (MOPS) helps too:
node-family-seniors = For seniors in Kraków: information about everything the city offers, free help with small repairs at home, and rides to the graves of loved ones at municipal cemeteries:
node-family-hardship = The Social Welfare Centre (MOPS) helps people and families in a difficult situation: low income, old age, disability, loneliness, homelessness, violence. In a crisis, the Crisis Intervention Centre is there day and night:
node-family-children = Kraków supports parents and children. The city is expanding its network of Parents' Clubs (Kluby Rodziców). The Integration Parents' Centre (Integracyjne Centrum Rodziców) offers specialist consultations, educational activities and psychological support. Families raising a child with a disability also get therapeutic and educational support at specialised places such as the Hula Hop Parents' Club (Klub Rodzica „Hula Hop”). The Kraków Family Card 3+ programme (Krakowska Karta Rodzinna 3+) continues, and eleven new nurseries for children under three are being built. I don't have addresses or contacts for these places and programmes, so please ask about them at the Migrant Info Point; it also gives information and advice on education, in Ukrainian and Russian too. The Social Welfare Centre (MOPS) helps families in a difficult situation:

node-other = What can I help you with? If your topic is not in the list, choose “Another question”: I'll tell you where they help with any question.
node-info-points = These places help with many kinds of questions. The Migrant Info Point speaks Ukrainian, Russian, English and Polish:

# New steps for everyday needs (dialogs/flow.toml: housing, food_money, polish, work).

node-housing = If you have nowhere to sleep tonight, call the Crisis Intervention Centre: it answers day and night and, where the situation calls for it, offers shelter in its hostel. If someone is in danger from the cold right now, call 112. The Social Welfare Centre (MOPS) helps people in a difficult life situation, including people without a home. In 2026 the collective accommodation centres for refugees were handed over to the city's social welfare units, so ask MOPS about them:
node-food-money = I don't have a list of places that hand out food, clothes or other aid. The Social Welfare Centre (MOPS) helps people and families in a difficult situation, including those on a low income. The Social Information Centre can tell you which benefits you can get and how to fill in the forms:
node-polish = The city's "Open Kraków" programme (Otwarty Kraków) supports foreigners, from legal advice to language courses. In 2022 the city also named translations and Polish language learning as part of it. I don't know where or when classes take place, so please ask the Migrant Info Point:
node-work = I don't have any job offers. The Migrant Info Point answers questions about everyday life in Kraków, including formalities, so ask them. If you are not being paid or your rights at work are not respected, you can get free advice from a lawyer; that and starting your own business are in the options below:

# Buttons of the "Something else" step (node other) that lead to these steps.
opt-housing = 🛏️ Housing or a place to sleep
opt-food-money = 🍲 Food or money
opt-polish = 📚 Polish and translation
opt-info-points = ❓ Another question
opt-human = 🤖 Who is answering me here?
opt-work = 💼 Work


# Review 9: rent and eviction (node rent), health (node health), and their buttons.
node-rent = If you can't pay the rent or your landlord wants you to move out, ask a lawyer about your rights first: the Migrant Info Point gives free legal advice by phone on Thursdays from 16:00 to 19:00, and you can book a consultation here. The Social Welfare Centre (MOPS) helps people and families in a difficult situation, including those on a low income, and the Social Information Centre tells you which benefits you can get:
opt-rent = 💶 Can't pay the rent, eviction
node-health = I don't have a list of doctors, night clinics or pharmacies. If a child has trouble breathing, cannot be woken, or you are frightened, call 112 now. The Migrant Info Point gives information about health care in Kraków, in Ukrainian and Russian too:
opt-health = 🩺 Health, a doctor
