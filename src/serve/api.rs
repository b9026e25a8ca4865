//! `/api/`: JSON in the exact shapes of the CLI's `--json` outputs (the wire structs of
//! `render::wire`, `render::Json` and `render::wire::numbers`), errors as `{"error", "closest"}`.

use super::Site;
use super::problem::Problem;
use super::routes::{self, Params};
use crate::render::wire::numbers as numbers_json;
use crate::render::wire::{ArticleJson, PrecedentJson, SearchJson};
use crate::render::{Json, Render};
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Multipart, Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

/// A problem answered as JSON.
pub struct ApiError(pub Problem);

impl From<Problem> for ApiError {
    fn from(p: Problem) -> Self {
        ApiError(p)
    }
}

impl ApiError {
    /// The answer's JSON text: `{"error": …, "closest": […]}`.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Wire<'a> {
            error: &'a str,
            closest: Vec<&'a str>,
        }
        let p = &self.0;
        serde_json::to_string(&Wire {
            error: &p.message,
            closest: p.closest.iter().map(|s| s.name.as_str()).collect(),
        })
        .unwrap_or_else(|_| "{\"error\": \"cannot write the error\", \"closest\": []}".to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.json();
        json_response(self.0.status, body)
    }
}

type ApiResult = Result<Response, ApiError>;

/// The content type of every JSON answer.
pub const JSON_TYPE: &str = "application/json; charset=utf-8";

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, JSON_TYPE)], body).into_response()
}

fn ok_json(value: &impl Serialize) -> ApiResult {
    let body = serde_json::to_string(value)
        .map_err(|e| ApiError(Problem::internal(format!("cannot write JSON: {e}"))))?;
    Ok(json_response(StatusCode::OK, body))
}

