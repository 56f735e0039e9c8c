# Common texts: used by Sportello itself (commands, misunderstandings, hand-off to an
# operator, dates) and the labels of choices that recur in the flows.
# Tone: polite and plain, no emoji, no abbreviations.

## Help and misunderstandings

common-help =
    I am the digital assistant of the Comune di Esempio (the municipality of Esempio). I can give you information about municipal services, deadlines and emergency numbers, and pass your request to an operator of the competent office.
    Write your question in simple words, for example "when is the waste tax due?", or choose a topic from the menu.

    Commands (the Italian names work too):
    - /menu: the main menu
    - /operator (/operatore): talk to an operator
    - /emergency (/emergenza): emergency numbers
    - /language (/lingua): choose the language (English or Italian)
    - /cancel (/annulla): cancel the current request and go back to the assistant
    - /source (/fonte): the source of the last answer and when it was checked
    - /calendar (/calendario): the upcoming deadlines in a file for your phone's calendar
    - /alerts (/avvisi): choose the alerts of the Comune you receive, such as deadline reminders
    - /stop: turn off all alerts
    - /privacy: the privacy notice
    - /my_data (/i_miei_dati): receive the data the Comune keeps about you
    - /delete_my_data (/cancella_dati): delete the data of your conversations
    - /help (/aiuto): this message

    In an emergency, call 112 straight away.

common-did-you-mean = Were you looking for one of these topics?
common-none-of-these = None of these

## Choice labels (20 characters at most)

common-main-menu = Main menu
common-operator = Talk to an operator
common-back = Back
common-end = I'm done
common-deadlines = Deadlines
common-pay-online = Pay online
common-book-online = Book online

## Language

common-language-choose =
    In quale lingua preferisce continuare?
    Which language would you like to use?
common-language-it = Italiano
common-language-en = English
common-language-set = All right, I will write to you in English from now on.

## Deadlines and sources

common-deadlines-header = Upcoming deadlines:
common-deadline-line = - { $date }: { $title }
common-deadlines-none = There are no upcoming deadlines for this topic at the moment.
common-calendar =
    Here { $count ->
        [one] is the next deadline
       *[other] are the next { $count } deadlines
    } of the Comune in a file to open with the calendar of your phone or computer. For each deadline, the calendar will remind you of the date a week before and the day before.
common-calendar-none = There are no upcoming deadlines of the Comune at the moment.
common-calendar-name = Deadlines of the Comune di Esempio
common-calendar-reminder = Deadline of the Comune: { $title }
common-calendar-file = comune-deadlines.ics
common-source = Source: { $url }
# An image shown in words, where the channel cannot show it (the terminal chat, a failed send).
common-image = [Image: { $alt }]
common-source-verified = Source: { $url } — checked on { $date }
common-source-none = No source is given for this answer. To confirm it, you can write to the Public Relations Office with /operator.

## Greeting of the first answer, by the time of day (Rome time)

common-greeting = { $part ->
        [evening] Good evening.
       *[day] Good morning.
    }

## Hand-off to an operator

common-handoff-open =
    Thank you, I have passed your request to an operator.
    Office: { $office }
    We will answer you here as soon as possible. To go back to the digital assistant, write /cancel.

common-handoff-closed =
    Thank you, your request has been registered.
    Office: { $office }
    The office is closed at the moment: an operator will answer you here when it opens again, on { $opens }.
    In an emergency, call 112 straight away.

common-handoff-never =
    Thank you, your request has been registered.
    Office: { $office }
    No opening hours are set for this office. To get an answer, please contact the Public Relations Office (URP): phone 0123 456700, email urp@comune.esempio.it.

common-handoff-case = Your request number is { $case }: please quote it if you contact the office.
common-handoff-cancelled = All right, the request to the operator is cancelled and the digital assistant is answering you again.
common-handoff-waiting = Thank you, your request is waiting for an operator (office: { $office }), who will answer you here as soon as possible. To go back to the digital assistant, write /cancel.
common-handoff-waiting-closed = Thank you, your request is registered (office: { $office }). The office is closed now: an operator will answer you here when it opens again, on { $opens }. To go back to the digital assistant, write /cancel.
common-handoff-taken = An operator is following your request and answers you in this conversation. To go back to the digital assistant, write /cancel.

## End of the conversation and service messages

