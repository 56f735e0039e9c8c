# Passaggio a un operatore: i testi per il cittadino e quelli per il gruppo degli operatori.
# Tono: cortese e sobrio, nessuna emoji, nessuna abbreviazione. Al cittadino si dà del Lei.

## Per il cittadino

handoff-position = Al momento la sua richiesta è la numero { $position } in attesa per questo ufficio.
handoff-handed-back = La conversazione con l'operatore è conclusa. Grazie per averci scritto: da ora le risponde di nuovo l'assistente digitale.
handoff-rate = Ci aiuta a migliorare? Quanto è soddisfatto dell'aiuto ricevuto, da 1 (per nulla) a 5 (molto)? Può anche non rispondere.
handoff-rated = Grazie per la sua valutazione. Se le serve altro, ci scriva pure.
handoff-transferred = La sua richiesta è stata passata a un altro ufficio competente: { $office }. Un operatore le risponderà qui.
handoff-transferred-closed = La sua richiesta è stata passata a un altro ufficio competente: { $office }. L'ufficio ora è chiuso: un operatore le risponderà qui alla riapertura, { $opens }.
handoff-signature =
    { $text }

    Comune di Esempio
handoff-signature-named =
    { $text }

    { $name }, Comune di Esempio

## Per gli operatori (gruppo degli operatori)

operators-topic-name = { $office } { $case }
operators-summary =
    Nuova richiesta { $case }
    Ufficio: { $office }
    Motivo: { $reason }
    Lingua del cittadino: { $lang }
    Percorso: { $path }

    Cosa ha scritto il cittadino:
    { $messages }

    Quello che scrivete in questo argomento arriva al cittadino, firmato dal Comune. Comandi: /prendo per prendere in carico, /chiudi per chiudere, /trasferisci seguito dall'ufficio, /nota seguito da una nota interna, /risposte per le risposte pronte.
operators-summary-no-path = (nessuno: il cittadino ha chiesto subito un operatore)
operators-summary-no-messages = (nessun messaggio scritto: solo comandi o scelte dai menu)
operators-registered-closed = Arrivata a ufficio chiuso: al cittadino è stato detto che riceverà risposta alla riapertura, { $opens }.
operators-reason-flow = il percorso dell'assistente prevede un operatore
operators-reason-asked = il cittadino ha chiesto un operatore
operators-reason-not-understood = l'assistente non ha capito la richiesta
operators-reason-threat = il messaggio contiene una minaccia: verificare
operators-line-citizen = Cittadino: { $text }
operators-citizen-says = Cittadino: { $text }
operators-emergency = Attenzione, possibile emergenza. Il cittadino ha scritto: { $text }
    L'assistente gli ha già indicato i numeri di emergenza. Verificate subito se serve altro.
operators-emergency-general = Attenzione, possibile emergenza nella richiesta { $case } ({ $office }): leggete subito il suo argomento.
operators-citizen-photo = Il cittadino ha inviato questa fotografia.
operators-citizen-sent = Il cittadino ha inviato un contenuto che non è testo ({ $what }).
operators-announce = Nuova richiesta in attesa: { $case }, { $office }. Per prenderla in carico scrivete /prendo nel suo argomento.
operators-reminder = Promemoria: la richiesta { $case } ({ $office }) attende da { $minutes } minuti di apertura e nessuno l'ha ancora presa in carico.
operators-claimed = Richiesta { $case } presa in carico da { $name }.
operators-claimed-already = La richiesta { $case } è già in carico a un altro operatore; { $name }, può comunque rispondere al cittadino.
operators-closed = Richiesta { $case } chiusa da { $name }. Il cittadino torna all'assistente digitale e riceve la richiesta di valutazione.
operators-closed-unanswered = Attenzione: la richiesta { $case } è stata chiusa senza alcuna risposta al cittadino.
operators-cancelled = Il cittadino ha annullato la richiesta { $case } ed è tornato all'assistente digitale.
operators-transferred = Richiesta { $case } trasferita a { $office } da { $name }.
operators-transfer-unknown = Non conosco l'ufficio «{ $office }». Uffici: { $offices }.
operators-transfer-suggest = Non conosco l'ufficio «{ $office }». Forse intendete { $suggestion }: scrivete /trasferisci { $suggestion }.
operators-transfer-same = La richiesta { $case } è già assegnata a { $office }: non è stata trasferita. Per passarla a un altro ufficio scrivete /trasferisci seguito dal suo nome.
operators-note-saved = Nota interna registrata. Non è stata inviata al cittadino.
operators-console-reply = { $name } ha risposto dalla console: { $text }
operators-console-note = Nota interna di { $name } dalla console: { $text }
operators-case-closed = La richiesta { $case } è chiusa: il messaggio non è stato inviato al cittadino.
operators-queue-header = Richieste aperte per ufficio:
operators-queue-line = { $office }: { $waiting } in attesa, { $unanswered } prese in carico senza risposta
operators-queue-empty = Nessuna richiesta aperta.
operators-replies-header = Risposte pronte: scrivete /risposte seguito dal nome per inviarne una al cittadino.
operators-replies-line = { $id }: { $text }
operators-replies-none = Non ci sono risposte pronte.
operators-replies-unknown = Non c'è una risposta pronta con il nome «{ $id }». Scrivete /risposte per l'elenco.
operators-topic-recreated = L'argomento precedente di questa richiesta non è più disponibile: la richiesta prosegue qui.
