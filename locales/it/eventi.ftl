# Eventi (flows/eventi.yaml)

eventi-title = Eventi
eventi-pubblicare = Pubblica un evento
eventi-consiglio = Consiglio comunale
eventi-diretta = Guarda la diretta

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
