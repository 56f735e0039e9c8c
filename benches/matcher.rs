//! Throughput of `Index::classify` over realistic citizen questions against an index of ~300 targets.
//!
//! Run with `cargo bench --bench matcher`. No benchmark framework: a warm-up, then a timed loop,
//! best of a few rounds, so that other processes sharing the CPU disturb the figure less.

use std::hint::black_box;
use std::time::Instant;

use sportello::i18n::Lang;
use sportello::text::matcher::{DocKind, Index, IndexBuilder, Verdict};

#[path = "../src/text/matcher/topics.rs"]
mod topics;

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
    for &(target, it, en, text) in topics::TOPICS {
        for t in it {
            b.add(target.to_string(), Lang::It, DocKind::Trigger, t);
        }
        for t in en {
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
