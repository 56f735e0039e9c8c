## Informativa breve al primo contatto (art. 13 del GDPR). Una modifica di questo testo o
## dell'informativa completa (common-privacy-notice) la fa mostrare di nuovo a tutti.

common-privacy-short = Privacy in breve: le risponde un assistente automatico del Comune di Esempio, titolare del trattamento, e un operatore può subentrare. I messaggi sono conservati al massimo 90 giorni, con i dati identificativi oscurati. Informativa completa e diritti: /privacy, /i_miei_dati, /cancella_dati

## I suoi dati (/i_miei_dati)

common-command-export = Riceve i dati che il Comune conserva su di lei
common-export-intro = Ecco i dati che il Comune conserva su di lei in questo servizio. Il file allegato li contiene tutti, in formato JSON; qui sotto trova le conversazioni in forma leggibile. I dati personali oscurati al momento della conservazione compaiono come segnaposto, per esempio [codice fiscale].
common-export-citizen = Canale: { $channel }. Lingua: { $lang }. Primo contatto: { $since }.
common-export-conversation = Conversazione { $number }, dal { $start } al { $end }:
common-export-citizen-line = { $time } Lei: { $text }
common-export-bot-line = { $time } Comune: { $text }
common-export-photo-line = { $time } Lei: (ha inviato una fotografia, che il servizio non conserva)
common-export-empty = Nessun messaggio conservato.
common-export-subscriptions = Avvisi attivi (/avvisi), con la data del consenso: { $topics }.
common-export-notes = Note interne degli operatori del Comune sulle sue richieste, nel file allegato alla voce «internal_notes»: { $count }. Sono appunti di lavoro dell'ufficio, non messaggi inviati a lei.
common-export-other = Il file allegato ha anche { $count } altre righe. Sono le risposte inviate, i codici dei messaggi ricevuti e gli eventi del registro. Non c'è il testo dei messaggi.
common-export-truncated = Il testo è troppo lungo per la chat e si ferma qui: il file allegato contiene tutti i dati.
