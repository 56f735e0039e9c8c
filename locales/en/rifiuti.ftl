# Waste and recycling (flows/rifiuti.yaml)

rifiuti-title = Waste and recycling
rifiuti-calendario = Collection calendar
rifiuti-domani = Tomorrow's collection
rifiuti-ingombranti = Bulky waste
rifiuti-centro-raccolta = Recycling centre
rifiuti-abbandonati = Dumped rubbish
rifiuti-prenota-ritiro = Book a collection

rifiuti-menu =
    Waste collection in the municipality of Esempio: the door-to-door collection calendar, free collection of bulky waste, the recycling centre and reports.
    The service is run by Esempio Ambiente on behalf of the Comune; the Environment Office answers on 0123 456730.

rifiuti-calendario-info =
    Door-to-door collection: collection days
    - Monday: food waste (organic)
    - Tuesday: plastic and metal
    - Wednesday: paper and cardboard
    - Thursday: food waste (organic)
    - Friday: general waste (non-recyclable)
    - Saturday: glass
    - Sunday: no collection

    Put your bins out in front of your home after 20:00 the evening before and by 6:00 on collection day, and take them back in the same day.
    On public holidays collection may move: changes are in the yearly calendar, delivered to every household and published on the website, where you also find the waste guide ("where does it go").
    Nappies and incontinence pads: on request, an extra general waste collection on Tuesdays.

rifiuti-calendario-immagine = Table of the door-to-door collection days: Monday food waste, Tuesday plastic and metal, Wednesday paper and cardboard, Thursday food waste, Friday general waste, Saturday glass, Sunday no collection. Bins out after 20:00 the evening before, by 6:00.

rifiuti-ingombranti-info =
    Free collection of bulky waste
    Furniture, mattresses, household appliances and other large items are collected free of charge from your home, up to 5 items at a time, by booking:
    - online, with the form on the Comune's website;
    - by phone with Esempio Ambiente, 0123 456735, Monday to Friday 8:30 to 12:30.

    On the agreed day, leave the items at street level in front of your house number by 6:00. The service is for households registered for the waste tax (TARI).
    You can also take them to the recycling centre yourself. Leaving waste in the street is forbidden and fined.

rifiuti-centro-raccolta-info =
    Municipal recycling centre
    Via dell'Artigianato 8, in the small-business area.

    Opening hours:
    - Monday and Friday: 14:00 to 18:00
    - Wednesday: 8:00 to 12:00
    - Saturday: 8:00 to 12:30 and 14:00 to 17:00

    Access is free for households of the municipality registered for the waste tax: bring the health card of the person who pays it.
    You can bring, already sorted: bulky items, appliances and electronics (WEEE), grass cuttings and prunings, wood, metal, cooking oil, batteries, toner, paints and small amounts of rubble from home repairs.
    Waste from businesses, asbestos and tyres are not accepted.

rifiuti-abbandonati-info =
    Dumped rubbish
    If you see rubbish dumped in the street or in a public green area, report it with the "Segnalazioni" (reports) service on the Comune's website, giving the exact place and, if you can, a photo. The report goes to the Environment Office, which arranges its removal.
    If you see someone dumping rubbish, call the Local Police on 0123 456750.
    For a broken bin or a missed collection, contact Esempio Ambiente on 0123 456735.

rifiuti-domani-info = Door-to-door collection: the days differ from one zone to another.
