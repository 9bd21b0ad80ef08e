"""The letters' default texts, per letter and language: what migration 0010 writes into
``letter_template`` and what a letter uses while its row is missing. The centre adapts the
stored copies (:mod:`expatdesk.documents.templates`)."""

from __future__ import annotations

#: The default letters: (name, language, subject, body). Paragraphs are separated by a blank
#: line; a paragraph that is only a list placeholder ({documents}) becomes a list.
DEFAULT_TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    (
        "documents-needed",
        "en",
        "Documents still needed for your application",
        "Dear {client_name},\n\n"
        "Thank you for your visit to {centre_name}. To complete your application "
        "({case_subject}) we still need the following documents from you:\n\n"
        "{documents}\n\n"
        "Please bring them to our desk or send them to us, quoting reference {case_ref}. "
        "If you have any questions, we are happy to help.\n\n"
        "Kind regards,\n\n{staff_name}\n{centre_name}",
    ),
    (
        "documents-needed",
        "nl",
        "Documenten die nog nodig zijn voor uw aanvraag",
        "Beste {client_name},\n\n"
        "Hartelijk dank voor uw bezoek aan {centre_name}. Om uw aanvraag ({case_subject}) af "
        "te ronden, hebben wij van u nog de volgende documenten nodig:\n\n"
        "{documents}\n\n"
        "Wilt u ze langsbrengen bij onze balie of ze aan ons sturen, onder vermelding van "
        "kenmerk {case_ref}? Heeft u vragen, dan helpen wij u graag.\n\n"
        "Met vriendelijke groet,\n\n{staff_name}\n{centre_name}",
    ),
    (
        "appointment",
        "en",
        "Confirmation of your appointment",
        "Dear {client_name},\n\n"
        "We are pleased to confirm your appointment at {centre_name}:\n\n"
        "Date: {appointment_date}\nTime: {appointment_time}\nPlace: {place}\n\n"
        "Please bring:\n\n{bring}\n\n"
        "If you cannot come, please let us know in advance, quoting reference {case_ref}.\n\n"
        "Kind regards,\n\n{staff_name}\n{centre_name}",
    ),
    (
        "appointment",
        "nl",
        "Bevestiging van uw afspraak",
        "Beste {client_name},\n\n"
        "Graag bevestigen wij uw afspraak bij {centre_name}:\n\n"
        "Datum: {appointment_date}\nTijd: {appointment_time}\nPlaats: {place}\n\n"
        "Neemt u alstublieft mee:\n\n{bring}\n\n"
        "Kunt u niet komen, laat het ons dan vooraf weten, onder vermelding van kenmerk "
        "{case_ref}.\n\n"
        "Met vriendelijke groet,\n\n{staff_name}\n{centre_name}",
    ),
    (
        "client-overview",
        "en",
        "Your overview at {centre_name}",
        "Dear {client_name},\n\n"
        "Here is an overview of what we are doing for you on {today}.\n\n"
        "Your open cases:\n\n{open_cases}\n\n"
        "Services we delivered to you:\n\n{services}\n\n"
        "Permits that end within a year:\n\n{permits_ending}\n\n"
        "Please check whether this is correct, and let us know when something has changed.\n\n"
        "Kind regards,\n\n{staff_name}\n{centre_name}",
    ),
    (
        "client-overview",
        "nl",
        "Uw overzicht bij {centre_name}",
        "Beste {client_name},\n\n"
        "Hierbij een overzicht van wat wij op {today} voor u doen.\n\n"
        "Uw lopende zaken:\n\n{open_cases}\n\n"
        "Diensten die wij u hebben geleverd:\n\n{services}\n\n"
        "Vergunningen die binnen een jaar aflopen:\n\n{permits_ending}\n\n"
        "Wilt u nagaan of dit klopt, en ons laten weten als er iets is veranderd?\n\n"
        "Met vriendelijke groet,\n\n{staff_name}\n{centre_name}",
    ),
)
