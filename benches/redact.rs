//! Redaction throughput, one core: realistic citizen messages (20–300 characters, some with
//! personal data, most without), and the time for one 100 kB message. Run with
//! `cargo bench --bench redact`.

#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;
use std::time::{Duration, Instant};

use sportello::privacy::redact::{is_special_category, redact};

/// Messages like the ones the bot stores: short questions, contact details, payments, health.
const MESSAGES: &[&str] = &[
    "Buongiorno, a che ora apre l'anagrafe?",
    "Ho una domanda sulla TARI 2026: la prima rata scade il 16/05/2026?",
    "Vorrei prenotare un appuntamento per la carta d'identità elettronica, il mio numero è 333 1234567.",
    "Il mio codice fiscale è RSSMRA85T10A562S, potete controllare se la pratica 2026/123 è stata chiusa?",
    "Ho pagato 22,21 euro con pagoPA ma risulta ancora da pagare. Grazie",
    "Scrivetemi pure a mario.rossi@gmail.com oppure chiamatemi allo 06 12345678 dalle 9 alle 13.",
    "Mia madre è disabile (legge 104) e non può venire allo sportello: è possibile un appuntamento a domicilio?",
    "Per il rimborso il mio IBAN è IT60 X054 2811 1010 0000 0123 456, intestato a Mario Rossi.",
    "Dove si trova l'isola ecologica? Devo buttare un vecchio divano.",
    "Ciao! 😀 Il bus per la scuola di via Roma 12 passa anche sabato?",
    "Ho perso il passaporto YA1234567, cosa devo fare? Ho già fatto denuncia ai Carabinieri (112).",
    "Good morning, I need a residence certificate. My phone is +44 7700 900123.",
    "La ditta ha partita IVA 01234567897 e sede in Piazza Garibaldi 3, 47121 Forlì.",
    "C'è troppo rumore in via Verdi di notte, a chi devo rivolgermi? Numero verde 800 123 456?",
    "Quando posso ritirare la CIE? Ho fatto la richiesta il 03.03.2026 alle 10:30.",
    "Grazie mille, buona giornata",
    "Va bene, grazie mille",
    "Buonasera, scrivo per conto di mia madre, Anna Bianchi (BNCNNA50A41H501X), che ha 76 anni e non usa internet: deve rinnovare la carta d'identità AX1234567 che scade il 30/06/2026 e vorrebbe sapere se può venire lunedì mattina senza appuntamento. Il mio cellulare è 347 123 4567.",
    "Salve, il 12 marzo ho ricevuto un avviso di pagamento della TARI di 312,45 € per l'immobile in via Garibaldi 33, 47121 Forlì, ma l'ho già pagato il 16/12/2025 con bonifico. Allego la ricevuta, protocollo 2026/0004567. Potete verificare e rispondermi a anna.bianchi@libero.it?",
    "Hello, I moved to the Comune last month with my family and need to register our residence. We are EU citizens; what documents do we need, and can we book the appointment online? My phone is +49 151 23456789 and my email is k.schmidt@example.de. Thank you very much for your help!",
];

/// Best of `runs` timings of `f`: the least disturbed by the rest of the machine.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let budget = Duration::from_secs(3);
    let lengths: Vec<usize> = MESSAGES.iter().map(|m| m.chars().count()).collect();
    let found: usize = MESSAGES.iter().map(|m| redact(m).findings.len()).sum();
    println!(
        "messages: {} ({}–{} characters, {} findings in all)",
        MESSAGES.len(),
        lengths.iter().min().unwrap_or(&0),
        lengths.iter().max().unwrap_or(&0),
        found
    );

    let per_second = timing::rate(budget, || {
        for m in MESSAGES {
            black_box(redact(black_box(m)));
        }
        MESSAGES.len()
    });
    println!(
        "redact, mixed messages:          {:>10.0} redactions/s ({:.2} µs each)",
        per_second,
        1e6 / per_second
    );
    let flags = timing::rate(budget, || {
        for m in MESSAGES {
            black_box(is_special_category(black_box(m)));
        }
        MESSAGES.len()
    });
    println!("is_special_category alone:       {flags:>10.0} checks/s");

    // One long message: the messages above repeated to 100 kB, so it has the same density of
    // findings as real text.
    let mut long = String::new();
    while long.len() < 100_000 {
        for m in MESSAGES {
            long.push_str(m);
            long.push(' ');
        }
    }
    let findings = redact(&long).findings.len();
    let took = best_of(20, || {
        black_box(redact(black_box(&long)));
    });
    println!(
        "redact, one {} kB message:      {:>10.3} ms ({} findings)",
        long.len() / 1000,
        took.as_secs_f64() * 1e3,
        findings
    );

    // Worst cases for the scanners: digits everywhere, and text with no spaces at all.
    let digits = "06 1234 5678 0,5 2026/12 ".repeat(4_000);
    let took = best_of(10, || {
        black_box(redact(black_box(&digits)));
    });
    println!(
        "redact, {} kB of digit groups:   {:>10.3} ms",
        digits.len() / 1000,
        took.as_secs_f64() * 1e3
    );
    let word = "a".repeat(100_000);
    let took = best_of(10, || {
        black_box(redact(black_box(&word)));
    });
    println!(
        "redact, one 100 kB word:         {:>10.3} ms",
        took.as_secs_f64() * 1e3
    );
}