common-goodbye = Thank you for writing to the Comune di Esempio. If you need anything else, write to us at any time. Goodbye.
common-unsupported-input = Sorry, I can only read text messages and the options offered. To send documents or photos, please use the official channels of the Comune, such as certified email (PEC) or the online services on the website.
common-message-too-long = Your message is too long. Could you write your question more briefly?
common-choice-expired = That option is no longer available. This is where we are:
common-flows-updated = The information for this service has been updated: here is where to start again.

## Dates (the values arrive already written: day and year in digits)

common-month-1 = January
common-month-2 = February
common-month-3 = March
common-month-4 = April
common-month-5 = May
common-month-6 = June
common-month-7 = July
common-month-8 = August
common-month-9 = September
common-month-10 = October
common-month-11 = November
common-month-12 = December

common-weekday-1 = Monday
common-weekday-2 = Tuesday
common-weekday-3 = Wednesday
common-weekday-4 = Thursday
common-weekday-5 = Friday
common-weekday-6 = Saturday
common-weekday-7 = Sunday

common-date = { $day } { $month } { $year }
common-opening = { $weekday } { $date } at { $time }

## Descriptions of the commands in Telegram's menu

common-command-menu = Show the main menu
common-command-help = Explain what the assistant can do
common-command-operator = Ask to talk to an operator
common-command-emergency = Show the emergency numbers
common-command-language = Change the language
common-command-cancel = Cancel the request and go back to the menu
common-command-source = Show the source of the last answer
common-command-calendar = The deadlines in your phone's calendar
common-command-privacy = Privacy notice

## Privacy notice (/privacy). Keep in step with docs/privacy.md.

common-privacy-notice =
    Privacy notice (Articles 13 and 14 of Regulation (EU) 2016/679, GDPR)
    Controller: Comune di Esempio, Piazza del Municipio 1. Data protection officer (DPO): dpo@comune.esempio.it.
    Purpose and legal basis: answering your requests for information and passing them to the competent office, as a task carried out in the public interest (GDPR Article 6(1)(e)).
    What data: the identifier the messaging platform gives your account, the language you chose and the messages of the conversation. Tax codes, IBANs, phone numbers, e-mail addresses, payment cards and document numbers are masked before they are stored. Please do not write health data or other special categories of data: if you do, the conversation is kept for a shorter time.
    How long: conversations with the assistant are deleted 30 days after the last message; those passed to an operator after 90 days; those with special categories of data after 7 days. Technical logs without message content are kept for up to one year.
    Alerts: if you turn on alerts with /alerts, the Comune keeps the topics you chose, the date and the version of the consent text while they stay on (your consent, GDPR Article 6(1)(a)). You turn them off at any time with /stop. They end after 12 months without messages from you. If you ask it to remember your waste collection zone, the Comune keeps only the zone, never your address, until you delete your data.
    Who answers: an automated assistant that follows texts approved by the Comune; an operator of the competent office may take over the conversation. No decision about you is taken by automated means.
    Platforms: Telegram and WhatsApp are third-party services that process data under their own privacy notices; the Comune does not control the data they keep.
    Your rights: access, rectification, erasure, restriction and objection (GDPR Articles 15-21), by writing to the DPO. You may also lodge a complaint with the Italian data protection authority, the Garante per la protezione dei dati personali (www.garanteprivacy.it).

## Data erasure (/delete_my_data)

common-command-erase = Delete the data of your conversations
common-erase-confirm = Do you want to delete all the data the Comune keeps about your conversations with this service? Deletion is final; requests already passed to an office can no longer be followed in this channel.
common-erase-yes = Yes, delete
common-erase-no = No, keep
common-erase-done = Thank you. The data of your conversations has been deleted. Receipt number: { $receipt }. You can quote it when writing to the DPO (dpo@comune.esempio.it).
common-erase-cancelled = Thank you, your data has not been deleted.

# A question the assistant cannot answer.
common-out-of-scope =
    Sorry, I have no information on this. You can contact the office below, choose a topic from the main menu or ask to talk to an operator.
    { $office }: { $contacts }.
    If you or someone else is in danger, call 112 immediately.
common-out-of-scope-contacts = phone { $phone }, email { $email }

# The service's netiquette.
civility-netiquette =
    Thank you for writing to us. This service of the Comune answers everyone with respect and asks the same: offensive, threatening, discriminatory or advertising messages are not allowed. Criticism is welcome: if something did not work, you can make a complaint to the URP.
civility-cooldown =
    Because of repeated messages against the rules of the service, the assistant will answer again in 15 minutes. In an emergency call 112.
