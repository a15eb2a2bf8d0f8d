//! `cargo xtask`: the project's own tasks. `run` and `test` first set the machine up (Debian
//! packages, npm packages, tauri-driver, the UI build), so a fresh Debian/Ubuntu machine needs
//! nothing else.

mod bench;
mod bench_assignment;
mod bench_search;
mod bench_time;
mod fuzz;
mod setup;
mod tidy;
mod util;

use anyhow::{bail, Result};
use std::time::Instant;
use util::{cargo, npm, root, run, Step};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["run"] => run_app(false),
        ["run", "--headless"] => run_app(true),
        ["test"] => test_all(),
        ["bench"] => bench::run_all(None),
        ["bench", part @ ("create" | "search" | "assignment" | "time")] => bench::run_all(Some(part)),
        ["bench-measure"] => bench::measure(None),
        ["bench-measure", part] => bench::measure(Some(part)),
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["setup"] => setup::machine(setup::Purpose::Test),
        ["tidy"] => tidy::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [--headless] | test | bench [create|search|assignment|time] | codegen [--check] | tidy | setup>\n\
                 run        set up, build the UI, start the desktop app (--headless: the server)\n\
                 test       set up, then fmt, clippy, unit/integration tests, UI tests, API types check,\n\
                            browser and desktop end-to-end tests\n\
                 bench      creation through the API against raw inserts, search and lists over 1,000,000\n\
                            conversations, assignment and routing, timers and SLA (or one of them)\n\
                 codegen    regenerate the UI's API types from the OpenAPI document (--check: fail if stale)\n\
                 tidy       the shape rules: opening doc lines, file sizes, module cycles, typed refusals"
            );
            bail!("unknown arguments: {}", args.join(" "))
        }
    }
}

fn build_ui() -> Result<()> {
    npm(&["run", "build"], &root().join("ui"))
}

fn run_app(headless: bool) -> Result<()> {
    setup::machine(if headless { setup::Purpose::Headless } else { setup::Purpose::Desktop })?;
    build_ui()?;
    if headless {
        cargo(&["run", "--release", "-p", "switchboard-server", "--", "serve"])
    } else {
        cargo(&["run", "--release", "-p", "switchboard-desktop"])
    }
}

fn test_all() -> Result<()> {
    let started = Instant::now();
    let ui = root().join("ui");
    let e2e = root().join("tests/e2e");
    type Task<'a> = Box<dyn Fn() -> Result<()> + 'a>;
    let tasks: Vec<(&str, Task)> = vec![
        ("set up the machine", Box::new(|| setup::machine(setup::Purpose::Test))),
        ("build the UI", Box::new(build_ui)),
        ("rustfmt", Box::new(|| cargo(&["fmt", "--all", "--", "--check"]))),
        ("tidy", Box::new(tidy::run)),
        ("clippy", Box::new(|| cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))),
        ("unit and integration tests", Box::new(|| cargo(&["test", "--workspace"]))),
        ("UI type check", Box::new(|| npm(&["run", "check"], &ui))),
        ("UI unit tests (Vitest)", Box::new(|| npm(&["test"], &ui))),
        ("API types are current", Box::new(|| codegen(true))),
        ("build the binaries", Box::new(|| cargo(&["build", "-p", "switchboard-server", "-p", "switchboard-desktop"]))),
        ("API fuzz (schemathesis)", Box::new(fuzz::run_fuzz)),
        ("browser end-to-end test", Box::new(|| run("node", &["browser.mjs"], &e2e))),
        ("browser end-to-end test of time (manual clock)", Box::new(|| run("node", &["browser-time.mjs"], &e2e))),
        ("browser end-to-end test of signing in", Box::new(|| run("node", &["browser-sign-in.mjs"], &e2e))),
        ("browser end-to-end test of alerts", Box::new(|| run("node", &["browser-alerts.mjs"], &e2e))),
        ("browser end-to-end test of assignment", Box::new(|| run("node", &["browser-assign.mjs"], &e2e))),
        ("browser end-to-end test of inbox views", Box::new(|| run("node", &["browser-inbox.mjs"], &e2e))),
        (
            "desktop end-to-end test",
            Box::new(|| {
                run(
                    "dbus-run-session",
                    &["--", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "node", "desktop.mjs"],
                    &e2e,
                )
            }),
        ),
    ];
    let mut steps: Vec<Step> = Vec::new();
    let mut failure = None;
    for (name, task) in &tasks {
        let t = Instant::now();
        println!("\n==> {name}");
        let result = task();
        let secs = t.elapsed().as_secs_f64();
        println!("==> {name}: {} in {secs:.1} s", if result.is_ok() { "ok" } else { "FAILED" });
        steps.push(Step { name: (*name).to_owned(), secs, ok: result.is_ok() });
        // Later steps build on earlier ones, so the run stops at the first failure.
        if let Err(e) = result {
            failure = Some(e);
            break;
        }
    }
    println!("\nSummary:");
    for s in &steps {
        println!("  {:<32} {:>7.1} s  {}", s.name, s.secs, if s.ok { "ok" } else { "FAILED" });
    }
    for (name, _) in tasks.iter().skip(steps.len()) {
        println!("  {name:<32}           not run");
    }
    println!("  {:<32} {:>7.1} s", "total", started.elapsed().as_secs_f64());
    let passed = steps.iter().filter(|s| s.ok).count();
    println!("xtask: {passed} passed, {} failed", steps.len() - passed);
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every string enumeration of the document's schemas as a TypeScript constant, in the server's
/// order, each checked against the generated type, so the UI lists choices without copying them.
fn enums_module(doc: &str) -> Result<String> {
    let doc: serde_json::Value = serde_json::from_str(doc)?;
    let mut out = String::from(
        "// Generated by `cargo xtask codegen` from the OpenAPI document: every enumeration of the API, in the\n\
         // server's order. Do not edit.\n\n\
         import type { components } from \"./schema\";\n",
    );
    let Some(schemas) = doc.pointer("/components/schemas").and_then(|s| s.as_object()) else {
        bail!("the OpenAPI document has no schemas");
    };
    for (name, schema) in schemas {
        let (Some("string"), Some(values)) =
            (schema.get("type").and_then(|t| t.as_str()), schema.get("enum").and_then(|e| e.as_array()))
        else {
            continue;
        };
        let values: Vec<String> = values.iter().filter_map(|v| v.as_str()).map(|v| format!("{v:?}")).collect();
        out.push_str(&format!(
            "\nexport const {name} = [{}] as const satisfies readonly components[\"schemas\"][\"{name}\"][];\n",
            values.join(", ")
        ));
    }
    Ok(out)
}

