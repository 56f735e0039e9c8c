# Testi comuni: li usa Sportello stesso (comandi, incomprensioni, passaggio a un operatore,
# date) e le etichette delle scelte ricorrenti nei flussi.
# Tono: cortese e sobrio, nessuna emoji, nessuna abbreviazione. Si dà del Lei.

## Aiuto e incomprensioni

common-help =
    Sono l'assistente digitale del Comune di Esempio. Posso darle informazioni sui servizi comunali, sulle scadenze e sui numeri utili in caso di emergenza, e passare la sua richiesta a un operatore dell'ufficio competente.
    Scriva la sua domanda con parole semplici, ad esempio «quando scade la TARI?», oppure scelga un argomento dal menu.

    Comandi:
    - /menu: il menu principale
    - /operatore: parlare con un operatore
    - /emergenza: i numeri di emergenza
    - /lingua: scegliere la lingua (italiano o inglese)
    - /annulla: annullare la richiesta in corso e tornare all'assistente
    - /fonte: la fonte dell'ultima risposta e la data della verifica
    - /calendario: le prossime scadenze in un file per il calendario del telefono
    - /avvisi: scegliere gli avvisi del Comune da ricevere, come i promemoria delle scadenze
    - /stop: disattivare tutti gli avvisi
    - /privacy: l'informativa sul trattamento dei dati
    - /i_miei_dati: ricevere i dati che il Comune conserva su di lei
    - /cancella_dati: cancellare i dati delle sue conversazioni
    - /aiuto: questo messaggio

    In caso di emergenza chiami subito il 112.

common-did-you-mean = Forse cercava uno di questi argomenti?
common-none-of-these = Nessuno di questi

## Etichette delle scelte (al massimo 20 caratteri)

common-main-menu = Menu principale
common-operator = Parla con operatore
common-back = Indietro
common-end = Ho finito
common-deadlines = Scadenze
common-pay-online = Paga online
common-book-online = Prenota online

## Lingua

common-language-choose =
    In quale lingua preferisce continuare?
    Which language would you like to use?
common-language-it = Italiano
common-language-en = English
common-language-set = Bene, da ora le scrivo in italiano.

## Scadenze e fonti

common-deadlines-header = Prossime scadenze:
common-deadline-line = - { $date }: { $title }
common-deadlines-none = Al momento non ci sono scadenze in programma per questo argomento.
common-calendar =
    Le invio { $count ->
        [one] la prossima scadenza del Comune
       *[other] le prossime { $count } scadenze del Comune
    } in un file da aprire con il calendario del telefono o del computer. Per ogni scadenza il calendario le ricorderà la data una settimana prima e il giorno prima.
common-calendar-none = Al momento non ci sono scadenze del Comune in programma.
common-calendar-name = Scadenze del Comune di Esempio
common-calendar-reminder = Scadenza del Comune: { $title }
common-calendar-file = scadenze-comune.ics
common-source = Fonte: { $url }
# An image shown in words, where the channel cannot show it (the terminal chat, a failed send).
common-image = [Immagine: { $alt }]
common-source-verified = Fonte: { $url } — verificato il { $date }
common-source-none = Per questa risposta non è indicata una fonte. Per una conferma può scrivere all'Ufficio Relazioni con il Pubblico con /operatore.

## Saluto della prima risposta, secondo l'ora (ora di Roma)

common-greeting = { $part ->
        [evening] Buonasera.
       *[day] Buongiorno.
    }

## Passaggio a un operatore

common-handoff-open =
    Grazie, ho inoltrato la sua richiesta a un operatore.
    Ufficio: { $office }
    Le risponderemo qui appena possibile. Se vuole tornare all'assistente digitale, scriva /annulla.

common-handoff-closed =
    Grazie, ho registrato la sua richiesta.
    Ufficio: { $office }
    In questo momento l'ufficio è chiuso: un operatore le risponderà qui alla riapertura, { $opens }.
    In caso di emergenza chiami subito il 112.

common-handoff-never =
    Grazie, ho registrato la sua richiesta.
    Ufficio: { $office }
    Per questo ufficio non sono indicati orari di servizio. Per avere una risposta contatti l'Ufficio Relazioni con il Pubblico: telefono 0123 456700, email urp@comune.esempio.it.

common-handoff-case = Il numero della sua richiesta è { $case }: lo indichi se contatta l'ufficio.
common-handoff-cancelled = D'accordo, la richiesta all'operatore è annullata e ora le risponde di nuovo l'assistente digitale.
common-handoff-waiting = Grazie, la sua richiesta è in attesa di un operatore (ufficio: { $office }), che le risponderà qui appena possibile. Se vuole tornare all'assistente digitale, scriva /annulla.
common-handoff-waiting-closed = Grazie, la sua richiesta è registrata (ufficio: { $office }). L'ufficio ora è chiuso: un operatore le risponderà qui alla riapertura, { $opens }. Se vuole tornare all'assistente digitale, scriva /annulla.
common-handoff-taken = Un operatore sta seguendo la sua richiesta e le risponde in questa conversazione. Se vuole tornare all'assistente digitale, scriva /annulla.

## Fine della conversazione e messaggi di servizio

common-goodbye = Grazie per aver scritto al Comune di Esempio. Se le serve altro, ci scriva pure in qualsiasi momento. Arrivederci.
common-unsupported-input = Mi scusi, posso leggere solo messaggi di testo e le scelte proposte. Per inviare documenti o fotografie usi i canali ufficiali del Comune, ad esempio la PEC o i servizi online del sito.
common-message-too-long = Il messaggio è troppo lungo. Può scrivere la sua domanda in modo più breve?
common-choice-expired = Questa opzione non è più disponibile. Ecco il punto in cui ci troviamo:
common-flows-updated = Le informazioni di questo servizio sono state aggiornate: ecco da dove ripartire.

