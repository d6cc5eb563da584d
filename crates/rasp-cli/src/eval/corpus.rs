//! Labelled JSON Lines corpora (`{"payload","label","source"}`), as used by `rasp eval` and
//! `rasp train`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use rasp_detect::ml::split::{split_of, Split};
use rasp_detect::AttackKind;

/// Lines longer than this are skipped as malformed (a corpus value is a parameter value).
const MAX_LINE_BYTES: usize = 1 << 20;

/// One labelled value.
#[derive(Clone, Debug)]
pub struct Row {
    pub payload: String,
    /// `None` for benign.
    pub label: Option<AttackKind>,
    /// The corpus file's stem: the unit of per-source and leave-one-source-out tables.
    pub source: String,
    pub split: Split,
}

/// Parse a corpus label.
pub fn parse_label(s: &str) -> Result<Option<AttackKind>, String> {
    Ok(Some(match s {
        "benign" => return Ok(None),
        "sqli" => AttackKind::Sqli,
        "xss" => AttackKind::Xss,
        "cmdi" => AttackKind::Cmdi,
        "path_traversal" => AttackKind::Traversal,
        other => return Err(format!("unknown label {other:?}")),
    }))
}

/// The label's corpus spelling.
pub fn label_name(l: Option<AttackKind>) -> &'static str {
    l.map_or("benign", AttackKind::label)
}

/// Read every file; rows keep file order so training is reproducible.
pub fn load(paths: &[impl AsRef<Path>]) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let source = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string());
        let f = File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
        for (n, line) in BufReader::new(f).lines().enumerate() {
            let line = line.map_err(|e| format!("{}:{}: {e}", p.display(), n + 1))?;
            if line.trim().is_empty() || line.len() > MAX_LINE_BYTES {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line)
                .map_err(|e| format!("{}:{}: {e}", p.display(), n + 1))?;
            let (Some(payload), Some(label)) = (v["payload"].as_str(), v["label"].as_str()) else {
                return Err(format!(
                    "{}:{}: needs payload and label",
                    p.display(),
                    n + 1
                ));
            };
            let label =
                parse_label(label).map_err(|e| format!("{}:{}: {e}", p.display(), n + 1))?;
            rows.push(Row {
                split: split_of(payload),
                payload: payload.to_owned(),
                label,
                source: source.clone(),
            });
        }
    }
    Ok(rows)
}
