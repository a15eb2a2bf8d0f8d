//! The desktop app's settings, from the environment with per-user defaults.

use anyhow::{Context, Result};
use std::path::PathBuf;

/// The loopback port the API listens on unless `SWITCHBOARD_PORT` says otherwise; fixed so
/// that local bots and scripts can find the app.
pub const DEFAULT_PORT: u16 = 4810;

pub struct Config {
    pub data_dir: PathBuf,
    pub port: u16,
    pub bootstrap_token: Option<String>,
}

impl Config {
    pub fn from_env() -> Result<Self> {
        let data_dir = match std::env::var_os("SWITCHBOARD_DATA_DIR") {
            Some(d) => PathBuf::from(d),
            None => {
                dirs::data_dir().context("no per-user data directory; set SWITCHBOARD_DATA_DIR")?.join("switchboard")
            }
        };
        let port = match std::env::var("SWITCHBOARD_PORT") {
            Ok(p) => p.parse().with_context(|| format!("SWITCHBOARD_PORT={p} is not a port number"))?,
            Err(_) => DEFAULT_PORT,
        };
        Ok(Config { data_dir, port, bootstrap_token: std::env::var("SWITCHBOARD_BOOTSTRAP_TOKEN").ok() })
    }
}
