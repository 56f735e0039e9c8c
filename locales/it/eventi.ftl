# Eventi (flows/eventi.yaml)

eventi-title = Eventi
eventi-pubblicare = Pubblica un evento
eventi-consiglio = Consiglio comunale
eventi-diretta = Guarda la diretta
eventi-luoghi = Biblioteca, museo, sport
eventi-prenota = Prenota un impianto

eventi-info =
    Eventi nel Comune di Esempio
    Il calendario di eventi, mostre, spettacoli, mercatini e iniziative è pubblicato sul sito del Comune, nella sezione «Eventi», ed è aggiornato ogni settimana dall'Ufficio Cultura. Per ogni evento trova data, orario, luogo, costo ed eventuale prenotazione.
    Le iniziative principali sono annunciate anche sui canali social ufficiali del Comune e affisse nelle bacheche comunali e in biblioteca.
    Per ricevere ogni venerdì il programma del fine settimana può iscriversi alla newsletter dal sito.

eventi-pubblicare-info =
    Pubblicare un evento
    Associazioni, scuole e organizzatori possono chiedere di pubblicare gratuitamente nel calendario del Comune un evento aperto al pubblico. Invii il modulo online almeno 15 giorni prima, con titolo, data, orario, luogo, una breve descrizione, i contatti e un'immagine.
    Per chiedere il patrocinio del Comune presenti la domanda almeno 30 giorni prima.
    Se l'evento occupa suolo pubblico o prevede musica, bancarelle o somministrazione di cibo e bevande, servono anche le autorizzazioni dello Sportello Unico per le Attività Produttive (SUAP).
    Ufficio Cultura ed Eventi: Via Dante 4, telefono 0123 456770, email cultura@comune.esempio.it.

eventi-consiglio-info =
    Consiglio comunale
    Le sedute del Consiglio comunale sono pubbliche: si tengono nella Sala consiliare del Municipio, Piazza del Municipio 1, e sono trasmesse in diretta sul sito del Comune, dove restano disponibili le registrazioni.
    La convocazione con l'ordine del giorno è pubblicata nell'Albo pretorio online e nella pagina del Consiglio comunale almeno 5 giorni prima della seduta. Le delibere approvate sono pubblicate nell'Albo pretorio.

eventi-luoghi-info =
    Biblioteca, museo e impianti sportivi
    Biblioteca comunale, Via Dante 4: dal martedì al venerdì dalle 9 alle 19, il sabato dalle 9 alle 13. La tessera è gratuita: si fa al banco con un documento d'identità. Si possono prendere fino a 5 libri per 30 giorni. Il prestito si rinnova una volta dal catalogo online, per telefono o al banco.
    Museo civico, Piazza del Municipio 3: dal martedì alla domenica dalle 10 alle 18. Il biglietto costa 5 euro. L'ingresso è gratuito fino a 18 anni e la prima domenica del mese.
    Piscina comunale, palestre e campi sportivi: orari, corsi e tariffe sono sul sito del Comune, nella pagina «Impianti sportivi». Le palestre e i campi si prenotano online dalla stessa pagina.
    Ufficio Cultura ed Eventi: telefono 0123 456770, email cultura@comune.esempio.it.
