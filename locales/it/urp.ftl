# URP e segnalazioni (flows/urp.yaml)

urp-title = URP e segnalazioni
urp-segnalazioni = Segnalazioni
urp-reclamo = Reclami
urp-pec = PEC del Comune
urp-accesso-atti = Accesso agli atti
urp-privacy = Privacy
urp-invia-segnalazione = Invia segnalazione

urp-info =
    Ufficio Relazioni con il Pubblico (URP)
    Piazza del Municipio 1, piano terra.
    Orari: dal lunedì al venerdì dalle 9:00 alle 12:30; martedì e giovedì anche dalle 15:00 alle 17:00.
    Telefono: 0123 456700
    Email: urp@comune.esempio.it
    PEC: protocollo@pec.comune.esempio.it

    L'URP dà informazioni su tutti i servizi del Comune, riceve segnalazioni, reclami e suggerimenti e la indirizza all'ufficio competente.

urp-segnalazioni-info =
    Segnalare un problema
    Buche, lampioni spenti, alberi pericolanti, perdite d'acqua, rifiuti abbandonati: può segnalarli in ogni momento con il servizio online «Segnalazioni» del sito, anche senza SPID. Indichi il luogo preciso e, se può, alleghi una foto. Riceverà un numero per seguire la segnalazione e la risposta dell'ufficio competente entro 30 giorni.
    Può fare la segnalazione anche per telefono o di persona all'URP, negli orari di apertura.
    Per i pericoli immediati (strade allagate, alberi caduti sulla carreggiata, incidenti) non usi le segnalazioni: chiami il 112.

urp-reclamo-info =
    Grazie per la sua segnalazione: ogni reclamo ci aiuta a migliorare il servizio.
    Il suo reclamo è preso in carico da una persona dell'URP, che le darà il numero della pratica. Se preferisce, può anche presentarlo per iscritto:
    - online con il modulo «Reclami e suggerimenti» del sito, con SPID o CIE;
    - per email a urp@comune.esempio.it o per PEC a protocollo@pec.comune.esempio.it;
    - di persona all'URP, compilando il modulo.

    Indichi i suoi dati, il servizio interessato, che cosa è successo e quando. L'URP trasmette il reclamo all'ufficio competente, che le risponde per iscritto entro 30 giorni.
    Sono benvenuti anche i suggerimenti per migliorare i servizi.

urp-pec-info =
    Posta elettronica certificata (PEC)
    L'indirizzo PEC del Comune è protocollo@pec.comune.esempio.it.
    Un messaggio inviato da una casella PEC ha lo stesso valore legale di una raccomandata con ricevuta di ritorno: la usi per domande, istanze e comunicazioni ufficiali. Alleghi i documenti in formato PDF, firmati e con la copia di un documento d'identità, oppure firmati digitalmente.
    I messaggi inviati alla PEC da una casella di posta ordinaria potrebbero non essere accettati: in questo caso scriva a urp@comune.esempio.it.
    Il protocollo registra i messaggi nei giorni lavorativi.

urp-accesso-atti-info =
    Accesso agli atti
    - Accesso documentale: se ha un interesse diretto e concreto (ad esempio per una pratica edilizia che la riguarda), può chiedere di vedere i documenti o di averne copia (legge 241 del 1990).
    - Accesso civico generalizzato: chiunque, senza motivare la richiesta, può chiedere dati e documenti del Comune non pubblicati sul sito (decreto legislativo 33 del 2013).

    La domanda si presenta online con SPID o CIE, per PEC o all'URP, con il modulo del sito. Il Comune risponde entro 30 giorni. La visione è gratuita; per le copie si pagano solo i costi di riproduzione.

urp-privacy-info =
    Privacy e dati personali
    Questo servizio è gestito dal Comune di Esempio, titolare del trattamento dei dati. Le conversazioni servono solo a rispondere alle sue richieste; sono conservate per il tempo indicato nell'informativa e poi cancellate.
    Non scriva in chat dati che non servono alla sua richiesta, in particolare informazioni sulla salute.
    Per chiedere l'accesso ai suoi dati o la loro cancellazione, o per contattare il Responsabile della protezione dei dati, scriva a dpo@comune.esempio.it. L'informativa completa è sul sito.
