//! The API fuzz: schemathesis generates requests from the OpenAPI document and checks that no
//! answer is a server error and every answer matches the document.

use crate::util::{output, root, run};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const SCHEMATHESIS: &str = "schemathesis==4.32.5";
/// Examples per operation: enough to reach every error path, bounded to a few minutes in all.
const EXAMPLES: &str = "30";

pub fn venv() -> PathBuf {
    root().join("target/fuzz-venv")
}

/// Installs schemathesis into its own virtual environment, once.
pub fn install() -> Result<()> {
    let bin = venv().join("bin/schemathesis");
    if bin.is_file()
        && output(bin.to_str().unwrap_or_default(), &["--version"], &root()).is_ok_and(|v| v.contains("4.32.5"))
    {
        return Ok(());
    }
    run("python3", &["-m", "venv", venv().to_str().unwrap_or_default()], &root())?;
    let pip = venv().join("bin/pip");
    run(pip.to_str().unwrap_or_default(), &["install", "--quiet", SCHEMATHESIS], &root())
}

pub fn run_fuzz() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let mut server = Command::new(root().join("target/debug/switchboard-server"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--clock",
            "manual",
            "--clock-start",
            "2026-01-05T09:00:00Z",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("SWITCHBOARD_BOOTSTRAP_TOKEN", "fuzz-token")
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .context("starting the server")?;
    let stdout = server.stdout.take().context("server stdout")?;
    let mut base = None;
    for line in BufReader::new(stdout).lines() {
        if let Some(addr) = line?.strip_prefix("Switchboard listening on ") {
            base = Some(addr.trim().to_owned());
            break;
        }
    }
    let result = match base {
        Some(base) => fuzz(&base, dir.path()),
        None => Err(anyhow::anyhow!("the server did not start")),
    };
    let _ = Command::new("kill").arg(server.id().to_string()).status();
    let _ = server.wait();
    result
}

fn fuzz(base: &str, reports: &Path) -> Result<()> {
    let bin = venv().join("bin/schemathesis");
    let status = Command::new(&bin)
        .args([
            "run",
            &format!("{base}/openapi.json"),
            "--header",
            "Authorization: fuzz-token",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,ignored_auth",
            "--max-examples",
            EXAMPLES,
            // The event stream never ends; it has its own tests.
            "--exclude-path",
            "/v1/events",
            "--seed",
            "20261121",
            "--report-dir",
        ])
        .arg(reports)
        .current_dir(root())
        .status()
        .context("running schemathesis")?;
    if !status.success() {
        bail!("the API fuzz found answers that are server errors or don't match the OpenAPI document");
    }
    Ok(())
}
