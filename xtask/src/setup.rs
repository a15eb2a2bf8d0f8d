//! Machine set-up: installs what is missing (Debian packages through apt as root or sudo, npm
//! packages, tauri-driver) and does nothing when everything is there.

use crate::util::{cargo, have, npm, output, root, run};
use anyhow::{bail, Result};
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The headless server: only the UI's build tools.
    Headless,
    /// The desktop app: WebKitGTK and ALSA to build and run it.
    Desktop,
    /// Everything the test suite uses.
    Test,
}

/// Building the desktop app (Tauri over WebKitGTK, rodio over ALSA).
const BUILD_PACKAGES: &[&str] = &["build-essential", "pkg-config", "libwebkit2gtk-4.1-dev", "libasound2-dev"];

/// Running the end-to-end tests: a virtual display, a session bus with a real notification
/// daemon, WebKit's WebDriver for the desktop test, and Chromium for the browser test.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus-daemon",
    "dbus-bin",
    "dunst",
    "webkit2gtk-driver",
    "chromium",
    "fonts-dejavu-core",
    "python3-venv",
];

pub fn machine(purpose: Purpose) -> Result<()> {
    let mut packages: Vec<&str> = Vec::new();
    if purpose != Purpose::Headless {
        packages.extend(BUILD_PACKAGES);
    }
    if purpose == Purpose::Test {
        packages.extend(TEST_PACKAGES);
    }
    install_debian_packages(&packages)?;
    if !have("node") || !have("npm") {
        install_debian_packages(&["nodejs", "npm"])?;
    }
    npm_install(&root().join("ui"))?;
    if purpose == Purpose::Test {
        npm_install(&root().join("tests/e2e"))?;
        install_tauri_driver()?;
        crate::fuzz::install()?;
    }
    Ok(())
}

fn installed(package: &str) -> bool {
    output("dpkg-query", &["-W", "-f=${Status}", package], Path::new("/"))
        .map(|s| s.contains("install ok installed"))
        .unwrap_or(false)
}

fn install_debian_packages(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !have("apt-get") {
        bail!("missing packages {} and no apt-get to install them", missing.join(" "));
    }
    println!("installing Debian packages: {}", missing.join(" "));
    let is_root = output("id", &["-u"], Path::new("/")).map(|u| u.trim() == "0").unwrap_or(false);
    let (program, mut prefix): (&str, Vec<&str>) = if is_root {
        ("apt-get", vec![])
    } else if have("sudo") {
        ("sudo", vec!["DEBIAN_FRONTEND=noninteractive", "apt-get"])
    } else {
        bail!("missing packages {}: run as root or install sudo", missing.join(" "));
    };
    if is_root {
        std::env::set_var("DEBIAN_FRONTEND", "noninteractive");
    }
    let mut update = prefix.clone();
    update.extend(["update", "-q"]);
    run(program, &update, Path::new("/"))?;
    prefix.extend(["install", "-y", "-q"]);
    prefix.extend(missing.iter().copied());
    run(program, &prefix, Path::new("/"))
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn npm_install(dir: &Path) -> Result<()> {
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (
        std::fs::metadata(&lock).and_then(|m| m.modified()),
        std::fs::metadata(&marker).and_then(|m| m.modified()),
    ) {
        (Ok(l), Ok(m)) => m >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    npm(&["ci", "--no-audit", "--no-fund"], dir)
}

fn install_tauri_driver() -> Result<()> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|h| h.join("bin/tauri-driver"));
    if have("tauri-driver") || cargo_bin.is_some_and(|p| p.is_file()) {
        return Ok(());
    }
    cargo(&["install", "tauri-driver", "--locked"])
}
