//! The topics of a small Comune's flows, as the matcher indexes them: the fixture of the
//! matcher's tests and the realistic part of its benchmark (`benches/matcher.rs`).

/// A topic: target, Italian triggers, English triggers, Italian text (empty for none).
pub type Topic = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

pub const TOPICS: &[Topic] = &[
    (
        "tributi/tari",
        &["tari", "tassa rifiuti", "tassa sui rifiuti"],
        &["waste tax"],
        "La TARI è la tassa sui rifiuti: si paga in due rate con il modello F24.",
    ),
    (
        "tributi/imu",
        &["imu", "imposta municipale"],
        &["property tax"],
        "L'IMU è la tassa sugli immobili: la prima casa è esente.",
    ),
    (
        "anagrafe/cie",
        &[
            "carta d'identità",
            "carta di identità elettronica",
            "cie",
            "documento d'identità",
        ],
        &["identity card", "id card"],
        "La carta d'identità elettronica si richiede su appuntamento all'ufficio anagrafe.",
    ),
    (
        "anagrafe/residenza",
        &["cambio di residenza", "residenza", "trasferimento"],
        &["change of address", "residence"],
        "Il cambio di residenza si dichiara all'anagrafe entro venti giorni dal trasloco.",
    ),
    (
        "anagrafe/certificati",
        &["certificato", "certificati", "certificato di nascita"],
        &["certificate"],
        "I certificati anagrafici si scaricano online con SPID o si chiedono allo sportello.",
    ),
    (
        "rifiuti/ingombranti",
        &["ingombranti", "mobili vecchi", "materasso"],
        &["bulky waste"],
        "Il ritiro dei rifiuti ingombranti a domicilio è gratuito su prenotazione.",
    ),
    (
        "rifiuti/calendario",
        &[
            "raccolta differenziata",
            "calendario raccolta",
            "quando passa la plastica",
        ],
        &["waste collection"],
        "Il calendario della raccolta differenziata: plastica il lunedì, carta il giovedì.",
    ),
    (
        "scuola/mensa",
        &["mensa", "mensa scolastica", "buoni pasto"],
        &["school canteen", "school meals"],
        "L'iscrizione alla mensa scolastica si fa online prima dell'inizio dell'anno.",
    ),
    (
        "polizia-locale/multe",
        &["multa", "multe", "contravvenzione", "verbale"],
        &["fine", "parking ticket"],
        "Le multe si pagano entro cinque giorni con lo sconto del 30%.",
    ),
    (
        "polizia-locale/ztl",
        &["ztl", "permesso ztl", "zona a traffico limitato"],
        &[],
        "Il permesso per la ZTL del centro storico si chiede alla polizia locale.",
    ),
    (
        "emergenze",
        &[
            "incendio",
            "incidente",
            "aiuto sto male",
            "alluvione",
            "terremoto",
        ],
        &["fire", "accident", "flood", "earthquake", "help i am sick"],
        "",
    ),
];
