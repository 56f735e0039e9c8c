//! CPU time of the service, the bench, the PostgreSQL server and the rest of the machine over
//! a phase of an end-to-end benchmark, read from `/proc`: it tells which side was saturated
//! and whether other work took the cores.

/// Linux reports process CPU time in these ticks (`getconf CLK_TCK`, 100 on every common
/// kernel configuration).
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU seconds (user + system) a process has used so far.
pub fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name, in parentheses, may hold spaces: count fields after it.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / TICKS_PER_SECOND
}

/// CPU seconds the whole machine was busy (or lent to other virtual machines) so far.
fn machine_busy_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    let busy: f64 = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum();
    busy / TICKS_PER_SECOND
}

/// CPU seconds used by the PostgreSQL server's processes so far (all of them: other clients
/// of the same server count too).
fn postgres_seconds() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "postgres")
        })
        .map(|pid| cpu_seconds(&pid))
        .sum()
}

/// CPU seconds, or their growth over a phase.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuUse {
    pub service: f64,
    /// The fake server and the load generator.
    pub bench: f64,
    /// The PostgreSQL server, when the service uses it.
    pub database: f64,
    /// Everything else on the machine: other work sharing the cores.
    pub others: f64,
}

/// Measures CPU use over a phase.
pub struct Cpu {
    service: String,
    postgres: bool,
    start: CpuUse,
}

impl Cpu {
    pub fn start(service_pid: u32, postgres: bool) -> Cpu {
        let service = service_pid.to_string();
        Cpu {
            start: Cpu::now(&service, postgres),
            service,
            postgres,
        }
    }

    /// Totals so far; `others` holds the whole machine's busy time.
    fn now(service: &str, postgres: bool) -> CpuUse {
        CpuUse {
            service: cpu_seconds(service),
            bench: cpu_seconds("self"),
            database: if postgres { postgres_seconds() } else { 0.0 },
            others: machine_busy_seconds(),
        }
    }

    pub fn used(&self) -> CpuUse {
        let now = Cpu::now(&self.service, self.postgres);
        let service = now.service - self.start.service;
        let bench = now.bench - self.start.bench;
        // A server process that ended during the phase takes its time with it: never below 0.
        let database = (now.database - self.start.database).max(0.0);
        let machine = now.others - self.start.others;
        CpuUse {
            service,
            bench,
            database,
            others: (machine - service - bench - database).max(0.0),
        }
    }
}
