# Risposte del livello di sicurezza integrato (docs/safety.md). Il numero di emergenza viene
# sempre per primo. `sportello flows check` rifiuta un testo che perde uno dei suoi numeri
# (112, e per alcuni tipi 1522, 114 o 02 2327 2327).

safety-other-language = Nella lingua del suo messaggio:

safety-selfharm =
    Se è in pericolo adesso, chiami subito il 112.
    Se sta pensando di farsi del male, non resti da solo con questo pensiero: può parlarne subito con qualcuno. Telefono Amico Italia risponde al 02 2327 2327, in modo anonimo. Può anche chiamare il 112 a qualsiasi ora.
    Se può, contatti ora una persona di cui si fida e le chieda di stare con lei.

safety-medical =
    Chiami subito il 112 e chieda un'ambulanza: la chiamata è gratuita, anche da cellulare senza credito.
    Dica dove si trova, cosa è successo e se la persona respira ed è cosciente. Resti con la persona, non la sposti se è caduta e segua le istruzioni dell'operatore del 112.

safety-violence =
    Se è in pericolo adesso, chiami subito il 112. Se non può parlare, resti in linea: l'operatore la può comunque aiutare.
    Il 1522, numero gratuito antiviolenza e antistalking, risponde 24 ore su 24, anche in forma anonima, e la mette in contatto con il centro antiviolenza più vicino.

safety-child =
    Se un bambino o una bambina è in pericolo adesso, chiami subito il 112.
    Il 114 Emergenza Infanzia, gratuito, risponde 24 ore su 24 per bambini e ragazzi in pericolo.
    Se il bambino è solo o smarrito, resti con lui in un luogo sicuro finché arrivano i soccorsi.

safety-fire =
    Chiami subito il 112 per i Vigili del Fuoco.
    Si allontani dal fuoco e dal fumo, chiuda le porte dietro di sé, non usi l'ascensore e non rientri a prendere oggetti.

safety-gas =
    Chiami subito il 112.
    Non accenda luci o interruttori e non usi fiamme, apra porte e finestre, chiuda il rubinetto del gas se può farlo senza rischi ed esca di casa. Dall'esterno può chiamare anche il pronto intervento gas del distributore, indicato sulla bolletta.

safety-collapse =
    Chiami subito il 112.
    Si allontani dall'edificio o dalla zona del crollo, non usi l'ascensore e non rientri finché i Vigili del Fuoco non lo permettono. Se qualcuno è rimasto sotto, dica al 112 dove si trova.

safety-flood =
    Se lei o altre persone siete in pericolo, chiami subito il 112.
    Salga ai piani alti, stacchi la corrente se può farlo senza toccare l'acqua, non scenda in cantina o in garage e non attraversi strade o sottopassi allagati.

safety-accident =
    Chiami subito il 112 e dica dove è avvenuto l'incidente e quanti sono i feriti.
    Non sposti i feriti se non sono in pericolo immediato, segnali l'incidente agli altri veicoli e segua le istruzioni dell'operatore.

safety-intrusion =
    Chiami subito il 112.
    Non affronti chi è entrato: si chiuda in una stanza sicura o si allontani, e resti in linea con l'operatore.

safety-help =
    Se lei o qualcun altro è in pericolo, chiami subito il 112: è gratuito e risponde 24 ore su 24.
    Se invece le serve un'informazione, scelga un argomento qui sotto o scriva la sua domanda.

# Una riga detta per prima quando il pericolo è solo possibile (il messaggio può descrivere
# un'emergenza, ma non è certo): poi segue la risposta consueta.
safety-possible = Se lei o qualcuno è in pericolo adesso, chiami subito il 112: è gratuito e risponde 24 ore su 24.
safety-possible-selfharm = Se sta pensando di farsi del male o è in pericolo adesso, chiami subito il 112, oppure Telefono Amico Italia al 02 2327 2327: non resti da solo con questo pensiero.
safety-possible-violence = Se lei o qualcuno è in pericolo adesso, chiami subito il 112. Il 1522, antiviolenza e antistalking, risponde 24 ore su 24, anche in forma anonima.
safety-possible-child = Se un bambino o una bambina è in pericolo adesso, chiami subito il 112. Il 114 Emergenza Infanzia risponde 24 ore su 24.