/// The bounds the document gives each schema's fields (lengths, sizes, numbers) as one TypeScript
/// constant, so the UI checks input against the server's limits without copying them.
fn limits_module(doc: &str) -> Result<String> {
    const BOUNDS: [&str; 6] = ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"];
    let doc: serde_json::Value = serde_json::from_str(doc)?;
    let Some(schemas) = doc.pointer("/components/schemas").and_then(|s| s.as_object()) else {
        bail!("the OpenAPI document has no schemas");
    };
    let mut out = String::from(
        "// Generated by `cargo xtask codegen` from the OpenAPI document: the bounds of every field that has\n\
         // them, by schema. Do not edit.\n\nexport const Limits = {\n",
    );
    for (name, schema) in schemas {
        let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) else { continue };
        let mut fields = Vec::new();
        for (field, spec) in properties {
            let bounds: Vec<String> = BOUNDS
                .iter()
                .filter_map(|b| spec.get(*b).and_then(|v| v.as_f64()).map(|v| format!("{b}: {v}")))
                .collect();
            if !bounds.is_empty() {
                fields.push(format!("    {field}: {{ {} }},\n", bounds.join(", ")));
            }
        }
        if !fields.is_empty() {
            out.push_str(&format!("  {name}: {{\n{}  }},\n", fields.concat()));
        }
    }
    out.push_str("} as const;\n");
    Ok(out)
}

/// Writes `ui/src/lib/api/openapi.json` and the TypeScript types generated from it, or with
/// `check`, fails when the committed ones differ from what the code generates now.
fn codegen(check: bool) -> Result<()> {
    let api_dir = root().join("ui/src/lib/api");
    let doc = util::output("cargo", &["run", "--quiet", "-p", "switchboard-server", "--", "openapi"], &root())?;
    let tmp = tempfile::tempdir()?;
    let json_path = tmp.path().join("openapi.json");
    let types_path = tmp.path().join("schema.d.ts");
    std::fs::write(&json_path, &doc)?;
    let generator = root().join("ui/node_modules/.bin/openapi-typescript");
    run(
        generator.to_str().unwrap_or("openapi-typescript"),
        &[json_path.to_str().unwrap_or_default(), "-o", types_path.to_str().unwrap_or_default()],
        &root().join("ui"),
    )?;
    let enums_path = tmp.path().join("enums.ts");
    std::fs::write(&enums_path, enums_module(&doc)?)?;
    let limits_path = tmp.path().join("limits.ts");
    std::fs::write(&limits_path, limits_module(&doc)?)?;
    let pairs = [
        (json_path, api_dir.join("openapi.json")),
        (types_path, api_dir.join("schema.d.ts")),
        (enums_path, api_dir.join("enums.ts")),
        (limits_path, api_dir.join("limits.ts")),
    ];
    if check {
        for (fresh, committed) in &pairs {
            let now = std::fs::read_to_string(fresh)?;
            let was = std::fs::read_to_string(committed).unwrap_or_default();
            if now != was {
                bail!("{} is stale: run `cargo xtask codegen` and commit the result", committed.display());
            }
        }
        println!("API types are current");
    } else {
        for (fresh, committed) in &pairs {
            std::fs::copy(fresh, committed)?;
            println!("wrote {}", committed.display());
        }
    }
    Ok(())
}
