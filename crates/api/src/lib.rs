//! Switchboard's HTTP surface: the Dixa-shaped REST API under `/v1`, the event stream, the
//! OpenAPI document, the test clock and the built UI. Handlers are thin: parse, call the
//! service, shape the answer.

pub mod dto;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod paging;
pub mod routes;
pub mod wire;

use crate::error::ApiError;
use crate::extract::Caller;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Json;
pub use axum::Router;
use routes::{
    agents, anonymize, assignees, attributes, catalogues, clock, companies, conversations, email, end_users, endpoints,
    events, hours, inbox, linked, preferences, queues, ratings, routing, saved_views, search, settings, sign_in, sla,
    statuses, tags, teams, timeline, tokens, waiting, webhooks,
};
use std::path::PathBuf;
use switchboard_service::Service;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Largest request body accepted; larger ones get 413.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub service: Service,
    /// Turns true when the server is stopping, so endless streams (events) end and let it stop.
    pub stopping: Option<tokio::sync::watch::Receiver<bool>>,
}

/// How the router is put together.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The built UI (`ui/dist`), served at `/`; None serves a page saying it is not built.
    pub ui_dir: Option<PathBuf>,
    /// Set to true to end the event streams when the server shuts down.
    pub stopping: Option<tokio::sync::watch::Receiver<bool>>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Switchboard API", description = "Conversations for contact centers: Dixa v1 paths and shapes, with the Infobip conversation model."),
    modifiers(&Security),
    security(("ApiKeyAuth" = [])),
    components(schemas(routes::events::Event, switchboard_engine::kinds::SlaState, switchboard_engine::kinds::ConversationSort))
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "ApiKeyAuth",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "An API token, raw or as `Bearer <token>`",
            ))),
        );
    }
}

/// Every operation may answer with these errors (a bad request, no or a wrong token, a missing
/// permission, an unknown id, a conflict with the current state, a body over the limit), all
/// with an `ErrorBody`; the document says so on each operation.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let common = [
            ("400", "The request is not valid"),
            ("401", "No valid API token"),
            ("403", "The caller's roles don't allow this"),
            ("404", "Something named in the request does not exist"),
            ("409", "The request clashes with the current state"),
            ("413", "The request body is too large"),
        ];
        for (path, item) in openapi.paths.paths.iter_mut() {
            let public = is_public(path);
            if let (Some(op), false) = (item.post.as_mut(), public) {
                use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
                op.parameters.get_or_insert_with(Vec::new).push(
                    ParameterBuilder::new()
                        .name("Idempotency-Key")
                        .parameter_in(ParameterIn::Header)
                        .description(Some(
                            "Sent again with the same key within 24 hours, the request gets its first answer \
                             and changes nothing",
                        ))
                        .schema(Some(
                            utoipa::openapi::ObjectBuilder::new()
                                .schema_type(utoipa::openapi::schema::Type::String)
                                .min_length(Some(1))
                                .max_length(Some(switchboard_engine::idempotency::MAX_KEY_CHARS)),
                        ))
                        .build(),
                );
            }
            for op in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                for (code, description) in common {
                    if public && matches!(code, "401" | "403") {
                        continue;
                    }
                    op.responses.responses.entry(code.to_owned()).or_insert_with(|| {
                        ResponseBuilder::new()
                            .description(description)
                            .content(
                                "application/json",
                                ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                            )
                            .into()
                    });
                }
            }
        }
    }
}

fn v1_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(agents::router())
        .merge(catalogues::router())
        .merge(statuses::router())
        .merge(settings::router())
        .merge(email::router())
        .merge(teams::router())
        .merge(end_users::router())
        .merge(companies::router())
        .merge(conversations::router())
        .merge(assignees::router())
        .merge(inbox::router())
        .merge(queues::router())
        .merge(hours::router())
        .merge(tags::router())
        .merge(timeline::router())
        .merge(events::router())
        .merge(linked::router())
        .merge(ratings::router())
        .merge(attributes::router())
        .merge(endpoints::router())
        .merge(search::router())
        .merge(anonymize::router())
        .merge(webhooks::router())
        .merge(routing::router())
        .merge(waiting::router())
        .merge(sla::router())
        .merge(tokens::router())
        .merge(sign_in::router())
        .merge(preferences::router())
        .merge(saved_views::router())
}

