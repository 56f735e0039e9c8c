//! Throughput of `Index::classify` over realistic citizen questions against an index of ~300 targets.
//!
//! Run with `cargo bench --bench matcher`. No benchmark framework: a warm-up, then a timed loop,
//! best of a few rounds, so that other processes sharing the CPU disturb the figure less.

use std::hint::black_box;
use std::time::Instant;

use sportello::i18n::Lang;
use sportello::text::matcher::{DocKind, Index, IndexBuilder, Verdict};

const TARGETS: usize = 300;
const WARM_UP: usize = 20_000;
const ITERATIONS: usize = 200_000;
const ROUNDS: usize = 3;

const QUERIES: [&str; 20] = [
    "quando scade la tari?",
    "quando scade la tarri",
    "devo pagare la tassa sui rifuti",
    "how do I pay the waste tax",
    "vorrei rifare la carta d'identità",
    "carta identià scaduta, come faccio?",
    "ho preso una multa in centro",
    "mi serve un certificato di nascita per mio figlio",
    "buongiorno",
    "asdfgh",
    "tassa",
    "come funziona il cambio di residenza se mi trasferisco da un altro comune",
    "a che ora passa la plastica lunedì?",
    "devo buttare un materasso vecchio",
    "iscrizione alla mensa scolastica per l'anno prossimo",
    "posso entrare nella ztl con il permesso disabili?",
    "c'è un incendio nel bosco vicino a casa",
    "contributo affitto per famiglie in difficoltà",
    "orari biblioteca comunale sabato",
    "I need an identity card appointment",
];

fn realistic(b: &mut IndexBuilder<String>) {
    let targets: &[(&str, &[&str], &[&str], &str)] = &[
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
    for (target, it, en, text) in targets {
        for t in *it {
            b.add(target.to_string(), Lang::It, DocKind::Trigger, t);
        }
        for t in *en {
            b.add(target.to_string(), Lang::En, DocKind::Trigger, t);
        }
        b.add(target.to_string(), Lang::It, DocKind::Text, text);
    }
}

/// Synthetic targets built from the vocabulary of a Comune's website, so the index has the size
/// and the word overlap of a real flow set.
fn synthetic(b: &mut IndexBuilder<String>, count: usize) {
    const AREAS: &[&str] = &[
        "servizi-sociali",
        "urbanistica",
        "cultura",
        "sport",
        "ambiente",
        "lavori-pubblici",
        "commercio",
        "turismo",
        "protezione-civile",
        "elettorale",
        "cimiteri",
        "trasporti",
    ];
    const SUBJECTS: &[&str] = &[
        "contributo",
        "domanda",
        "bando",
        "permesso",
        "licenza",
        "autorizzazione",
        "rimborso",
        "iscrizione",
        "modulo",
        "prenotazione",
        "segnalazione",
        "richiesta",
        "agevolazione",
        "esenzione",
        "concessione",
        "graduatoria",
        "voucher",
        "tessera",
        "abbonamento",
        "pratica",
    ];
    const OBJECTS: &[&str] = &[
        "affitto",
        "asilo nido",
        "trasporto scolastico",
        "verde pubblico",
        "illuminazione",
        "suolo pubblico",
        "passo carrabile",
        "biblioteca",
        "palestra",
        "piscina comunale",
        "centro estivo",
        "famiglie numerose",
        "anziani",
        "disabili",
        "cantiere",
        "buche stradali",
        "alberi",
        "cani",
        "mercato settimanale",
        "fiera",
        "teatro",
        "museo",
        "loculi",
        "lampade votive",
        "scuolabus",
        "parcheggio",
        "bici",
        "orti urbani",
        "acqua",
        "fognature",
    ];
    const ENGLISH: &[&str] = &[
        "grant",
        "application",
        "permit",
        "licence",
        "refund",
        "registration",
        "form",
        "booking",
        "report",
        "request",
        "discount",
        "exemption",
        "ranking",
        "voucher",
        "pass",
        "library",
        "gym",
        "swimming pool",
        "summer camp",
        "elderly",
        "dogs",
        "market",
        "theatre",
        "parking",
    ];
    const TEXT: &[&str] = &[
        "servizio",
        "comune",
        "ufficio",
        "cittadini",
        "online",
        "sportello",
        "documenti",
        "scadenza",
        "orari",
        "apertura",
        "requisiti",
        "residenti",
        "pagamento",
        "modulistica",
        "informazioni",
        "telefono",
        "email",
        "spid",
        "appuntamento",
        "allegati",
        "isee",
        "entro",
        "giorni",
        "anno",
        "settimana",
        "famiglia",
        "reddito",
        "gratuito",
        "tariffa",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut pick = |list: &[&'static str]| -> &'static str {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        list[(seed % list.len() as u64) as usize]
    };
    for i in 0..count {
        let target = format!("{}/servizio-{i}", pick(AREAS));
        let (subject, object) = (pick(SUBJECTS), pick(OBJECTS));
        for trigger in [
            format!("{subject} {object}"),
            object.to_string(),
            format!("{} {object}", pick(SUBJECTS)),
        ] {
            b.add(target.clone(), Lang::It, DocKind::Trigger, &trigger);
        }
        b.add(
            target.clone(),
            Lang::En,
            DocKind::Trigger,
            &format!("{} {}", pick(ENGLISH), pick(ENGLISH)),
        );
        let text: Vec<&str> = (0..18)
            .map(|_| pick(TEXT))
            .chain([subject, object])
            .collect();
        b.add(target, Lang::It, DocKind::Text, &text.join(" "));
    }
}

fn build() -> Index<String> {
    let mut b = IndexBuilder::new();
    realistic(&mut b);
    synthetic(&mut b, TARGETS - 11);
    b.build()
}

fn main() {
    let started = Instant::now();
    let index = build();
    println!("built {index:?} in {:?}", started.elapsed());

    for q in QUERIES {
        let verdict = match index.classify(q) {
            Verdict::Clear(t) => format!("Clear({t})"),
            Verdict::Close(ts) => format!("Close({})", ts.join(", ")),
            Verdict::Miss { best } => format!("Miss(best: {best:?})"),
        };
        println!("  {q:<75} {verdict}");
    }

    for i in 0..WARM_UP {
        black_box(index.classify(black_box(QUERIES[i % QUERIES.len()])));
    }
    let mut best = f64::INFINITY;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for i in 0..ITERATIONS {
            black_box(index.classify(black_box(QUERIES[i % QUERIES.len()])));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "classify: {ITERATIONS} calls in {best:.3} s (best of {ROUNDS}) = {:.0} queries/s, {:.2} µs/query",
        ITERATIONS as f64 / best,
        best * 1e6 / ITERATIONS as f64
    );
}
