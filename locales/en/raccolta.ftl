# Door-to-door collection by zone (flows/waste.yaml): the names of the zones and materials,
# and the answers to "what is collected tomorrow?".

raccolta-zona-centro = Historic centre
raccolta-zona-nord = North
raccolta-zona-sud = South and industrial area

raccolta-organico = food waste
raccolta-carta = paper and cardboard
raccolta-plastica = plastic and metal
raccolta-vetro = glass
raccolta-secco = general waste
raccolta-verde = garden waste

raccolta-domani = Tomorrow, { $date }, in the { $zone } zone the collection is: { $materials }. Put the bins outside your home after 8 pm this evening and before 6 am tomorrow.
raccolta-domani-niente = Tomorrow, { $date }, there is no door-to-door collection in the { $zone } zone.
raccolta-altro-indirizzo = If you need another address, write the street and house number.
raccolta-chiedi-indirizzo = To tell you what is collected tomorrow in your zone, write your street and house number, for example "via Roma 12".
raccolta-chiedi-civico = This street is split between collection zones: please also write the house number, for example "via Roma 12".
raccolta-via-sconosciuta = I cannot find this street in the collection calendar. Please check how it is written, for example "via Roma 12", or see the full calendar.
raccolta-ricordare = Shall I remember your collection zone ({ $zone }) for next time? I will keep only the zone, not the address.
raccolta-ricordare-si = Yes, remember the zone
raccolta-ricordare-no = No, thank you
raccolta-ricordata = I will remember the { $zone } zone. If you turn on the waste collection alerts with /alerts, you will receive a reminder the evening before each collection. With /delete_my_data you can delete this information too.
raccolta-non-ricordata = All right, I will not remember the zone.
raccolta-promemoria-perche = You receive this reminder because you turned on the waste collection alerts. To stop receiving them, write /alerts or /stop.
