//! `switchboard`: the desktop app. Starts the service over the user's SQLite database, serves
//! the API on loopback for the window and local bots, opens the window on the UI, and turns
//! new work into native notifications and sounds.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod alerts;
mod config;

use anyhow::{Context, Result};
use std::net::SocketAddr;
use switchboard_api::Options;
use switchboard_service::{Bootstrap, Clock, Service};
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let config = config::Config::from_env()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;

    let (service, bootstrap) = runtime
        .block_on(Service::open(&config.data_dir, Clock::System, config.bootstrap_token.clone()))
        .with_context(|| format!("opening the database in {}", config.data_dir.display()))?;
    if let Bootstrap::CreatedWithGeneratedToken(t) = &bootstrap {
        println!("Switchboard admin API token (shown only this once): {t}");
    }
    // The window signs in as the installation's owner with a token made for this session.
    let owner = runtime.block_on(service.owner())?;
    let session_token = runtime.block_on(service.issue_session_token(owner.id))?;

    // Overdue timers fire before the API serves; the background work starts.
    let _background = runtime.block_on(service.start())?;

    let listen = SocketAddr::from(([127, 0, 0, 1], config.port));
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .with_context(|| format!("listening on {listen} (set SWITCHBOARD_PORT to use another port)"))?;
    // Outbound calls never reach this API.
    service.set_own_port(listener.local_addr().map(|a| a.port()).unwrap_or(config.port));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let app = switchboard_api::router(service.clone(), Options { ui_dir: None, stopping: Some(stop_rx) });
    runtime.spawn(async move {
        let stop = async move {
            let _ = stop_tx.closed().await;
        };
        if let Err(e) = switchboard_api::serve(listener, app, stop).await {
            tracing::error!(error = %e, "the API server stopped");
        }
    });
    alerts::start(&runtime, service.clone(), owner.id);
    tracing::info!(%listen, data_dir = %config.data_dir.display(), "Switchboard desktop is serving");
    println!("Switchboard API on http://{listen}");

    let boot = serde_json::json!({ "apiBase": format!("http://{listen}"), "token": session_token });
    let init_script = format!("window.__SWITCHBOARD__ = {boot};");
    let app = tauri::Builder::default()
        .setup(move |app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Switchboard")
                .inner_size(1280.0, 800.0)
                .min_inner_size(720.0, 480.0)
                .initialization_script(&init_script)
                .build()?;
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"))
        .context("building the window")?;
    // run_return (not run) comes back when the window closes, so the database is closed cleanly.
    let code = app.run_return(|_, _| {});
    runtime.block_on(service.shutdown());
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}
