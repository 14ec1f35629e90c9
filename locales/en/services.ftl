# Names and descriptions of the services in dialogs/services.toml (svc-<id>, svc-<id>-about),
# and the notes that services.toml names for phones and hours.

svc-emergency-112 = Emergency number 112
svc-emergency-112-about = Police, ambulance, fire brigade: when life or health is in danger. Free, from any phone.

svc-crisis-centre = Crisis Intervention Centre (Ośrodek Interwencji Kryzysowej)
svc-crisis-centre-about = Psychological help for people in crisis, including after violence, loss or trauma; also for Ukrainians staying in Kraków. By phone day and night or in person; if there is good reason, a place in its hostel. You can also write to the centre through a messaging app; ask by phone which one.

svc-krafos = Centre for Victims of Crime (Okręgowy Ośrodek Pomocy Osobom Pokrzywdzonym Przestępstwem, KRAFOS)
svc-krafos-about = Help and support for people harmed by a crime, for witnesses and for their loved ones.

svc-psych-first-aid = First Psychological Aid Centre (Centrum Pierwszej Pomocy Psychologicznej)
svc-psych-first-aid-about = Free psychological help for Kraków residents in a mental crisis. Sign up for a consultation by phone or through the form on the website.

svc-krakow-pomaga = Kraków Pomaga (Kraków helps)
svc-krakow-pomaga-about = The city's online platform, launched during the pandemic. It had a free psychological consultation line for Kraków residents; I don't have its number and don't know whether it still runs.

svc-mops = Municipal Social Welfare Centre (MOPS)
svc-mops-about = Help for people and families in a difficult situation: low income, old age, disability, loneliness, homelessness, violence. Information by phone, e-mail or at the info point.

svc-migrant-info-point = Migrant Info Point
svc-migrant-info-point-about = Information about everyday life in Kraków: education, formalities, health care, culture; help with adapting and with discrimination; legal, psychological and educational consultations.

svc-migrant-legal-duty = Free legal advice (Migrant Info Point)
svc-migrant-legal-duty-about = A lawyer answers your questions by phone, free of charge, on Thursdays. Call one of the numbers below.

svc-multicultural-centre = Multicultural Centre (Centrum Wielokulturowe)
svc-multicultural-centre-about = A place for everyone in Kraków, locals and foreigners: intercultural classes, films, city walks in different languages, workshops; support for activists and organisations working with foreigners.

svc-social-info-centre = Social Information Centre (Miejskie Centrum Informacji Społecznej)
svc-social-info-centre-about = Helps you find your way through city procedures: which benefits you can get, how to fill in the forms, and which projects the city is running now.

svc-business-point = Consultation point for foreign entrepreneurs (Punkt Obsługi Przedsiębiorcy)
svc-business-point-about = A business consultant at the City Hall's entrepreneur service point gives information in Ukrainian, Russian and English.

svc-senior-info = Senior Information Centre (Miejskie Centrum Informacji dla Seniorów)
svc-senior-info-about = Information about everything the city does for older people.

svc-respite-care = Respite care programme (opieka wytchnieniowa)
svc-respite-care-about = Free respite care stays for adults with a severe disability certificate, so that their carers can rest. Applications at the Municipal Care Centre.

svc-zlota-raczka = "Złota rączka" (handyman)
svc-zlota-raczka-about = Free help with small repairs at home for people over 60, above all those living alone or with a disability. Call and say what you need.

svc-meleks = Meleks 80+
svc-meleks-about = A ride by electric cart within the Grębałowski, Prądnik Czerwony and Rakowicki municipal cemeteries to the graves of loved ones, for people over 80 (inside the cemetery, not from home).

svc-karta-n = Kraków "N" Card for families with a disabled child
svc-karta-n-about = Families raising a child with a disability who meet the criteria can apply for a personal card that gives a range of entitlements offered by the city and its private partners.

phone-note-24h = day and night
phone-note-krafos-duty = duty phone, 20:00–08:00
phone-note-psych-signup = sign-up, Monday to Friday 08:00–20:00
phone-note-business-booking = booking a consultation
phone-note-meleks-hotline = hotline, Monday to Friday 08:00–15:00

hours-note-psych-signup = These are the hours of the sign-up line; the centre has four locations in Kraków.
hours-note-migrant-info-point = Also open on the last weekend of each month, 09:00–14:00.
hours-note-meleks = Rides on Mondays, Wednesdays and Fridays, 10:00–14:00.
