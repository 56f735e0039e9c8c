# School services (flows/scuola.yaml)

scuola-title = School services
scuola-mensa = School meals
scuola-trasporto = School bus
scuola-portale = School portal

scuola-menu =
    School Services Office, Via Roma 15, first floor: school meals and school transport for the municipality's nursery, primary and lower secondary schools.
    Enrolment and payments are done online on the school services portal, with a parent's SPID or CIE.
    Hours: Monday to Friday 9:00 to 12:30; Tuesday also 15:00 to 17:00. Phone 0123 456740.

scuola-mensa-info =
    School meals
    The service runs in the municipality's nursery and primary schools, Monday to Friday.
    Enrolment: online on the school services portal, with a parent's SPID or CIE, from 3 May to 30 June for the following school year. Late applications are accepted if places are available.

    Price per meal, based on ISEE:
    - up to 6,000 euros: 1.50 euros
    - from 6,000.01 to 12,000 euros: 2.80 euros
    - from 12,000.01 to 20,000 euros: 3.90 euros
    - over 20,000 euros or without ISEE: 4.90 euros
    From the second child enrolled, the price is reduced by 20%. ISEE expires on 31 December: to keep the reduced rate, submit the new one by the deadline shown below.

    Payment: the service is prepaid. Top up your child's account with pagoPA, from the portal or with the IO app; a meal is charged only on days your child attends.
    Special diets: for health reasons with a medical certificate, for ethical or religious reasons with the request form.

scuola-trasporto-info =
    School transport (school bus)
    The service is for primary and lower secondary school pupils who live at least 1 kilometre from their school.
    Enrolment: online on the school services portal, with SPID or CIE, from 3 May to 15 June for the following school year. Later applications are accepted only if there are seats on the route.

    Yearly cost: 250 euros (180 euros from the second child), with reductions based on ISEE. It is paid with pagoPA in two instalments, by 30 November and by 31 March.

    Stops and times: they are published on the website before school starts and sent to the enrolled families. Primary school pupils must be taken to the stop and collected by a parent or an authorised adult; for lower secondary pupils, parents may authorise them to get off on their own.
