# Social services (flows/servizi-sociali.yaml)

servizi-sociali-title = Social services
servizi-sociali-famiglie = Family support
servizi-sociali-anziani = Older people
servizi-sociali-disabilita = Disability services
servizi-sociali-isee = How to get ISEE
servizi-sociali-appuntamento = Social worker
servizi-sociali-inps = INPS website

servizi-sociali-menu =
    Social Services, Via Mazzini 3. Phone 0123 456760, Monday to Friday 9:00 to 12:30.
    We support families, older people and people with disabilities. To look at your situation together, you can ask for a meeting with a social worker.
    If you or someone else is in danger, call 112. For violence or stalking you can call 1522, free of charge and open 24 hours a day.

servizi-sociali-famiglie-info =
    Support for families
    - Financial support for families in difficulty: on request, after a meeting with a social worker and based on ISEE.
    - Rent support: a yearly call for people with a registered rental contract and a low ISEE; the deadline is below.
    - Municipal maternity allowance: for mothers without other social security cover, or with reduced cover, within the ISEE threshold set each year. Apply to the Comune within 6 months of the child's birth or arrival in the family.
    - Single universal child allowance (assegno unico): apply to INPS, online or through a patronato (free advice centre).
    - Social bonuses for electricity, gas and water: applied automatically to your bills if your ISEE is within the threshold, with no application needed.

servizi-sociali-anziani-info =
    Services for older people
    - Home care: help at home with personal care and light housework, by qualified staff.
    - Meals on wheels: lunch delivered to your home from Monday to Saturday.
    - Personal alarm (telesoccorso): a device to call for help 24 hours a day at the press of a button.
    - Social transport: rides to medical appointments and therapy, with partner volunteer associations.
    - Day centre for older people, Via Mazzini 5: activities and company from Monday to Friday.

    The family's contribution depends on ISEE. To access these services you first meet a social worker, who assesses the needs together with the person and the family.

servizi-sociali-disabilita-info =
    Services for people with disabilities
    - Educational support at school and dedicated school transport, on request of the family and the school.
    - Home care and social transport.
    - Grants to remove architectural barriers in private homes (Law 13/1989): apply by 1 March each year, before the works start.
    - Badge for vehicles serving people with disabilities: apply to the Local Police.
    - Civil disability and Law 104: apply to INPS with a doctor's certificate, also through a patronato; Social Services can help you find your way.

    For a personalised plan, ask for a meeting with a social worker.

servizi-sociali-isee-info =
    ISEE
    ISEE measures a household's financial situation and is needed for reductions and benefits (school meals, school bus, grants, bonuses). The Comune does not issue it: you get it by submitting the DSU (single self-declaration), free of charge:
    - online on the INPS website, with SPID, CIE or CNS, also in the pre-filled version;
    - at a CAF (tax assistance centre), by appointment.

    You need details for every household member: identity documents and tax codes, rental contract, income, balances and average holdings of bank accounts at 31 December two years earlier, vehicle plate numbers, property details.
    ISEE expires on 31 December: renew your DSU early in the year so you do not lose your reductions.

servizi-sociali-appuntamento-info =
    Meeting a social worker
    The social help desk (segretariato sociale) is open without appointment on Tuesdays from 9:00 to 12:00, at Via Mazzini 3: you can explain your situation and get first information.

    To book a meeting with a social worker:
    - phone 0123 456760, Monday to Friday 9:00 to 12:30;
    - email servizisociali@comune.esempio.it, leaving a phone number.

    You can also write your request here to an operator of Social Services. To protect your privacy, please do not write health information in the chat: you will discuss it in person with the social worker.
