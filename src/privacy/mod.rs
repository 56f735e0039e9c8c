//! Privacy: what is kept about citizens, and in what form.

pub mod export;
pub mod redact;
