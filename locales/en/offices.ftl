# Office names (flows/offices.yaml), used in the hand-off messages.

office-urp = Public Relations Office (URP)
office-anagrafe = Registry Office (Anagrafe)
office-tributi = Local Taxes Office
office-ambiente = Environment Office
office-scuola = School Services Office
office-polizia-locale = Local Police
office-servizi-sociali = Social Services
office-protezione-civile = Municipal Civil Protection
office-cultura = Culture and Events Office
office-personale = Human Resources Office
