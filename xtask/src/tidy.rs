//! `cargo xtask tidy`: the shape rules the compiler doesn't check. Every source file opens with
//! its `//!` line; no file is over 700 lines before its tests; no crate has a cycle among its
//! modules; and the service builds its refusals from the engine's typed rule errors (or says
//! something was not found), never from strings of its own.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest source file, counted up to its `#[cfg(test)]` module.
const MAX_LINES: usize = 700;

/// The crates whose modules must not import each other in a circle.
const LAYERED: &[&str] = &["crates/engine", "crates/store", "crates/service", "crates/api"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !matches!(name, "target" | "node_modules" | "gen") {
                rust_files(&path, out)?;
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The text of a file before its test module.
fn before_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The first module (below the crate root) that a file belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The modules of the same crate a text refers to (`crate::x`, `use crate::{x, y}`).
fn references(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// How many refusals a text builds from strings: `ServiceError::Invalid(...)`, `Conflict(...)` or
/// `Forbidden(...)` with a message (matching one, `Invalid(_)`, builds nothing).
fn string_refusals(text: &str) -> usize {
    ["ServiceError::Invalid(", "ServiceError::Conflict(", "ServiceError::Forbidden("]
        .iter()
        .map(|p| text.match_indices(p).filter(|(i, _)| !text[i + p.len()..].starts_with("_)")).count())
        .sum()
}

/// The cycles of a graph (its strongly connected components of more than one module).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Two modules are in one cycle when each reaches the other.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if graph.contains_key(next) && seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = graph.keys().map(|m| (m, reach(m))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for m in graph.keys() {
        if done.contains(m) || !reached[m].contains(m) {
            continue;
        }
        let group: Vec<String> =
            graph.keys().filter(|o| reached[m].contains(*o) && reached[*o].contains(m)).cloned().collect();
        done.extend(group.iter().cloned());
        out.push(group);
    }
    out
}

pub fn run() -> Result<()> {
    let root = crate::util::root();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src", "xtask/src"] {
        rust_files(&root.join(dir), &mut files)?;
    }
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        let shown = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        if !first.starts_with("//!") {
            problems.push(format!("{shown}: does not open with a `//!` line saying what it is for"));
        }
        let in_tests_dir = file.components().any(|c| c.as_os_str() == "tests");
        let lines = before_tests(&text).lines().count();
        if !in_tests_dir && lines > MAX_LINES {
            problems.push(format!("{shown}: {lines} lines before its tests (at most {MAX_LINES}): split it"));
        }
    }
    for krate in LAYERED {
        let src = root.join(krate).join("src");
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut crate_files = Vec::new();
        rust_files(&src, &mut crate_files)?;
        for file in &crate_files {
            let Some(module) = module_of(&src, file) else { continue };
            let text = std::fs::read_to_string(file)?;
            let refs = references(before_tests(&text));
            graph.entry(module.clone()).or_default().extend(refs.into_iter().filter(|r| *r != module));
        }
        for cycle in cycles(&graph) {
            problems.push(format!("{krate}: modules import each other in a circle: {}", cycle.join(", ")));
        }
    }
    let service = root.join("crates/service/src");
    let mut service_files = Vec::new();
    rust_files(&service, &mut service_files)?;
    for file in &service_files {
        let name = file.strip_prefix(&service).unwrap_or(file).display().to_string();
        if name == "error.rs" {
            continue;
        }
        let text = std::fs::read_to_string(file)?;
        let found = string_refusals(before_tests(&text));
        if found > 0 {
            problems.push(format!(
                "crates/service/src/{name}: {found} refusals built from strings: make each a RuleError in the engine (or Unknown/NotFound for ids that don't exist)"
            ));
        }
    }
    if problems.is_empty() {
        println!("tidy: {} files, every rule holds", files.len());
        Ok(())
    } else {
        for p in &problems {
            eprintln!("tidy: {p}");
        }
        bail!("{} tidy problems", problems.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_cycles() {
        let refs = references("use crate::{a, b::c};\nfn f() { crate::d::x(); }");
        assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["a", "b", "d"]);
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        g.insert("a".into(), ["b".into()].into());
        g.insert("b".into(), ["c".into()].into());
        g.insert("c".into(), ["a".into()].into());
        g.insert("d".into(), ["a".into()].into());
        assert_eq!(cycles(&g), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
        let text = r#"Err(ServiceError::Invalid("x".into())); Err(e @ ServiceError::Conflict(_))"#;
        assert_eq!(string_refusals(text), 1);
    }
}
