//! Timing loops shared by the benchmarks.

// Each benchmark uses a part.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for about `budget` after a warm-up of a fifth of it; returns calls per
/// second, where each run of `f` reports how many calls it made.
pub fn rate(budget: Duration, mut f: impl FnMut() -> usize) -> f64 {
    let warm = Instant::now();
    while warm.elapsed() < budget / 5 {
        black_box(f());
    }
    let start = Instant::now();
    let mut calls = 0usize;
    while start.elapsed() < budget {
        calls += f();
    }
    calls as f64 / start.elapsed().as_secs_f64()
}

/// The `p`-th percentile (0 to 100) of durations sorted in ascending order; zero for none.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}
