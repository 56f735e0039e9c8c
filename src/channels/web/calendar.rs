//! `GET /calendar/<topic>.ics`: the upcoming deadlines of a topic of `topics.yaml` as an
//! iCalendar file, for the Comune's website (a link to download, or an address a calendar
//! application subscribes to). Public information: served to any page and any application,
//! without the web chat's origin check; Italian unless `?lang=en`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::api::Shared;
use crate::calendar::TIME_ZONE;
use crate::i18n::Lang;

#[derive(Deserialize, Default)]
pub(super) struct CalendarParams {
    #[serde(default)]
    lang: String,
}

/// How long a calendar application may keep the file before it asks again.
const MAX_AGE_SECONDS: u32 = 3600;

pub(super) async fn topic(
    State(shared): State<Arc<Shared>>,
    Path(file): Path<String>,
    Query(params): Query<CalendarParams>,
) -> Response {
    let flows = shared.api.flows.get();
    let Some(topic) = file
        .strip_suffix(".ics")
        .and_then(|id| flows.topic(id))
        .map(|t| t.id.clone())
    else {
        return (StatusCode::NOT_FOUND, "no such calendar\n").into_response();
    };
    let lang = Lang::from_tag(&params.lang).unwrap_or_default();
    let now = shared.api.clock.now();
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let deadlines: Vec<_> = flows
        .upcoming_all(today)
        .into_iter()
        .filter(|d| d.topic.as_ref().is_some_and(|t| t.text == topic))
        .collect();
    let body = crate::flows::ics::deadlines_calendar(&flows, lang, &deadlines, now);
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{topic}.ics\""),
            ),
            (
                header::CACHE_CONTROL,
                format!("public, max-age={MAX_AGE_SECONDS}"),
            ),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_owned()),
        ],
        body,
    )
        .into_response()
}
