# Anagrafe e documenti (flows/anagrafe.yaml)

anagrafe-title = Anagrafe e documenti
anagrafe-cie = Carta d'identità
anagrafe-residenza = Cambio residenza
anagrafe-certificati = Certificati
anagrafe-anpr = Servizi online ANPR

anagrafe-menu =
    Servizi Demografici, Piazza del Municipio 1, piano terra: carta d'identità elettronica, cambio di residenza e certificati.
    Orari dello sportello: dal lunedì al venerdì dalle 8:30 alle 12:30; martedì e giovedì anche dalle 15:00 alle 17:30.
    Scelga l'argomento che le interessa oppure scriva la sua domanda.

anagrafe-cie-info =
    Carta d'identità elettronica (CIE)
    Si richiede solo su appuntamento ai Servizi Demografici, Piazza del Municipio 1, piano terra. Può prenotare online con l'Agenda CIE del Ministero dell'Interno oppure telefonando allo 0123 456710.

    Porti con sé:
    - una fototessera recente (non più vecchia di sei mesi), a colori e su sfondo bianco;
    - la carta d'identità scaduta o in scadenza, oppure la denuncia di furto o smarrimento;
    - la tessera sanitaria con il codice fiscale.

    Costo: 22,21 euro; 27,37 euro se la carta precedente è stata smarrita, rubata o è deteriorata. Si paga allo sportello con carta di debito o di credito.
    La carta arriva per posta all'indirizzo che indica entro 6 giorni lavorativi. Si può rinnovare nei 180 giorni prima della scadenza.
    Vale 10 anni per i maggiorenni, 5 anni dai 3 ai 18 anni, 3 anni sotto i 3 anni. Per i minori deve essere presente il minore; per la validità per l'espatrio servono entrambi i genitori.

anagrafe-residenza-info =
    Cambio di residenza
    Deve presentare la dichiarazione entro 20 giorni dal trasferimento nel nuovo alloggio, anche se arriva da un altro Comune o dall'estero.

    Come fare:
    - online, con SPID o CIE, sul portale dell'Anagrafe Nazionale (ANPR);
    - per email ad anagrafe@comune.esempio.it o per PEC a protocollo@pec.comune.esempio.it, con il modulo firmato;
    - allo sportello dei Servizi Demografici, su appuntamento.

    Servono: documento d'identità e codice fiscale di tutte le persone che si trasferiscono; il titolo per abitare l'alloggio (contratto di affitto registrato, atto di proprietà o comodato); le targhe dei veicoli e il numero di patente, per aggiornarli. I cittadini non europei allegano il permesso di soggiorno.

    La Polizia Locale verifica che lei abiti davvero all'indirizzo entro 45 giorni. La nuova residenza vale dalla data della dichiarazione e, se entro 45 giorni non riceve comunicazioni contrarie, è confermata.

anagrafe-certificati-info =
    Certificati anagrafici
    Online, gratis e senza marca da bollo: con SPID, CIE o CNS può scaricare dal portale dell'Anagrafe Nazionale (ANPR) i certificati suoi e dei suoi familiari (residenza, stato di famiglia, nascita, cittadinanza e altri).

    Allo sportello dei Servizi Demografici, senza appuntamento negli orari di apertura: marca da bollo da 16 euro e diritti di segreteria di 0,52 euro. Se il certificato è esente dal bollo (ad esempio per pratiche di pensione, adozione, separazione o divorzio) deve indicare l'uso e la norma di esenzione, e i diritti sono di 0,26 euro. I certificati di stato civile (nascita, matrimonio, morte) sono gratuiti.

    Ricordi: uffici pubblici e gestori di pubblici servizi non possono chiederle certificati; basta l'autocertificazione.
