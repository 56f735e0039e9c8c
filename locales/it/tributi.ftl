# Tasse e tributi (flows/tributi.yaml)

tributi-title = Tasse e tributi
tributi-tari = Tassa rifiuti (TARI)
tributi-tari-variazioni = Variazioni TARI
tributi-imu = IMU

tributi-menu =
    Ufficio Tributi, Piazza del Municipio 1, primo piano: TARI (tassa sui rifiuti) e IMU.
    Orari: dal lunedì al venerdì dalle 9:00 alle 12:30; giovedì anche dalle 15:00 alle 17:00.
    Scelga l'argomento oppure scriva la sua domanda. Per pagare online usi il portale pagoPA del Comune.

tributi-tari-info =
    TARI, la tassa sui rifiuti
    La paga chi occupa o possiede locali nel Comune (abitazioni, negozi, uffici), in base alla superficie e, per le famiglie, al numero dei componenti.
    L'avviso di pagamento arriva a casa o per email, con i moduli pagoPA. Per il 2026 si paga in tre rate (31 luglio, 30 settembre, 2 dicembre) oppure in un'unica soluzione entro il 31 luglio.

    Come pagare, con il codice dell'avviso pagoPA:
    - online sul portale pagoPA del Comune o con l'app IO;
    - in banca, all'ufficio postale, in tabaccheria o negli altri punti abilitati pagoPA.

    Riduzioni, su domanda: 20% per chi fa il compostaggio domestico; tariffa sociale in base all'ISEE.
    Se non ha ricevuto l'avviso, può scaricarlo dallo sportello online dei tributi con SPID o CIE, oppure chiederlo all'Ufficio Tributi (0123 456720, tributi@comune.esempio.it).

tributi-tari-variazioni-info =
    Variazioni TARI
    Deve presentare la dichiarazione TARI entro 90 giorni quando inizia a occupare un immobile, quando lo lascia o quando cambiano la superficie o l'uso dei locali. Per i residenti il numero dei componenti della famiglia si aggiorna da solo con i dati dell'anagrafe.

    Come fare:
    - online, con SPID o CIE, dallo sportello online dei tributi;
    - per email a tributi@comune.esempio.it o per PEC a protocollo@pec.comune.esempio.it, con il modulo firmato e la copia di un documento d'identità;
    - allo sportello dell'Ufficio Tributi, Piazza del Municipio 1, primo piano.

    Servono i dati catastali dei locali (foglio, particella, subalterno), la superficie calpestabile e la data di inizio o di fine dell'occupazione. Se lascia l'immobile, indichi anche chi subentra, se lo sa.

tributi-imu-info =
    IMU, l'imposta municipale sugli immobili
    La pagano i proprietari e i titolari di usufrutto o di altri diritti reali su fabbricati, aree edificabili e terreni.
    Prima casa: l'abitazione principale è esente, tranne le categorie catastali di lusso A/1, A/8 e A/9, che pagano con l'aliquota ridotta e una detrazione di 200 euro.

    Quando: acconto entro il 16 giugno e saldo entro il 16 dicembre; si può anche pagare tutto entro il 16 giugno. Il Comune non invia avvisi: il calcolo spetta al contribuente, che può usare il calcolatore IMU del sito.
    Come: con il modello F24, in banca, all'ufficio postale o con l'home banking, indicando il codice catastale del Comune e il codice tributo (3912 abitazione principale di lusso, 3916 aree edificabili, 3918 altri fabbricati).
    Le aliquote dell'anno sono sulla pagina dell'IMU.

    Se è cambiato qualcosa che il Comune non conosce (ad esempio un immobile dato in comodato o inagibile), presenti la dichiarazione IMU entro il 30 giugno dell'anno successivo.