## Date (i valori arrivano già scritti: giorno e anno in cifre)

common-month-1 = gennaio
common-month-2 = febbraio
common-month-3 = marzo
common-month-4 = aprile
common-month-5 = maggio
common-month-6 = giugno
common-month-7 = luglio
common-month-8 = agosto
common-month-9 = settembre
common-month-10 = ottobre
common-month-11 = novembre
common-month-12 = dicembre

common-weekday-1 = lunedì
common-weekday-2 = martedì
common-weekday-3 = mercoledì
common-weekday-4 = giovedì
common-weekday-5 = venerdì
common-weekday-6 = sabato
common-weekday-7 = domenica

common-date = { $day } { $month } { $year }
common-opening = { $weekday } { $date } alle ore { $time }

## Descrizioni dei comandi nel menu di Telegram

common-command-menu = Mostra il menu principale
common-command-help = Spiega cosa può fare l'assistente
common-command-operator = Chiede di parlare con un operatore
common-command-emergency = Mostra i numeri di emergenza
common-command-language = Cambia la lingua
common-command-cancel = Annulla la richiesta e torna al menu
common-command-source = Mostra la fonte dell'ultima risposta
common-command-calendar = Le scadenze nel calendario del telefono
common-command-privacy = Informativa sul trattamento dei dati personali

## Informativa privacy (/privacy). Aggiornare insieme a docs/privacy.md.

common-privacy-notice =
    Informativa sul trattamento dei dati personali (artt. 13 e 14 del Regolamento UE 2016/679, GDPR)
    Titolare del trattamento: Comune di Esempio, Piazza del Municipio 1. Responsabile della protezione dei dati (RPD/DPO): dpo@comune.esempio.it.
    Finalità e base giuridica: rispondere alle sue richieste di informazioni e inoltrarle all'ufficio competente, nell'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e del GDPR).
    Quali dati: l'identificativo che la piattaforma di messaggistica assegna al suo account, la lingua scelta e i messaggi della conversazione. Codice fiscale, IBAN, numeri di telefono, indirizzi e-mail, carte di pagamento e numeri di documento vengono oscurati prima della conservazione. La preghiamo di non scrivere dati sulla salute o altri dati particolari: se lo fa, la conversazione viene conservata per un periodo più breve.
    Per quanto tempo: le conversazioni con l'assistente sono cancellate 30 giorni dopo l'ultimo messaggio; quelle passate a un operatore dopo 90 giorni; quelle con dati particolari dopo 7 giorni. I registri tecnici senza contenuto dei messaggi sono conservati fino a un anno.
    Avvisi: se attiva gli avvisi con /avvisi, il Comune conserva gli argomenti scelti, la data e la versione del testo di consenso finché restano attivi (con il suo consenso, art. 6, par. 1, lett. a del GDPR). Li disattiva quando vuole con /stop. Terminano dopo 12 mesi senza suoi messaggi. Se chiede di ricordare la sua zona di raccolta dei rifiuti, il Comune conserva solo la zona, mai l'indirizzo, finché non cancella i suoi dati.
    Chi risponde: un assistente automatico, che segue testi approvati dal Comune; un operatore dell'ufficio competente può subentrare nella conversazione. Nessuna decisione che la riguarda è presa in modo automatizzato.
    Piattaforme: Telegram e WhatsApp sono servizi di terzi, che trattano i dati secondo le proprie informative; il Comune non controlla i dati che esse conservano.
    I suoi diritti: accesso, rettifica, cancellazione, limitazione e opposizione (artt. 15-21 del GDPR), scrivendo al DPO. Può inoltre proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).

## Cancellazione dei dati (/cancella_dati)

common-command-erase = Cancella i dati delle sue conversazioni
common-erase-confirm = Vuole cancellare tutti i dati che il Comune conserva delle sue conversazioni con questo servizio? La cancellazione è definitiva; le richieste già passate a un ufficio non saranno più consultabili in questo canale.
common-erase-yes = Sì, cancella
common-erase-no = No, mantieni
common-erase-done = Grazie. I dati delle sue conversazioni sono stati cancellati. Numero di ricevuta: { $receipt }. Può citarlo scrivendo al DPO (dpo@comune.esempio.it).
common-erase-cancelled = Grazie, i suoi dati non sono stati cancellati.

# Una domanda a cui l'assistente non sa rispondere.
common-out-of-scope =
    Mi scusi, su questo non ho informazioni. Può rivolgersi all'ufficio indicato qui sotto, scegliere un argomento dal menu principale o chiedere di parlare con un operatore.
    { $office }: { $contacts }.
    Se lei o qualcun altro è in pericolo, chiami subito il 112.
common-out-of-scope-contacts = telefono { $phone }, email { $email }

# Netiquette del servizio.
civility-netiquette =
    La ringraziamo per averci scritto. Questo servizio del Comune risponde a tutti con rispetto e chiede lo stesso: messaggi offensivi, minacciosi, discriminatori o pubblicitari non sono ammessi. Le critiche sono benvenute: se qualcosa non ha funzionato, può presentare un reclamo all'URP.
civility-cooldown =
    Per i messaggi ripetuti contrari alle regole del servizio, l'assistente riprenderà a rispondere tra 15 minuti. In caso di emergenza chiami il 112.
