## Short privacy notice at first contact (GDPR Article 13). Editing this text or the full
## notice (common-privacy-notice) shows it again to everyone.

common-privacy-short =
    Privacy in brief. You are answered by an automated assistant of the Comune di Esempio, the data controller (data protection officer: dpo@comune.esempio.it); an operator of the competent office may take over the conversation.
    We process your messages to answer your requests, as a task carried out in the public interest. Conversations are kept for 30 days after the last message, 90 days if passed to an operator, 7 days if they contain health data; tax codes, IBANs, phone numbers and other identifiers are masked.
    Telegram and WhatsApp are third-party platforms. You can receive your data with /my_data, delete it with /delete_my_data and lodge a complaint with the Garante per la protezione dei dati personali. Full notice: /privacy

## Your data (/my_data)

common-command-export = Receive the data the Comune keeps about you
common-export-intro = Here is the data the Comune keeps about you in this service. The attached file holds all of it, in JSON format; below are your conversations in readable form. Personal data masked when it was stored appears as a placeholder, for example [codice fiscale].
common-export-citizen = Channel: { $channel }. Language: { $lang }. First contact: { $since }.
common-export-conversation = Conversation { $number }, from { $start } to { $end }:
common-export-citizen-line = { $time } You: { $text }
common-export-bot-line = { $time } Comune: { $text }
common-export-empty = No messages kept.
common-export-notes = Internal notes of the Comune's operators about your requests, in the attached file under "internal_notes": { $count }. They are the office's working notes, not messages sent to you.
common-export-other = The attached file also holds { $count } other records: replies sent, ids of the messages received and log events, without message text.
common-export-truncated = The text is too long for the chat and stops here: the attached file holds all the data.
