# Contacts and reports (flows/urp.yaml)

urp-title = Contacts and reports
urp-segnalazioni = Report a problem
urp-reclamo = Complaints
urp-pec = Certified email
urp-accesso-atti = Access to records
urp-privacy = Privacy
urp-invia-segnalazione = Send a report

urp-info =
    Public Relations Office (URP)
    Piazza del Municipio 1, ground floor.
    Hours: Monday to Friday 9:00 to 12:30; Tuesday and Thursday also 15:00 to 17:00.
    Phone: 0123 456700
    Email: urp@comune.esempio.it
    Certified email (PEC): protocollo@pec.comune.esempio.it

    The URP gives information about all the Comune's services, receives reports, complaints and suggestions, and directs you to the competent office.

urp-segnalazioni-info =
    Reporting a problem
    Potholes, street lights out, unsafe trees, water leaks, dumped rubbish: you can report them at any time with the online "Segnalazioni" (reports) service on the website, even without SPID. Give the exact place and, if you can, attach a photo. You will receive a number to follow your report and an answer from the competent office within 30 days.
    You can also report by phone or in person at the URP, during opening hours.
    For immediate dangers (flooded roads, trees fallen on the road, accidents) do not use reports: call 112.

urp-reclamo-info =
    Thank you for telling us: every complaint helps us improve the service.
    Your complaint is taken in charge by a person of the URP, who will give you a case number. If you prefer, you can also make it in writing:
    - online with the "Reclami e suggerimenti" (complaints and suggestions) form on the website, with SPID or CIE;
    - by email to urp@comune.esempio.it or by certified email (PEC) to protocollo@pec.comune.esempio.it;
    - in person at the URP, by filling in the form.

    Give your details, the service concerned, what happened and when. The URP forwards the complaint to the competent office, which answers you in writing within 30 days.
    Suggestions to improve our services are welcome too.

urp-pec-info =
    Certified email (PEC)
    The Comune's PEC address is protocollo@pec.comune.esempio.it.
    A message sent from a PEC mailbox has the same legal value as a registered letter with return receipt: use it for applications, requests and official communications. Attach documents as PDF files, signed and with a copy of an identity document, or digitally signed.
    Messages sent to the PEC address from an ordinary email account may not be accepted: in that case write to urp@comune.esempio.it.
    The records office registers messages on working days.

urp-accesso-atti-info =
    Access to records
    - Access to documents: if you have a direct and concrete interest (for example a building file that concerns you), you can ask to see documents or get a copy (Law 241/1990).
    - Generalised civic access (freedom of information): anyone, without giving reasons, can ask for data and documents of the Comune that are not published on the website (Legislative Decree 33/2013).

    Apply online with SPID or CIE, by certified email (PEC) or at the URP, with the form on the website. The Comune answers within 30 days. Viewing is free; for copies you pay only the copying costs.

urp-privacy-info =
    Privacy and personal data
    This service is run by the Comune di Esempio, the data controller. Conversations are used only to answer your requests; they are kept for the time stated in the privacy notice and then deleted.
    Please do not write in the chat any data your request does not need, especially health information.
    To ask for access to your data or its deletion, or to contact the Data Protection Officer, write to dpo@comune.esempio.it. The full privacy notice is on the website.
