# Titoli delle scadenze (flows/deadlines.yaml). La data è aggiunta da Sportello.

deadline-tari-2026-rata-3 = TARI 2026, terza rata
deadline-imu-saldo-2026 = IMU 2026, saldo
deadline-tari-2027-rata-1 = TARI 2027, prima rata o rata unica
deadline-imu-acconto-2027 = IMU 2027, acconto (o pagamento in un'unica soluzione)
deadline-imu-dichiarazione-2027 = dichiarazione IMU per le variazioni del 2026
deadline-tari-2027-rata-2 = TARI 2027, seconda rata
deadline-tari-2027-rata-3 = TARI 2027, terza rata
deadline-imu-saldo-2027 = IMU 2027, saldo
deadline-trasporto-2026-rata-1 = trasporto scolastico 2026/2027, prima rata
deadline-mensa-isee-2027 = mensa scolastica, nuovo ISEE 2027 per mantenere la tariffa agevolata
deadline-trasporto-2027-rata-2 = trasporto scolastico 2026/2027, seconda rata
deadline-trasporto-iscrizioni-2027 = trasporto scolastico, iscrizioni per l'anno 2027/2028
deadline-mensa-iscrizioni-2027 = mensa scolastica, iscrizioni per l'anno 2027/2028
deadline-concorso-istruttori-2026 = concorso per 2 istruttori amministrativi, domande
deadline-contributo-affitto-2026 = bando contributo per l'affitto 2026, domande
deadline-borse-studio-2027 = borse di studio per studenti delle scuole superiori, domande
deadline-barriere-architettoniche-2027 = contributi per eliminare le barriere architettoniche (legge 13 del 1989), domande
deadline-contributi-associazioni-2027 = contributi alle associazioni per il 2027, domande
