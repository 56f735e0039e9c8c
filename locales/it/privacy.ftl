## Informativa breve al primo contatto (art. 13 del GDPR). Una modifica di questo testo o
## dell'informativa completa (common-privacy-notice) la fa mostrare di nuovo a tutti.

common-privacy-short =
    Informativa sulla privacy, in breve. Le risponde un assistente automatico del Comune di Esempio, titolare del trattamento (responsabile della protezione dei dati: dpo@comune.esempio.it); un operatore dell'ufficio competente può subentrare nella conversazione.
    Trattiamo i suoi messaggi per rispondere alle sue richieste, nell'esecuzione di un compito di interesse pubblico. Le conversazioni sono conservate 30 giorni dall'ultimo messaggio, 90 se passate a un operatore, 7 se contengono dati sulla salute; codice fiscale, IBAN, numeri di telefono e altri identificativi vengono oscurati.
    Telegram e WhatsApp sono piattaforme di terzi. Può ricevere i suoi dati con /i_miei_dati, cancellarli con /cancella_dati e proporre reclamo al Garante per la protezione dei dati personali. Informativa completa: /privacy

## I suoi dati (/i_miei_dati)

common-command-export = Riceve i dati che il Comune conserva su di lei
common-export-intro = Ecco i dati che il Comune conserva su di lei in questo servizio. Il file allegato li contiene tutti, in formato JSON; qui sotto trova le conversazioni in forma leggibile. I dati personali oscurati al momento della conservazione compaiono come segnaposto, per esempio [codice fiscale].
common-export-citizen = Canale: { $channel }. Lingua: { $lang }. Primo contatto: { $since }.
common-export-conversation = Conversazione { $number }, dal { $start } al { $end }:
common-export-citizen-line = { $time } Lei: { $text }
common-export-bot-line = { $time } Comune: { $text }
common-export-empty = Nessun messaggio conservato.
common-export-notes = Note interne degli operatori del Comune sulle sue richieste, nel file allegato alla voce «internal_notes»: { $count }. Sono appunti di lavoro dell'ufficio, non messaggi inviati a lei.
common-export-other = Il file allegato contiene anche { $count } altre righe: risposte inviate, identificativi dei messaggi ricevuti ed eventi del registro, senza il testo dei messaggi.
common-export-truncated = Il testo è troppo lungo per la chat e si ferma qui: il file allegato contiene tutti i dati.
