# Servizi sociali (flows/servizi-sociali.yaml)

servizi-sociali-title = Servizi sociali
servizi-sociali-famiglie = Sostegno famiglie
servizi-sociali-anziani = Anziani
servizi-sociali-disabilita = Servizi disabilità
servizi-sociali-isee = Come ottenere l'ISEE
servizi-sociali-appuntamento = Assistente sociale
servizi-sociali-inps = Sito dell'INPS

servizi-sociali-menu =
    Servizi Sociali, Via Mazzini 3. Telefono 0123 456760, dal lunedì al venerdì dalle 9:00 alle 12:30.
    Offriamo sostegno a famiglie, persone anziane e persone con disabilità. Per valutare insieme la sua situazione può chiedere un colloquio con l'assistente sociale.
    Se lei o un'altra persona è in pericolo chiami il 112. In caso di violenza o stalking può chiamare il 1522, numero gratuito e attivo 24 ore su 24.

servizi-sociali-famiglie-info =
    Sostegno alle famiglie
    - Contributi economici per famiglie in difficoltà: su domanda, dopo un colloquio con l'assistente sociale e in base all'ISEE.
    - Contributo per l'affitto: bando annuale per chi ha un contratto di affitto registrato e un ISEE basso; la scadenza è qui sotto.
    - Assegno di maternità dei Comuni: per le madri senza altra tutela previdenziale o con una tutela ridotta, entro la soglia ISEE fissata ogni anno. La domanda si presenta al Comune entro 6 mesi dalla nascita o dall'ingresso in famiglia del bambino.
    - Assegno unico e universale per i figli: si chiede all'INPS, online o tramite un patronato.
    - Bonus sociali per luce, gas e acqua: arrivano in automatico in bolletta se l'ISEE è entro la soglia, senza bisogno di domanda.

servizi-sociali-anziani-info =
    Servizi per le persone anziane
    - Assistenza domiciliare: aiuto a casa per la cura della persona e le piccole faccende, con operatori qualificati.
    - Pasti a domicilio: pranzo consegnato a casa dal lunedì al sabato.
    - Telesoccorso: un dispositivo per chiedere aiuto 24 ore su 24 premendo un pulsante.
    - Trasporto sociale: accompagnamento a visite mediche e terapie, con le associazioni di volontariato convenzionate.
    - Centro diurno per anziani, Via Mazzini 5: attività e compagnia dal lunedì al venerdì.

    La quota a carico della famiglia dipende dall'ISEE. Per accedere ai servizi serve un colloquio con l'assistente sociale, che valuta le necessità insieme alla persona e alla famiglia.

servizi-sociali-disabilita-info =
    Servizi per le persone con disabilità
    - Assistenza educativa a scuola e trasporto scolastico dedicato, su richiesta della famiglia e della scuola.
    - Assistenza domiciliare e trasporto sociale.
    - Contributi per eliminare le barriere architettoniche nelle abitazioni private (legge 13 del 1989): domanda entro il 1° marzo di ogni anno, prima di iniziare i lavori.
    - Contrassegno per i veicoli al servizio delle persone con disabilità: si chiede alla Polizia Locale.
    - Invalidità civile e legge 104: la domanda si presenta all'INPS con il certificato del medico, anche tramite un patronato; i Servizi Sociali possono aiutarla a orientarsi.

    Per un progetto personalizzato chieda un colloquio con l'assistente sociale.

servizi-sociali-isee-info =
    ISEE
    L'ISEE misura la situazione economica della famiglia e serve per le agevolazioni (mensa, trasporto scolastico, contributi, bonus). Non lo rilascia il Comune: si ottiene presentando la DSU (Dichiarazione Sostitutiva Unica), gratis:
    - online sul sito dell'INPS, con SPID, CIE o CNS, anche nella versione precompilata;
    - presso un CAF (centro di assistenza fiscale), su appuntamento.

    Servono i dati di tutti i componenti della famiglia: documenti d'identità e codici fiscali, contratto di affitto, redditi, saldi e giacenze medie dei conti al 31 dicembre di due anni prima, targhe dei veicoli, dati degli immobili.
    L'ISEE scade il 31 dicembre: rinnovi la DSU all'inizio dell'anno per non perdere le agevolazioni.

servizi-sociali-appuntamento-info =
    Colloquio con l'assistente sociale
    Il segretariato sociale riceve senza appuntamento il martedì dalle 9:00 alle 12:00, in Via Mazzini 3: può presentare la sua situazione e avere le prime informazioni.

    Per un colloquio con l'assistente sociale prenoti:
    - per telefono allo 0123 456760, dal lunedì al venerdì dalle 9:00 alle 12:30;
    - per email a servizisociali@comune.esempio.it, lasciando un recapito telefonico.

    Può anche scrivere qui la sua richiesta a un operatore dei Servizi Sociali. Per rispetto della sua riservatezza, non scriva in chat informazioni sulla salute: ne parlerà di persona con l'assistente sociale.
