//! The console's static files, embedded in the binary: Bootstrap Italia as vendored by
//! `scripts/vendor-bootstrap-italia` (CSS, the JavaScript bundle, the icon sprite, the fonts the
//! console uses) and the console's own few lines of CSS and JavaScript. Served under
//! `/assets/`, cacheable for a day: a new version of the binary brings new files under the
//! same names only when Bootstrap Italia's version changes, which the path's `?v=` carries.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Every file: its path under `/assets/`, its media type, its bytes.
#[rustfmt::skip]
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "bootstrap-italia/css/bootstrap-italia.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/bootstrap-italia/css/bootstrap-italia.min.css"),
    ),
    (
        "bootstrap-italia/js/bootstrap-italia.bundle.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js"),
    ),
    (
        "bootstrap-italia/svg/sprites.svg",
        "image/svg+xml",
        include_bytes!("../../assets/vendor/bootstrap-italia/svg/sprites.svg"),
    ),
    (
        "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-300.woff2"),
    ),
    (
        "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2"),
    ),
    (
        "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2"),
    ),
    (
        "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2"),
    ),
    (
        "bootstrap-italia/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/bootstrap-italia/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2"),
    ),
    (
        "console.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/console/console.css"),
    ),
    (
        "console.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/console/console.js"),
    ),
];

/// The vendored Bootstrap Italia version, for cache-busting links.
pub(super) const VERSION: &str = include_str!("../../assets/vendor/bootstrap-italia/VERSION");

/// `GET /assets/{*path}`.
pub(super) async fn serve(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
