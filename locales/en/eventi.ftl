# Events (flows/eventi.yaml)

eventi-title = Events
eventi-pubblicare = Publish an event
eventi-consiglio = Town council
eventi-diretta = Watch live

eventi-info =
    Events in the municipality of Esempio
    The calendar of events, exhibitions, shows, markets and initiatives is published on the Comune's website, in the "Eventi" (events) section, and updated every week by the Culture Office. For each event you find the date, time, place, cost and how to book, if needed.
    The main events are also announced on the Comune's official social media channels and on the municipal notice boards and in the library.
    To receive the weekend programme every Friday, you can subscribe to the newsletter on the website.

eventi-pubblicare-info =
    Publishing an event
    Associations, schools and organisers can ask to publish an event open to the public in the Comune's calendar, free of charge. Send the online form at least 15 days in advance, with title, date, time, place, a short description, contacts and an image.
    To ask for the Comune's patronage, apply at least 30 days in advance.
    If the event uses public land or includes music, stalls or food and drink, you also need the permits of the One-Stop Shop for Businesses (SUAP).
    Culture and Events Office: Via Dante 4, phone 0123 456770, email cultura@comune.esempio.it.

eventi-consiglio-info =
    Town council
    Town council meetings are public: they are held in the Council Chamber of the Town Hall, Piazza del Municipio 1, and streamed live on the Comune's website, where the recordings remain available.
    The notice of each meeting with its agenda is published on the online official notice board (Albo pretorio) and on the town council page at least 5 days before. Approved resolutions are published on the Albo pretorio.
