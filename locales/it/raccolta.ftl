# Raccolta porta a porta per zona (flows/waste.yaml): nomi delle zone e dei materiali, e
# le risposte a «domani cosa passa?».

raccolta-zona-centro = Centro storico
raccolta-zona-nord = Nord
raccolta-zona-sud = Sud e zona artigianale

raccolta-organico = organico (umido)
raccolta-carta = carta e cartone
raccolta-plastica = plastica e metalli
raccolta-vetro = vetro
raccolta-secco = secco residuo
raccolta-verde = sfalci e potature

raccolta-domani = Domani, { $date }, nella zona { $zone } si raccoglie: { $materials }. Esponga i contenitori davanti a casa dopo le 20:00 di questa sera ed entro le 6:00 di domani.
raccolta-domani-niente = Domani, { $date }, nella zona { $zone } non è prevista nessuna raccolta porta a porta.
raccolta-altro-indirizzo = Se le serve un altro indirizzo, scriva la via e il numero civico.
raccolta-chiedi-indirizzo = Per dirle cosa si raccoglie domani nella sua zona, scriva la via e il numero civico, ad esempio «via Roma 12».
raccolta-chiedi-civico = Questa via è divisa tra più zone di raccolta: scriva anche il numero civico, ad esempio «via Roma 12».
raccolta-via-sconosciuta = Non trovo questa via nel calendario della raccolta. Controlli come è scritta, ad esempio «via Roma 12», oppure consulti il calendario completo.
raccolta-ricordare = Vuole che ricordi la sua zona di raccolta ({ $zone }) per le prossime volte? Conserverò solo la zona, non l'indirizzo.
raccolta-ricordare-si = Sì, ricorda la zona
raccolta-ricordare-no = No, grazie
raccolta-ricordata = Ricorderò la zona { $zone }. Se attiva gli avvisi sulla raccolta dei rifiuti con /avvisi, riceverà un promemoria la sera prima di ogni raccolta. Con /cancella_dati può cancellare anche questa informazione.
raccolta-non-ricordata = Va bene, non ricorderò la zona.
raccolta-promemoria-perche = Riceve questo promemoria perché ha attivato gli avvisi sulla raccolta dei rifiuti. Per non riceverli più scriva /avvisi oppure /stop.
