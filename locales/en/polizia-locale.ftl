# Local police (flows/polizia-locale.yaml)

polizia-locale-title = Local police
polizia-locale-multe = Fines
polizia-locale-ricorso = Appeals
polizia-locale-ztl = ZTL permits
polizia-locale-oggetti = Lost property
polizia-locale-contrassegno = Disabled badge

polizia-locale-menu =
    Local Police Headquarters (Comando di Polizia Locale), Via Garibaldi 20.
    Counter: Monday to Saturday 8:30 to 12:30; Tuesday and Thursday also 15:00 to 18:00. Phone 0123 456750.
    Here you find information about fines, appeals, limited traffic zone (ZTL) permits, the parking badge for people with disabilities and lost property.
    For an emergency or an accident, call 112.

polizia-locale-multe-info =
    Fines: how to pay
    If you pay within 5 days of the notification of the fine or of being stopped on the road, the amount is reduced by 30%. The reduction does not apply to offences that involve confiscation of the vehicle or suspension of the driving licence.
    Within 60 days you pay the amount shown on the fine; after 60 days the amount increases.

    How to pay, with the pagoPA notice code printed on the fine:
    - online on the Comune's pagoPA portal or with the IO app;
    - at a bank, post office or tobacconist;
    - at the Local Police counter, by debit or credit card.

    If the offence takes points off a driving licence and you were not driving, send the driver's details within 60 days with the form attached to the fine.
    Photos of offences recorded by speed cameras and traffic gates can be viewed online with the fine number and the plate number.

polizia-locale-ricorso-info =
    Appealing against a fine
    If you think the fine is wrong, you can choose one of these two ways, not both:
    - appeal to the Justice of the Peace (Giudice di Pace) within 30 days of notification or of being stopped; a court fee of 43 euros applies;
    - appeal to the Prefect (Prefetto) within 60 days, free of charge; submit it at the Local Police Headquarters or at the Prefecture, also by registered letter with return receipt or by certified email (PEC).

    Once you pay the fine you can no longer appeal. If the appeal to the Prefect is rejected, the amount due may double.
    For questions about a fine, even without appealing, write to polizialocale@comune.esempio.it giving the fine number and the plate number.

polizia-locale-ztl-info =
    ZTL permits (limited traffic zone)
    The historic centre ZTL is active every day from 8:00 to 20:00; electronic gates record the plates of vehicles without a permit.

    Residents of the ZTL: a permit for up to 2 vehicles per household, valid for 2 years, costing 20 euros. Apply online with SPID or CIE, or at the Local Police counter, with:
    - the vehicle registration document (your own vehicle, a cohabiting family member's, or a rental or company vehicle you use);
    - an identity document;
    - the pagoPA payment receipt.

    People with disabilities: with the disabled badge, access is free. Give the Local Police up to 2 plate numbers to authorise; if you enter with another vehicle, or come from another municipality, send the plate number and a copy of the badge to polizialocale@comune.esempio.it within 48 hours.
    Temporary permits for loading and unloading, house moves and hotel guests: apply to the Local Police at least 3 days in advance.

polizia-locale-contrassegno-info =
    Parking badge for people with disabilities
    The badge lets you use reserved parking spaces and enter the ZTL with the vehicle carrying the person with a disability. It is free, personal and valid throughout the European Union.

    Apply to the Local Police, online with SPID or CIE or at the counter, with:
    - the certificate of the local health authority (ASL) forensic medical office stating a significantly reduced ability to walk, or the disability assessment that says so;
    - a recent passport photo;
    - an identity document.

    The permanent badge is valid for 5 years; to renew it, a certificate from your family doctor confirming your condition is enough. For a temporary disability it is issued for the period stated in the certificate.
    It is normally ready within 15 days.

polizia-locale-oggetti-info =
    Lost and found property
    Items found in the municipality are handed in to the Local Police, Via Garibaldi 20, who keep them for one year.
    If you have lost something, ask at the counter or call 0123 456750, describing it precisely; to collect it you need an identity document.
    If you have lost documents, debit or credit cards, block them at once and report the loss to the Carabinieri or the State Police.
