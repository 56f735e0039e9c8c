# Registry office (flows/anagrafe.yaml)

anagrafe-title = Registry office
anagrafe-cie = Identity card
anagrafe-residenza = Change of address
anagrafe-certificati = Certificates
anagrafe-anpr = ANPR online services

anagrafe-menu =
    Registry Office (Servizi Demografici), Piazza del Municipio 1, ground floor: electronic identity card, change of address and certificates.
    Counter hours: Monday to Friday 8:30 to 12:30; Tuesday and Thursday also 15:00 to 17:30.
    Choose a topic or write your question.

anagrafe-cie-info =
    Electronic identity card (CIE)
    You can apply by appointment only, at the Registry Office, Piazza del Municipio 1, ground floor. Book online through the Agenda CIE of the Ministry of the Interior or by phone on 0123 456710.

    Please bring:
    - a recent passport photo (no older than six months), in colour, on a white background;
    - your expired or expiring identity card, or the police report of its theft or loss;
    - your health card with your tax code (codice fiscale).

    Cost: 22.21 euros; 27.37 euros if the previous card was lost, stolen or damaged. You pay at the counter by debit or credit card.
    The card is posted to the address you give within 6 working days. You can renew it in the 180 days before it expires.
    It is valid for 10 years for adults, 5 years from age 3 to 18 and 3 years under age 3. Minors must be present; for the card to be valid for travel abroad, both parents are needed.

anagrafe-residenza-info =
    Change of address (residence)
    You must submit the declaration within 20 days of moving into your new home, also if you are coming from another municipality or from abroad.

    How:
    - online, with SPID or CIE, on the National Registry portal (ANPR);
    - by email to anagrafe@comune.esempio.it or by certified email (PEC) to protocollo@pec.comune.esempio.it, with the signed form;
    - at the Registry Office counter, by appointment.

    You need the identity document and tax code of everyone who is moving, and your right to live in the home (registered rental contract, deed of ownership or loan for use). Bring vehicle plate numbers and your driving licence number too, so they can be updated. Non-EU citizens also attach their residence permit.

    The Local Police check within 45 days that you really live at the address. Your new residence starts from the date of the declaration and, if you hear nothing to the contrary within 45 days, it is confirmed.

anagrafe-certificati-info =
    Registry certificates
    Online, free and with no revenue stamp: with SPID, CIE or CNS you can download your own and your family's certificates (residence, family status, birth, citizenship and others) from the National Registry portal (ANPR).

    At the Registry Office counter, without appointment during opening hours: a 16-euro revenue stamp (marca da bollo) plus a 0.52-euro fee. If the certificate is exempt from stamp duty (for example for pension, adoption, separation or divorce procedures), you must state the use and the legal exemption, and the fee is 0.26 euros. Civil status certificates (birth, marriage, death) are free.

    Please note: public offices and public service providers cannot ask you for certificates; a self-declaration (autocertificazione) is enough.
