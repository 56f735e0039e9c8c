# Bandi e concorsi (flows/bandi.yaml)

bandi-title = Bandi e concorsi
bandi-concorsi = Concorsi
bandi-contributi = Bandi contributi
bandi-gare = Gare e appalti
bandi-albo = Albo pretorio
bandi-inpa = Portale inPA
bandi-istanze = Istanze online
bandi-piattaforma = Piattaforma gare

bandi-info =
    Bandi e concorsi
    Il Comune pubblica bandi e avvisi:
    - nell'Albo pretorio online, per tutto il periodo previsto;
    - in Amministrazione trasparente, nelle sezioni «Bandi di concorso» e «Bandi di gara e contratti»;
    - per i concorsi, anche sul Portale del reclutamento inPA.
    Ogni bando indica requisiti, documenti e scadenza. La scadenza è tassativa: le domande arrivate dopo non sono accettate.

bandi-concorsi-info =
    Concorsi: come partecipare
    I concorsi del Comune sono pubblicati sul Portale del reclutamento inPA e in Amministrazione trasparente, nella sezione «Bandi di concorso».
    La domanda si presenta solo online sul portale inPA, accedendo con SPID, CIE, CNS o eIDAS, entro la scadenza indicata nel bando (di solito 30 giorni dalla pubblicazione). Tenga a disposizione un indirizzo PEC o un domicilio digitale per le comunicazioni.
    Prima di inviare la domanda verifichi i requisiti (titolo di studio, cittadinanza, eventuali patenti) e, se il bando lo prevede, paghi con pagoPA la tassa di concorso di 10 euro.
    Date e sedi delle prove sono pubblicate sul portale inPA e sul sito del Comune: la pubblicazione vale come notifica.
    Informazioni: Ufficio Personale, telefono 0123 456780, email personale@comune.esempio.it.

bandi-contributi-info =
    Bandi per contributi
    Il Comune apre ogni anno bandi per contributi a famiglie, studenti, associazioni e imprese, ad esempio il contributo per l'affitto e le borse di studio.
    La domanda si presenta online con lo sportello «Istanze online» del sito, con SPID o CIE, entro la data di chiusura del bando. Prepari prima i documenti richiesti: di solito l'ISEE in corso di validità, il contratto di affitto o le ricevute delle spese.
    Se non può usare lo sportello online, l'URP la aiuta a presentare la domanda negli orari di apertura.

bandi-gare-info =
    Gare e appalti
    Le gare per lavori, servizi e forniture sono pubblicate in Amministrazione trasparente, nella sezione «Bandi di gara e contratti», e si svolgono sulla piattaforma telematica del Comune, dove le imprese si registrano e presentano le offerte.
    Per chiarimenti su una gara usi solo la funzione «Comunicazioni» della piattaforma, entro il termine indicato nei documenti di gara.
