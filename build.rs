//! Build-time settings: the embedded migrations are rebuilt when a migration file changes, and
//! the tests that need PostgreSQL are marked ignored (shown as such, not as passed) when no
//! test database is configured.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=migrations");
    println!("cargo::rerun-if-env-changed=SPORTELLO_TEST_POSTGRES_URL");
    println!("cargo::rustc-check-cfg=cfg(sportello_no_test_postgres)");
    let configured =
        std::env::var("SPORTELLO_TEST_POSTGRES_URL").is_ok_and(|url| !url.trim().is_empty());
    if !configured {
        println!("cargo::rustc-cfg=sportello_no_test_postgres");
    }
}
