## Short privacy notice at first contact (GDPR Article 13). Editing this text or the full
## notice (common-privacy-notice) shows it again to everyone.

common-privacy-short = Privacy in brief: an automated assistant of the Comune di Esempio, the data controller, answers you, and an operator may take over. Messages are kept for at most 90 days, with identifying data masked. Full notice and your rights: /privacy, /my_data, /delete_my_data

## Your data (/my_data)

common-command-export = Receive the data the Comune keeps about you
common-export-intro = Here is the data the Comune keeps about you in this service. The attached file holds all of it, in JSON format; below are your conversations in readable form. Personal data masked when it was stored appears as a placeholder, for example [codice fiscale].
common-export-citizen = Channel: { $channel }. Language: { $lang }. First contact: { $since }.
common-export-conversation = Conversation { $number }, from { $start } to { $end }:
common-export-citizen-line = { $time } You: { $text }
common-export-bot-line = { $time } Comune: { $text }
common-export-photo-line = { $time } You: (you sent a photo, which the service does not keep)
common-export-subscriptions = Alerts on (/alerts), with the date of your consent: { $topics }.
common-export-empty = No messages kept.
common-export-notes = Internal notes of the Comune's operators about your requests, in the attached file under "internal_notes": { $count }. They are the office's working notes, not messages sent to you.
common-export-other = The attached file also holds { $count } other records: replies sent, ids of the messages received and log events, without message text.
common-export-truncated = The text is too long for the chat and stops here: the attached file holds all the data.
