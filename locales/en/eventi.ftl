# Events (flows/eventi.yaml)

eventi-title = Events
eventi-pubblicare = Publish an event
eventi-consiglio = Town council
eventi-diretta = Watch live
eventi-luoghi = Library, museum, sport
eventi-prenota = Book a sports facility

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

eventi-luoghi-info =
    Library, museum and sports facilities
    Town library, Via Dante 4: Tuesday to Friday from 9 to 19, Saturday from 9 to 13. The library card is free: you get it at the desk with an identity document. You can borrow up to 5 books for 30 days. You can renew a loan once from the online catalogue, by phone or at the desk.
    Town museum, Piazza del Municipio 3: Tuesday to Sunday from 10 to 18. The ticket costs 5 euros. Entry is free up to 18 years of age and on the first Sunday of the month.
    Swimming pool, gyms and sports grounds: opening hours, courses and prices are on the Comune's website, on the "Impianti sportivi" (sports facilities) page. You can book gyms and sports grounds online from the same page.
    Culture and Events Office: phone 0123 456770, email cultura@comune.esempio.it.