/// Paths answered without a token: signing in and the one-time links.
fn is_public(path: &str) -> bool {
    path.starts_with("/_clock") || path == "/v1/auth/sign-in" || path.starts_with("/v1/auth/links/")
}

fn clock_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(clock::now)).routes(routes!(clock::advance))
}

/// The OpenAPI document of every endpoint (the test clock's included, marked as such).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .merge(v1_routes())
        .merge(sign_in::public_router())
        .split_for_parts();
    let (_, clock_doc) = clock_routes().split_for_parts();
    doc.merge(clock_doc);
    // After the merge: the routes' operations exist only now.
    CommonErrors.modify(&mut doc);
    doc
}

/// The whole application router.
pub fn router(service: Service, options: Options) -> Router {
    let manual = service.clock().is_manual();
    let state = AppState { service, stopping: options.stopping };
    let (v1, _) = v1_routes().split_for_parts();
    // Layers run outside-in: authenticate first; who may do what is decided by the service.
    let v1 = v1
        .route_layer(middleware::from_fn_with_state(state.clone(), idempotency::layer))
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    let (public, _) = sign_in::public_router().split_for_parts();
    let mut app = Router::new().merge(v1).merge(public);
    if manual {
        let (clock, _) = clock_routes().split_for_parts();
        app = app.merge(clock);
    }
    let doc = openapi();
    let ui_dir = options.ui_dir;
    app.route("/openapi.json", get(move || async move { Json(doc) }))
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed on this path")
        })
        .fallback(move |req: Request| serve_ui(ui_dir.clone(), req))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors())
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal failure during request processing")
                .into_response()
        }))
        .with_state(state)
}

/// The desktop window loads the UI from Tauri's own origin and calls the API on loopback.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list([
            HeaderValue::from_static("tauri://localhost"),
            HeaderValue::from_static("http://tauri.localhost"),
        ]))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, HeaderName::from_static(idempotency::HEADER)])
        .expose_headers([HeaderName::from_static(idempotency::REPLAYED)])
}

/// Accepts `Authorization: <token>` (as Dixa clients send it) or `Authorization: Bearer <token>`.
async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let token = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(|v| {
        let v = v.trim();
        match v.split_once(' ') {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim().to_owned(),
            _ => v.to_owned(),
        }
    });
    let Some(token) = token else {
        return ApiError::new(StatusCode::UNAUTHORIZED, "A valid API token is required in the Authorization header")
            .into_response();
    };
    match state.service.authenticate(&token).await {
        Ok(signed_in) => {
            state.service.presence().touch(signed_in.user.id, state.service.clock().now());
            req.extensions_mut().insert(extract::CurrentToken(signed_in.token.id));
            req.extensions_mut().insert(Caller(signed_in.user));
            next.run(req).await
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// Unknown API paths get a JSON 404; everything else is the UI (an SPA: unknown paths get index.html).
async fn serve_ui(ui_dir: Option<PathBuf>, req: Request) -> Response {
    let path = req.uri().path();
    if path.starts_with("/v1") || path.starts_with("/_clock") {
        return ApiError::not_found(format!("No endpoint at {path}")).into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "The web UI's files can only be read").into_response();
    }
    match ui_dir.filter(|d| d.join("index.html").is_file()) {
        Some(dir) => {
            let index = dir.join("index.html");
            match ServeDir::new(&dir).fallback(ServeFile::new(index)).oneshot(req).await {
                Ok(resp) => resp.into_response(),
                Err(never) => match never {},
            }
        }
        None => Html(
            "<!doctype html><title>Switchboard</title><p>The Switchboard API is running. \
             The web UI is not built: run <code>cargo xtask run --headless</code>.</p>",
        )
        .into_response(),
    }
}

/// Serves the router on a listener until `stop` completes, then drains open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer's address throttles sign-in attempts from one place.
    axum::serve(wire::JsonRefusalListener(listener), app.into_make_service_with_connect_info::<wire::PeerAddr>())
        .with_graceful_shutdown(stop)
        .await
}
