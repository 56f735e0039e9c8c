# Alerts: subscribing to topics (/alerts, /stop) and deadline reminders.
# The topics are in flows/topics.yaml; the deadlines with their reminders in flows/deadlines.yaml.

avvisi-command = Choose the alerts of the Comune you receive
avvisi-command-stop = Turn off all alerts
avvisi-intro =
    You can receive the Comune's alerts here on the topics you choose. Tap a topic to turn it on or off.
    { $topics }
avvisi-consent = By turning a topic on, you agree to receive the Comune's messages about it in this chat. The Comune keeps the topics you chose, the date and the version of this text while the alerts are on. You can turn them off at any time with /stop; after a long time without messages from you they are turned off, and you are told.
avvisi-topic-line = - { $label }: { $description }
avvisi-button-on = On: { $topic }
avvisi-button-off = Off: { $topic }
avvisi-turned-on = Thank you. You turned on the alerts about "{ $topic }".
avvisi-turned-off = You turned off the alerts about "{ $topic }".
avvisi-none = At the moment the Comune sends no alerts in this chat.
avvisi-stop-done = You turned off all alerts. You can turn them on again at any time with /alerts.
avvisi-stop-none = You have no alerts on. To choose one, write /alerts.
avvisi-reminder-today = Reminder from the Comune di Esempio: "{ $title }" is due today, { $date }.
avvisi-reminder-tomorrow = Reminder from the Comune di Esempio: "{ $title }" is due tomorrow, { $date }.
avvisi-reminder-days = Reminder from the Comune di Esempio: "{ $title }" is due in { $days } days, { $date }.
avvisi-reminder-link = Information: { $url }
avvisi-reminder-footer = You receive this message because you turned on the alerts about "{ $topic }". To turn them off write /alerts, or /stop for all.
avvisi-ended-inactive = We have not heard from you for a long time: to respect your privacy we turned off your alerts. You can turn them on again at any time with /alerts.

## Topics (flows/topics.yaml)

avvisi-topic-scadenze = Tax and service deadlines
avvisi-topic-scadenze-desc = reminders of TARI, IMU, school meals and school transport
avvisi-topic-rifiuti = Waste collection
avvisi-topic-rifiuti-desc = changes to the collection calendar and to the recycling centres
avvisi-topic-allerte = Weather and civil protection alerts
avvisi-topic-allerte-desc = weather alerts and civil protection instructions
avvisi-topic-viabilita = Road works and closures
avvisi-topic-viabilita-desc = road works, closures and traffic changes
avvisi-topic-eventi = Events
avvisi-topic-eventi-desc = events and initiatives in town
avvisi-topic-bandi = Calls and grants
avvisi-topic-bandi-desc = reminders of calls, public competitions and grants
avvisi-topic-notizie = News from the Comune
avvisi-topic-notizie-desc = announcements of the administration

## Civil protection alerts (CAP) sent to subscribers

broadcast-cap-alert = Alert: { $headline }
broadcast-cap-update = Alert update: { $headline }
broadcast-cap-until = Valid until { $until }.
broadcast-cap-cancel = The following notice has been withdrawn: "{ $alert }". Any new instructions will reach you here.
