# Deadline titles (flows/deadlines.yaml). Sportello adds the date.

deadline-tari-2026-rata-3 = waste tax (TARI) 2026, third instalment
deadline-imu-saldo-2026 = property tax (IMU) 2026, balance
deadline-tari-2027-rata-1 = waste tax (TARI) 2027, first instalment or single payment
deadline-imu-acconto-2027 = property tax (IMU) 2027, first payment (or full payment)
deadline-imu-dichiarazione-2027 = property tax (IMU) return for changes in 2026
deadline-tari-2027-rata-2 = waste tax (TARI) 2027, second instalment
deadline-tari-2027-rata-3 = waste tax (TARI) 2027, third instalment
deadline-imu-saldo-2027 = property tax (IMU) 2027, balance
deadline-trasporto-2026-rata-1 = school bus 2026/2027, first instalment
deadline-mensa-isee-2027 = school meals, new 2027 ISEE to keep the reduced rate
deadline-trasporto-2027-rata-2 = school bus 2026/2027, second instalment
deadline-trasporto-iscrizioni-2027 = school bus, enrolment for 2027/2028
deadline-mensa-iscrizioni-2027 = school meals, enrolment for 2027/2028
deadline-concorso-istruttori-2026 = competition for 2 administrative officers, applications
deadline-contributo-affitto-2026 = rent support grant 2026, applications
deadline-borse-studio-2027 = scholarships for secondary school students, applications
deadline-barriere-architettoniche-2027 = grants to remove architectural barriers (Law 13/1989), applications
deadline-contributi-associazioni-2027 = grants for associations for 2027, applications
