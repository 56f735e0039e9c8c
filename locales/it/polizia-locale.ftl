# Polizia Locale (flows/polizia-locale.yaml)

polizia-locale-title = Polizia Locale
polizia-locale-multe = Multe
polizia-locale-ricorso = Ricorsi
polizia-locale-ztl = Permessi ZTL
polizia-locale-oggetti = Oggetti smarriti
polizia-locale-contrassegno = Parcheggio disabili

polizia-locale-menu =
    Comando di Polizia Locale, Via Garibaldi 20.
    Sportello: dal lunedì al sabato dalle 8:30 alle 12:30; martedì e giovedì anche dalle 15:00 alle 18:00. Telefono 0123 456750.
    Qui trova informazioni su multe, ricorsi, permessi ZTL, contrassegno per persone con disabilità e oggetti smarriti.
    Per un'emergenza o un incidente chiami il 112.

polizia-locale-multe-info =
    Multe: come pagare
    Se paga entro 5 giorni dalla notifica del verbale o dalla contestazione su strada, l'importo è ridotto del 30%. Lo sconto non vale per le violazioni che prevedono la confisca del veicolo o la sospensione della patente.
    Entro 60 giorni si paga l'importo indicato nel verbale; dopo 60 giorni l'importo aumenta.

    Come pagare, con il codice dell'avviso pagoPA riportato nel verbale:
    - online sul portale pagoPA del Comune o con l'app IO;
    - in banca, all'ufficio postale o in tabaccheria;
    - allo sportello del Comando, con carta di debito o di credito.

    Se il verbale prevede la perdita di punti della patente e non guidava lei, comunichi i dati del conducente entro 60 giorni con il modulo allegato al verbale.
    Le foto delle infrazioni rilevate da autovelox e varchi si possono vedere online con il numero del verbale e la targa.

polizia-locale-ricorso-info =
    Ricorso contro una multa
    Se ritiene la multa ingiusta può scegliere una di queste due strade, non entrambe:
    - ricorso al Giudice di Pace, entro 30 giorni dalla notifica o dalla contestazione; si paga il contributo unificato di 43 euro;
    - ricorso al Prefetto, entro 60 giorni, gratuito; si presenta al Comando di Polizia Locale o alla Prefettura, anche per raccomandata con ricevuta di ritorno o per PEC.

    Chi paga la multa non può più fare ricorso. Se il ricorso al Prefetto è respinto, l'importo da pagare può raddoppiare.
    Per chiarimenti su un verbale, anche senza fare ricorso, scriva a polizialocale@comune.esempio.it indicando numero del verbale e targa.

polizia-locale-ztl-info =
    Permessi ZTL (zona a traffico limitato)
    La ZTL del centro storico è attiva tutti i giorni dalle 8:00 alle 20:00; i varchi elettronici rilevano le targhe non autorizzate.

    Residenti nella ZTL: permesso per al massimo 2 veicoli per famiglia, valido 2 anni, costo 20 euro. Domanda online con SPID o CIE, oppure allo sportello del Comando, con:
    - la carta di circolazione del veicolo (suo, di un familiare convivente, a noleggio o aziendale in uso a lei);
    - un documento d'identità;
    - la ricevuta del pagamento pagoPA.

    Persone con disabilità: con il contrassegno l'accesso è libero e gratuito. Comunichi al Comando fino a 2 targhe da autorizzare; se entra con un altro veicolo, o arriva da un altro Comune, invii targa e copia del contrassegno a polizialocale@comune.esempio.it entro 48 ore dal passaggio.
    Permessi temporanei per carico e scarico, traslochi e ospiti di strutture ricettive: domanda al Comando almeno 3 giorni prima.

polizia-locale-contrassegno-info =
    Contrassegno per persone con disabilità
    Il contrassegno permette di usare i parcheggi riservati e di entrare nella ZTL con il veicolo che trasporta la persona con disabilità. È gratuito, è personale e vale in tutta l'Unione europea.

    Domanda al Comando di Polizia Locale, online con SPID o CIE oppure allo sportello, con:
    - il certificato dell'ufficio medico legale dell'ASL che attesta la capacità di camminare sensibilmente ridotta, oppure il verbale di invalidità che lo indica;
    - una fototessera recente;
    - un documento d'identità.

    Il contrassegno permanente vale 5 anni; per il rinnovo basta il certificato del medico di famiglia che conferma le condizioni. Per una disabilità temporanea è rilasciato per il periodo indicato nel certificato.
    Di norma è pronto entro 15 giorni.

polizia-locale-oggetti-info =
    Oggetti smarriti e ritrovati
    Gli oggetti trovati nel territorio comunale si consegnano al Comando di Polizia Locale, Via Garibaldi 20, che li custodisce per un anno.
    Chi ha perso un oggetto può chiedere allo sportello o al telefono 0123 456750 se è stato consegnato, descrivendolo con precisione; per il ritiro serve un documento d'identità.
    Se ha perso documenti, bancomat o carte di credito, li blocchi subito e presenti denuncia ai Carabinieri o alla Polizia di Stato.
