# Nomi degli uffici (flows/offices.yaml), usati nei messaggi di passaggio a un operatore.

office-urp = Ufficio Relazioni con il Pubblico (URP)
office-anagrafe = Servizi Demografici (Anagrafe)
office-tributi = Ufficio Tributi
office-ambiente = Ufficio Ambiente
office-scuola = Servizi Scolastici
office-polizia-locale = Polizia Locale
office-servizi-sociali = Servizi Sociali
office-protezione-civile = Protezione Civile comunale
office-cultura = Ufficio Cultura ed Eventi
office-personale = Ufficio Personale
