# Avvisi: iscrizione agli argomenti (/avvisi, /stop) e promemoria delle scadenze.
# Gli argomenti sono in flows/topics.yaml; le scadenze con i promemoria in flows/deadlines.yaml.

avvisi-command = Sceglie gli avvisi del Comune da ricevere
avvisi-command-stop = Disattiva tutti gli avvisi
avvisi-intro =
    Può ricevere qui gli avvisi del Comune sugli argomenti che sceglie. Tocchi un argomento per attivarlo o disattivarlo.
    { $topics }
avvisi-consent = Attivando un argomento acconsente a ricevere i relativi messaggi del Comune in questa chat. Il Comune conserva gli argomenti scelti, la data e la versione di questo testo finché gli avvisi restano attivi. Li disattiva quando vuole con /stop; dopo un lungo periodo senza suoi messaggi vengono disattivati, con un avviso.
avvisi-topic-line = - { $label }: { $description }
avvisi-button-on = Attivo: { $topic }
avvisi-button-off = Non attivo: { $topic }
avvisi-turned-on = Grazie. Ha attivato gli avvisi su «{ $topic }».
avvisi-turned-off = Ha disattivato gli avvisi su «{ $topic }».
avvisi-none = Al momento il Comune non invia avvisi in questa chat.
avvisi-stop-done = Ha disattivato tutti gli avvisi. Può riattivarli quando vuole con /avvisi.
avvisi-stop-none = Non ha avvisi attivi. Per sceglierne uno, scriva /avvisi.
avvisi-reminder-today = Promemoria del Comune di Esempio: «{ $title }» scade oggi, { $date }.
avvisi-reminder-tomorrow = Promemoria del Comune di Esempio: «{ $title }» scade domani, { $date }.
avvisi-reminder-days = Promemoria del Comune di Esempio: «{ $title }» scade tra { $days } giorni, { $date }.
avvisi-reminder-link = Informazioni: { $url }
avvisi-reminder-footer = Riceve questo messaggio perché ha attivato gli avvisi su «{ $topic }». Per disattivarli scriva /avvisi, o /stop per tutti.
avvisi-ended-inactive = Da molto tempo non riceviamo suoi messaggi: per rispetto della sua riservatezza abbiamo disattivato i suoi avvisi. Può riattivarli quando vuole con /avvisi.

## Argomenti (flows/topics.yaml)

avvisi-topic-scadenze = Scadenze di tasse e servizi
avvisi-topic-scadenze-desc = promemoria di TARI, IMU, mensa e trasporto scolastico
avvisi-topic-rifiuti = Raccolta rifiuti
avvisi-topic-rifiuti-desc = cambi del calendario di raccolta e dei centri di raccolta
avvisi-topic-allerte = Allerte meteo e protezione civile
avvisi-topic-allerte-desc = allerte meteo e indicazioni della protezione civile
avvisi-topic-viabilita = Lavori e strade chiuse
avvisi-topic-viabilita-desc = lavori stradali, chiusure e modifiche alla circolazione
avvisi-topic-eventi = Eventi
avvisi-topic-eventi-desc = manifestazioni e iniziative in città
avvisi-topic-bandi = Bandi e contributi
avvisi-topic-bandi-desc = promemoria di bandi, concorsi e contributi
avvisi-topic-notizie = Notizie dal Comune
avvisi-topic-notizie-desc = comunicazioni dell'amministrazione

## Allerte dalla protezione civile (CAP) inviate agli iscritti

broadcast-cap-alert = Allerta: { $headline }
broadcast-cap-update = Aggiornamento dell'allerta: { $headline }
broadcast-cap-until = Valida fino al { $until }.
broadcast-cap-cancel = È revocato l'avviso seguente: «{ $alert }». Eventuali nuove indicazioni le arriveranno qui.
