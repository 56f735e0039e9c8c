# Rapporto statistico dello sportello digitale (sportello insights): testi per il personale.

insights-title = Rapporto sullo sportello digitale
insights-period = Periodo: dal { $from } al { $to }
insights-filter-office = Ufficio: { $office }
insights-filter-channel = Canale: { $channel }
insights-none = Nessun dato per il periodo richiesto.
insights-overview = Sintesi
insights-figure = Dato
insights-value = Valore
insights-conversations = Conversazioni
insights-messages-in = Messaggi ricevuti
insights-messages-out = Messaggi inviati
insights-citizens-new = Cittadini al primo contatto
insights-citizens-returning = Cittadini già noti
insights-resolved = Risolte dall'assistente digitale
insights-handed-off = Passate a un operatore
insights-repeated = Stessa domanda ripetuta nel giorno
insights-dropped = Interrotte prima di una risposta
insights-emergencies = Emergenze a cui è stata data risposta
insights-not-understood = Messaggi non compresi
insights-calls-avoided = Telefonate al centralino evitate (stima)
insights-calls-note = Stima: conversazioni risolte dall'assistente moltiplicate per { $share }.
insights-by-channel = Conversazioni per canale
insights-by-lang = Conversazioni per lingua
insights-by-hour = Conversazioni per giorno della settimana e ora
insights-trend = Andamento giornaliero
insights-topics = Argomenti
insights-drop-offs = Passaggi in cui le conversazioni si interrompono
insights-offices = Uffici
insights-emergency-kinds = Emergenze per tipo
insights-not-understood-reasons = Messaggi non compresi per motivo
insights-channel = Canale
insights-lang = Lingua
insights-day = Giorno
insights-weekday = Giorno della settimana
insights-hour = Ora
insights-topic = Argomento
insights-step = Passaggio
insights-office = Ufficio
insights-steps-shown = Passaggi mostrati
insights-handoffs = Passaggi a un operatore
insights-reason = Motivo
insights-kind = Tipo
insights-count = Numero
insights-first-reply = Attesa media della prima risposta
insights-close = Durata media della pratica
insights-first-reply-open = Attesa media della prima risposta in orario d'ufficio
insights-late = Prime risposte oltre il tempo previsto dall'ufficio
insights-close-open = Durata media della pratica in orario d'ufficio
insights-ratings = Valutazioni ricevute
insights-rating-mean = Valutazione media (da 1 a 5)
insights-minutes = { $minutes } minuti
insights-chart = Grafico: { $title }
insights-reason-asked = richiesta del cittadino
insights-reason-not_understood = non compreso due volte
insights-reason-flow = previsto dal percorso
insights-reason-threat = minaccia segnalata agli operatori
insights-miss-out_of_scope = domanda fuori dai temi trattati
insights-miss-refused = proposta rifiutata dal cittadino
insights-miss-handoff = seconda domanda non compresa
insights-open-data-written = Dati aperti scritti in { $dir }: { $files } file.
insights-open-data-title = Statistiche dello sportello digitale del Comune
insights-open-data-description = Dati dello sportello digitale su Telegram e WhatsApp: conversazioni, messaggi, argomenti, richieste agli uffici, emergenze. I dati sono per giorno, canale e lingua. Non ci sono dati personali. Le celle con meno di { $min } casi sono vuote.
insights-unanswered = Messaggi non compresi per formulazione simile (testo oscurato, per i redattori)
insights-wording = Formulazione
insights-first-half = Prima metà del periodo
insights-second-half = Seconda metà del periodo

# Sintesi settimanale per il gruppo degli operatori.
insights-digest-title = Sintesi settimanale dello sportello digitale: settimana dal { $from } al { $to }
insights-digest-line = { $figure }: { $value } (settimana precedente: { $previous })
insights-digest-unanswered = Domande non comprese più frequenti:
insights-digest-unanswered-item = { $count ->
    [one] una volta
   *[other] { $count } volte
}: { $text }
insights-digest-unanswered-none = Nella settimana non ci sono domande non comprese.
insights-digest-late = Uffici con prime risposte oltre il tempo previsto:
insights-digest-late-office = { $office }: { $late ->
    [one] una prima risposta
   *[other] { $late } prime risposte
} su { $replies } dopo più di { $limit } minuti di apertura dell'ufficio; attesa media in orario d'ufficio { $minutes } minuti.
insights-digest-late-none = Nessun ufficio ha superato il tempo previsto per la prima risposta.
insights-digest-week = Ultima sintesi settimanale inviata: settimana dal { $from } al { $to }.
