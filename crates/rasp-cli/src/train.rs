//! `rasp train`: train the embedded ML model from labelled corpora, reproducibly (fixed seed,
//! the hash split shared with `rasp eval`), and the leave-one-source-out table (`--loso`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use rasp_detect::ml::split::Split;
use rasp_detect::ml::train::{train, Sample, TrainConfig};
use rasp_detect::ml::Model;
use rasp_detect::{AttackKind, Detectors};

use crate::eval::corpus::{self, Row};
use crate::eval::{evaluate, thresholds};

/// The kinds that have an ML stage (the grammar decides command injection and traversal).
const ML_KINDS: [AttackKind; 2] = [AttackKind::Sqli, AttackKind::Xss];

#[derive(clap::Args)]
pub struct Args {
    /// Labelled JSON Lines files (`{"payload","label","source"}`): the corpus plus any benign
    /// data gathered by `scripts/gather_benign.sh`.
    #[arg(required = true)]
    pub corpora: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "crates/rasp-detect/models/detect.model")]
    pub out: PathBuf,
    /// Hash table width (weights per model = 2^bits, one byte each).
    #[arg(long, default_value_t = TrainConfig::default().bits)]
    pub bits: u8,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    pub epochs: usize,
    /// Instead of writing a model: for each source file, train without it and evaluate on it.
    #[arg(long)]
    pub loso: bool,
    /// Override SQLI_PROBA for the evaluation printed after training.
    #[arg(long)]
    pub sqli_proba: Option<f32>,
    /// Override XSS_PROBA for the evaluation printed after training.
    #[arg(long)]
    pub xss_proba: Option<f32>,
}

fn samples<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<Sample<'a>> {
    rows.map(|r| Sample {
        value: &r.payload,
        label: r.label,
    })
    .collect()
}

pub fn run(args: Args) -> ExitCode {
    let rows = match corpus::load(&args.corpora) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rasp train: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !(8..=22).contains(&args.bits) {
        eprintln!("rasp train: --bits must be in 8..=22");
        return ExitCode::FAILURE;
    }
    let cfg = TrainConfig {
        bits: args.bits,
        epochs: args.epochs.clamp(1, 100),
        ..TrainConfig::default()
    };
    let t = thresholds(args.sqli_proba, args.xss_proba);
    if args.loso {
        let sources: BTreeSet<&str> = rows.iter().map(|r| r.source.as_str()).collect();
        println!(
            "leave-one-source-out: model trained on the train split of the other sources, evaluated on every value of the held-out one"
        );
        println!(
            "{:<38} {:<15} {:>7} {:>9} {:>9}",
            "held-out source", "label", "n", "any %", "own %"
        );
        for s in sources {
            let train_set = samples(
                rows.iter()
                    .filter(|r| r.source != s && r.split == Split::Train),
            );
            let model = train(&train_set, &ML_KINDS, &cfg);
            let d = Detectors::with_model(t.clone(), model);
            let rep = evaluate(&d, rows.iter().filter(|r| r.source == s), 0);
            for ((src, label), c) in &rep.by_source {
                let (any, own) = (
                    100.0 * c.any as f64 / c.n as f64,
                    100.0 * c.own as f64 / c.n as f64,
                );
                if *label == "benign" {
                    println!(
                        "{src:<38} {:<15} {:>7} {any:>9.2} {:>9}",
                        "benign (FP)", c.n, "-"
                    );
                } else {
                    println!("{src:<38} {label:<15} {:>7} {any:>9.2} {own:>9.2}", c.n);
                }
            }
        }
        return ExitCode::SUCCESS;
    }
    let train_set = samples(rows.iter().filter(|r| r.split == Split::Train));
    eprintln!(
        "training on {} values (bits {}, epochs {}, seed {:#x})",
        train_set.len(),
        cfg.bits,
        cfg.epochs,
        cfg.seed
    );
    let model = train(&train_set, &ML_KINDS, &cfg);
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&args.out, &bytes) {
        eprintln!("rasp train: {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    // Round-trip through the file format so the figures are those of the written model.
    let model = match Model::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("rasp train: {e}");
            return ExitCode::FAILURE;
        }
    };
    let d = Detectors::with_model(t, model);
    evaluate(&d, rows.iter().filter(|r| r.split == Split::Validation), 0).print();
    ExitCode::SUCCESS
}
