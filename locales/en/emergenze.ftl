# Emergencies (flows/emergenze.yaml)

emergenze-title = Emergencies
emergenze-allerta = Weather alerts
emergenze-protezione-civile = Civil protection

emergenze-info =
    In an emergency, call 112 straight away, the single European emergency number: it is free, answers 24 hours a day and works from any phone, even a mobile with no credit. Use it for fires, accidents, sudden illness, gas leaks and any dangerous situation.

    Municipal Civil Protection, on call 24 hours a day: 0123 456799, for flooded roads, fallen trees and storm damage.

    This chat is not an emergency service: do not wait for an answer here.

emergenze-allerta-info =
    Weather alerts
    The alert bulletin is published every day, by 14:00, by the regional Civil Protection forecasting centre. The Comune shows the alerts in force on the home page of its website, on its official social media channels and by text message to those registered with the "Allerta Esempio" service. In serious cases IT-alert messages also reach mobile phones.
    Levels: yellow (intense events in limited areas), orange (widespread and dangerous events), red (very serious and widespread events). Any orders closing schools or parks are published on the website.

    What to do with an orange or red alert:
    - keep away from underpasses, cellars, basements and river banks;
    - go out only if necessary and do not go to move your car;
    - if water comes in, go to the upper floors and switch off electricity and gas;
    - follow the instructions of Civil Protection and the police.

    If you are in danger, call 112.

emergenze-protezione-civile-info =
    Municipal Civil Protection
    On call 24 hours a day: 0123 456799.
    Office: Via Garibaldi 20, at the Local Police Headquarters, Monday to Friday 9:00 to 12:00; email protezionecivile@comune.esempio.it.

    The municipal civil protection plan is on the website, with the waiting areas where to gather in an emergency: Piazza del Municipio, the car park of the Palazzetto dello Sport in Via dello Sport, and the gardens in Via Verdi.
    The municipal group of civil protection volunteers welcomes adults who live or are domiciled in the municipality: to join, write to the office.

    If you are in danger, call 112.
