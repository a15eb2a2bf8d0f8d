//! `switchboard-server`: runs Switchboard headless, for browsers, bots and integrations.

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use switchboard_api::Options;
use switchboard_service::{Bootstrap, Clock, Service};

#[derive(Parser)]
#[command(name = "switchboard-server", version, about = "Switchboard's headless server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, the event stream and the web UI.
    Serve(Serve),
    /// Print the OpenAPI document and exit.
    Openapi,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ClockKind {
    System,
    Manual,
}

#[derive(Parser)]
struct Serve {
    /// Where the database lives (default: the user's data directory).
    #[arg(long, env = "SWITCHBOARD_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, env = "SWITCHBOARD_LISTEN", default_value = "127.0.0.1:4810")]
    listen: SocketAddr,
    /// `manual` makes time stand still until `POST /_clock/advance` (for tests).
    #[arg(long, value_enum, default_value = "system")]
    clock: ClockKind,
    /// Start time of the manual clock (RFC 3339).
    #[arg(long)]
    clock_start: Option<String>,
    /// The built web UI (default: the repository's `ui/dist`).
    #[arg(long, env = "SWITCHBOARD_UI_DIR")]
    ui_dir: Option<PathBuf>,
}

fn default_data_dir() -> Result<PathBuf> {
    Ok(dirs::data_dir().context("no per-user data directory on this system; pass --data-dir")?.join("switchboard"))
}

/// Where the built UI is looked for: beside the binary (`ui/`), in an installed layout
/// (`../share/switchboard/ui`), then in the source tree the binary was built from.
fn default_ui_dir() -> PathBuf {
    let beside_binary = std::env::current_exe().ok().and_then(|exe| exe.parent().map(PathBuf::from));
    let mut candidates = Vec::new();
    if let Some(dir) = beside_binary {
        candidates.push(dir.join("ui"));
        candidates.push(dir.join("../share/switchboard/ui"));
    }
    candidates.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/dist")));
    let fallback = candidates.last().cloned().unwrap_or_default();
    candidates.into_iter().find(|d| d.join("index.html").is_file()).unwrap_or(fallback)
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Openapi => {
            println!("{}", serde_json::to_string_pretty(&switchboard_api::openapi())?);
            Ok(())
        }
        Command::Serve(args) => serve(args).await,
    }
}

async fn serve(args: Serve) -> Result<()> {
    let clock = match (args.clock, args.clock_start) {
        (ClockKind::System, None) => Clock::System,
        (ClockKind::System, Some(_)) => bail!("--clock-start needs --clock manual"),
        (ClockKind::Manual, start) => {
            let start = match start {
                Some(s) => DateTime::parse_from_rfc3339(&s)
                    .with_context(|| format!("--clock-start {s} is not an RFC 3339 time"))?
                    .with_timezone(&Utc),
                None => Utc::now(),
            };
            Clock::manual(start)
        }
    };
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    let token = std::env::var("SWITCHBOARD_BOOTSTRAP_TOKEN").ok();
    let (service, bootstrap) = Service::open(&data_dir, clock, token)
        .await
        .with_context(|| format!("opening the database in {}", data_dir.display()))?;
    match bootstrap {
        Bootstrap::CreatedWithGeneratedToken(t) => {
            println!("Switchboard admin API token (shown only this once): {t}");
        }
        Bootstrap::CreatedWithGivenToken => {
            println!("Switchboard admin API token taken from SWITCHBOARD_BOOTSTRAP_TOKEN");
        }
        Bootstrap::Existing => {}
    }
    // Overdue timers fire before the API serves; the background work starts.
    let scheduler = service.start().await.context("starting the service")?;

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let app = switchboard_api::router(
        service.clone(),
        Options { ui_dir: Some(args.ui_dir.unwrap_or_else(default_ui_dir)), stopping: Some(stop_rx) },
    );
    let listener =
        tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("listening on {}", args.listen))?;
    let addr = listener.local_addr()?;
    // Outbound calls never reach this API.
    service.set_own_port(addr.port());
    tracing::info!(%addr, data_dir = %data_dir.display(), "Switchboard is serving");
    println!("Switchboard listening on http://{addr}");
    axum_serve(listener, app, async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    })
    .await?;
    if let Some(task) = scheduler {
        task.abort();
    }
    service.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    app: switchboard_api::Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    switchboard_api::serve(listener, app, stop).await.context("serving HTTP")
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "can't listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "can't listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
