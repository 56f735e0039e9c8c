# Servizi scolastici (flows/scuola.yaml)

scuola-title = Servizi scolastici
scuola-mensa = Mensa scolastica
scuola-trasporto = Scuolabus
scuola-portale = Portale scuola

scuola-menu =
    Servizi Scolastici, Via Roma 15, primo piano: mensa e trasporto scolastico per le scuole dell'infanzia, primarie e secondarie di primo grado del Comune.
    Iscrizioni e pagamenti si fanno online sul portale dei servizi scolastici, con SPID o CIE di un genitore.
    Orari: dal lunedì al venerdì dalle 9:00 alle 12:30; martedì anche dalle 15:00 alle 17:00. Telefono 0123 456740.

scuola-mensa-info =
    Mensa scolastica
    Il servizio è attivo nelle scuole dell'infanzia e primarie del Comune, dal lunedì al venerdì.
    Iscrizione: online sul portale dei servizi scolastici, con SPID o CIE di un genitore, dal 3 maggio al 30 giugno per l'anno scolastico successivo. Le domande in ritardo sono accolte se ci sono posti.

    Tariffe per pasto, in base all'ISEE:
    - fino a 6.000 euro: 1,50 euro
    - da 6.000,01 a 12.000 euro: 2,80 euro
    - da 12.000,01 a 20.000 euro: 3,90 euro
    - oltre 20.000 euro o senza ISEE: 4,90 euro
    Dal secondo figlio iscritto la tariffa è ridotta del 20%. L'ISEE scade il 31 dicembre: per mantenere la tariffa agevolata presenti quello nuovo entro la scadenza indicata qui sotto.

    Pagamento: il servizio è prepagato. Ricarichi il conto del bambino con pagoPA, dal portale o con l'app IO; il pasto si scala solo nei giorni di presenza.
    Diete speciali: per motivi di salute con il certificato medico, per motivi etici o religiosi con il modulo di richiesta.

scuola-trasporto-info =
    Trasporto scolastico (scuolabus)
    Il servizio è per gli alunni delle scuole primarie e secondarie di primo grado che abitano ad almeno 1 chilometro dalla scuola.
    Iscrizione: online sul portale dei servizi scolastici, con SPID o CIE, dal 3 maggio al 15 giugno per l'anno scolastico successivo. Le domande arrivate dopo sono accolte solo se ci sono posti sul percorso.

    Costo annuale: 250 euro (180 euro dal secondo figlio), con riduzioni in base all'ISEE. Si paga con pagoPA in due rate, entro il 30 novembre ed entro il 31 marzo.

    Fermate e orari: sono pubblicati sul sito prima dell'inizio della scuola e inviati alle famiglie iscritte. Gli alunni della primaria devono essere accompagnati alla fermata e ripresi da un genitore o da un adulto delegato; per gli alunni della secondaria i genitori possono autorizzare la discesa autonoma.
