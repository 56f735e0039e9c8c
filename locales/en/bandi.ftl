# Jobs and grants (flows/bandi.yaml)

bandi-title = Jobs and grants
bandi-concorsi = Job competitions
bandi-contributi = Calls for grants
bandi-gare = Tenders
bandi-albo = Official notices
bandi-inpa = inPA portal
bandi-istanze = Online applications
bandi-piattaforma = Tender platform

bandi-info =
    Calls, grants and public competitions
    The Comune publishes calls and notices:
    - on the online official notice board (Albo pretorio), for the whole period required;
    - in the "Amministrazione trasparente" (transparency) section, under "Bandi di concorso" (competitions) and "Bandi di gara e contratti" (tenders and contracts);
    - for job competitions, also on the inPA recruitment portal.
    Each call states the requirements, documents and deadline. The deadline is strict: late applications are not accepted.

bandi-concorsi-info =
    Job competitions: how to apply
    The Comune's public competitions (concorsi) are published on the inPA recruitment portal and in "Amministrazione trasparente", under "Bandi di concorso".
    Applications are online only, on the inPA portal, logging in with SPID, CIE, CNS or eIDAS, by the deadline in the call (usually 30 days after publication). Keep a certified email (PEC) address or digital domicile ready for communications.
    Before applying, check the requirements (qualifications, citizenship, any licences) and, if the call requires it, pay the 10-euro competition fee with pagoPA.
    Dates and places of the exams are published on the inPA portal and on the Comune's website: publication counts as official notice.
    Information: Human Resources Office, phone 0123 456780, email personale@comune.esempio.it.

bandi-contributi-info =
    Calls for grants
    Every year the Comune opens calls for grants to families, students, associations and businesses, for example rent support and scholarships.
    Apply online through the "Istanze online" (online applications) service on the website, with SPID or CIE, by the closing date of the call. Prepare the required documents first: usually a valid ISEE, your rental contract or receipts for expenses.
    If you cannot use the online service, the URP will help you apply during opening hours.

bandi-gare-info =
    Tenders
    Tenders for works, services and supplies are published in "Amministrazione trasparente", under "Bandi di gara e contratti", and run on the Comune's e-procurement platform, where businesses register and submit their bids.
    For questions about a tender, use only the "Comunicazioni" (messages) function of the platform, by the deadline stated in the tender documents.