/// `GET /api/corpus`: as `guize corpus --json`.
pub async fn corpus(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> ApiResult {
    Params::checked(raw.as_deref())?.only("/api/corpus", &[])?;
    Ok(json_response(StatusCode::OK, site.corpus_json.clone()))
}

/// `GET /api/align`: as `guize align --json`, always of all documents: a parameter (`doc`) is
/// refused rather than ignored.
pub async fn align(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> ApiResult {
    let params = Params::checked(raw.as_deref())?;
    if let Some(name) = params.names().next() {
        return Err(ApiError(Problem::bad_request(format!(
            "/api/align takes no parameters ('{name}' given): it answers for all documents; \
             /api/compare/{{what}}?doc= compares chosen documents"
        ))));
    }
    Ok(json_response(StatusCode::OK, site.align_json.clone()))
}

/// `GET /api/search?q=&doc=&chapter=&limit=`: as `guize search --json`.
pub async fn search(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> ApiResult {
    let params = Params::checked(raw.as_deref())?;
    // A parameter it would ignore is refused, as /api/align refuses one: a script that misspells
    // `limit` or `doc` learns it at once rather than getting an answer for other settings.
    params.only("/api/search", &["q", "doc", "chapter", "limit"])?;
    site.work(move |site| {
        let searched = routes::search(site, &params)?;
        let mut json = SearchJson::new(&searched.report);
        json.without_chapters = &searched.without_chapters;
        ok_json(&json)
    })
    .await?
}

/// `GET /api/articles/{doc}/{article}`: as `guize show DOC ARTICLE --json`.
pub async fn article(
    State(site): State<Arc<Site>>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let path = Problem::path_text(path)?;
    Params::checked(raw.as_deref())?.only("/api/articles", &[])?;
    let (doc, article) = routes::doc_or_article(&site, &path)?;
    let Some(article) = article else {
        let mut p = Problem::not_found(format!(
            "give an article: /api/articles/{}/39 ({} articles)",
            doc.id,
            doc.articles.len()
        ));
        p.closest = super::problem::closest_articles(doc, "");
        return Err(ApiError(p));
    };
    ok_json(&ArticleJson::new(doc, article))
}

/// `GET /api/compare/{what}?base=&doc=`: as `guize compare WHAT --json`.
pub async fn compare(
    State(site): State<Arc<Site>>,
    what: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let what = Problem::path_text(what)?;
    let params = Params::checked(raw.as_deref())?;
    params.only("/api/compare", &["base", "doc"])?;
    site.work(move |site| {
        let compared = routes::compare(site, &what, &params)?;
        let mut body = Vec::new();
        Json.compare(&mut body, &compared.group)
            .map_err(|e| Problem::internal(format!("cannot write JSON: {e}")))?;
        let body = String::from_utf8_lossy(&body).trim_end().to_string();
        Ok(json_response(StatusCode::OK, body))
    })
    .await?
}

/// `POST /api/precedent?limit=&doc=&exclude=`: the body is the draft as text, or
/// `{"text": …, "limit": …, "doc": …, "exclude": …}` with a JSON content type, or the page's
/// form, multipart (`text` or `file`) or urlencoded (`text`), with `limit`, `doc`, `exclude` as
/// fields or in the query; as `guize precedent --json`. A key or field it does not take is a 400
/// naming it, as a query parameter is.
pub async fn precedent(
    State(site): State<Arc<Site>>,
    request: axum::extract::Request,
) -> ApiResult {
    let params = Params::checked(request.uri().query())?;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim_start().to_ascii_lowercase())
        .unwrap_or_default();
    let (draft, authored, fields) = if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &()).await;
        routes::multipart_form(multipart).await?
    } else {
        let body = Bytes::from_request(request, &()).await.map_err(|e| {
            ApiError(Problem {
                status: e.status(),
                message: format!("cannot read the draft: {}", e.body_text()),
                closest: Vec::new(),
            })
        })?;
        if content_type.starts_with("application/json") {
            routes::json_form(&body)?
        } else if content_type.starts_with("application/x-www-form-urlencoded")
            && form_urlencoded::parse(&body).any(|(name, _)| name == "text")
        {
            // A form (`curl --data-urlencode text=…`). curl sends this content type for any
            // `--data-binary`, so a body without a `text` field is the draft itself, as before.
            routes::urlencoded_form(&body)
        } else {
            let (draft, authored) = routes::decode_draft(&body)?;
            (draft, authored, Vec::new())
        }
    };
    let params = params.and(fields);
    params.only("/api/precedent", &routes::PRECEDENT_FIELDS)?;
    site.work_heavy(move |site, stop| {
        let report = routes::precedent(site, &draft, authored, &params, stop)?;
        ok_json(&PrecedentJson::new(&report))
    })
    .await?
}

/// `GET /api/numbers?q=&differs=`: as `guize numbers [Q] [--differs] --json`.
pub async fn numbers(State(site): State<Arc<Site>>, RawQuery(raw): RawQuery) -> ApiResult {
    let params = Params::checked(raw.as_deref())?;
    // As /api/search: a parameter it would ignore is refused (`doc`: the figures are the
    // corpus's; `guize numbers --doc` aligns chosen documents), and so is a blank filter, as
    // `guize numbers ' '` refuses it, rather than answering with every figure.
    if let Some(name) = params.names().find(|n| !["q", "differs"].contains(n)) {
        return Err(ApiError(Problem::bad_request(format!(
            "/api/numbers takes q and differs ('{name}' given); it answers for all documents \
             (guize numbers --doc chooses some)"
        ))));
    }
    // An empty `q=` is as if absent, like every empty parameter; blank space is no filter.
    if params
        .one("q")?
        .is_some_and(|q| !q.is_empty() && q.trim().is_empty())
    {
        return Err(ApiError(Problem::bad_request(
            "the filter q is blank: give words of the figures' subject or group, or leave q out",
        )));
    }
    let (_, shown) = routes::numbers(&site, &params)?;
    ok_json(&numbers_json::to_json(&shown, Some(&site.alignment)))
}
