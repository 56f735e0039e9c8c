# Hand-off to an operator: texts for the citizen and for the operators' group.

## For the citizen

handoff-position = Your request is currently number { $position } waiting for this office.
handoff-handed-back = The conversation with the operator has ended. Thank you for writing to us: the digital assistant is answering you again.
handoff-rate = Would you help us improve? How satisfied are you with the help you received, from 1 (not at all) to 5 (very)? You may also skip this.
handoff-rated = Thank you for your rating. If you need anything else, just write to us.
handoff-transferred = Your request has been passed to another competent office: { $office }. An operator will answer you here.
handoff-transferred-closed = Your request has been passed to another competent office: { $office }. The office is closed now: an operator will answer you here when it opens again, on { $opens }.
handoff-signature =
    { $text }

    Comune di Esempio
handoff-signature-named =
    { $text }

    { $name }, Comune di Esempio

## For the operators (operators' group)

operators-topic-name = { $office } { $case }
operators-summary =
    New request { $case }
    Office: { $office }
    Reason: { $reason }
    Citizen's language: { $lang }
    Path: { $path }

    What the citizen wrote:
    { $messages }

    What you write in this topic reaches the citizen, signed by the Comune. Commands: /prendo to take the case, /chiudi to close it, /trasferisci followed by the office, /nota followed by an internal note, /risposte for ready replies.
operators-summary-no-path = (none: the citizen asked for an operator at once)
operators-summary-no-messages = (no written message: only commands or menu choices)
operators-registered-closed = Received while the office was closed: the citizen was told they will be answered at the next opening, { $opens }.
operators-reason-flow = the assistant's path leads to an operator
operators-reason-asked = the citizen asked for an operator
operators-reason-not-understood = the assistant did not understand the request
operators-reason-threat = the message contains a threat: please review
operators-line-citizen = Citizen: { $text }
operators-citizen-says = Citizen: { $text }
operators-emergency = Warning, possible emergency. The citizen wrote: { $text }
    The assistant has already given them the emergency numbers. Check at once whether more is needed.
operators-emergency-general = Warning, possible emergency in request { $case } ({ $office }): read its topic at once.
operators-citizen-photo = The citizen sent this photo.
operators-citizen-sent = The citizen sent something that is not text ({ $what }).
operators-announce = New request waiting: { $case }, { $office }. To take it, write /prendo in its topic.
operators-reminder = Reminder: request { $case } ({ $office }) has been waiting for { $minutes } opening minutes and nobody has taken it yet.
operators-claimed = Request { $case } taken by { $name }.
operators-claimed-already = Request { $case } is already taken by another operator; { $name }, you may still answer the citizen.
operators-closed = Request { $case } closed by { $name }. The citizen goes back to the digital assistant and is asked for a rating.
operators-closed-unanswered = Warning: request { $case } was closed without any answer to the citizen.
operators-cancelled = The citizen cancelled request { $case } and went back to the digital assistant.
operators-transferred = Request { $case } transferred to { $office } by { $name }.
operators-transfer-unknown = Unknown office "{ $office }". Offices: { $offices }.
operators-transfer-suggest = Unknown office "{ $office }". Did you mean { $suggestion }? Write /transfer { $suggestion }.
operators-transfer-same = Request { $case } is already with { $office }: it was not transferred. To pass it to another office, write /transfer followed by its name.
operators-note-saved = Internal note saved. It was not sent to the citizen.
operators-console-reply = { $name } replied from the console: { $text }
operators-console-note = Internal note by { $name } from the console: { $text }
operators-case-closed = Request { $case } is closed: the message was not sent to the citizen.
operators-queue-header = Open requests per office:
operators-queue-line = { $office }: { $waiting } waiting, { $unanswered } taken without an answer
operators-queue-empty = No open requests.
operators-replies-header = Ready replies: write /risposte followed by the name to send one to the citizen.
operators-replies-line = { $id }: { $text }
operators-replies-none = There are no ready replies.
operators-replies-unknown = There is no ready reply named "{ $id }". Write /risposte for the list.
operators-topic-recreated = The previous topic of this request is no longer available: the request continues here.
