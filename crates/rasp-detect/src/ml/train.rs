//! Training: class-balanced logistic regression with AdaGrad and L2, fully deterministic
//! (fixed seed, fixed sample order given the same input order).

use super::{features, LinearModel, Model};
use crate::AttackKind;

/// Training hyper-parameters.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Hash table width per model (`1 << bits` weights).
    pub bits: u8,
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 17,
            epochs: 6,
            learning_rate: 0.2,
            l2: 1e-6,
            seed: 0x5eed_2026,
        }
    }
}

/// One labelled value; `label == None` is benign.
#[derive(Clone, Copy, Debug)]
pub struct Sample<'a> {
    pub value: &'a str,
    pub label: Option<AttackKind>,
}

/// Deterministic xorshift64* for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Train one binary model per kind in `kinds`: positives are samples of that kind, negatives
/// are benign samples (other attack kinds are left out so each model learns its own
/// structure, not "anything odd"). Classes are weighted to equal total mass.
pub fn train(samples: &[Sample<'_>], kinds: &[AttackKind], cfg: &TrainConfig) -> Model {
    let models = kinds
        .iter()
        .filter_map(|&k| train_one(samples, k, cfg))
        .collect();
    Model { models }
}

fn train_one(samples: &[Sample<'_>], kind: AttackKind, cfg: &TrainConfig) -> Option<LinearModel> {
    let idx: Vec<usize> = samples
        .iter()
        .enumerate()
        .filter(|(_, s)| s.label.is_none() || s.label == Some(kind))
        .map(|(i, _)| i)
        .collect();
    let npos = idx
        .iter()
        .filter(|&&i| samples[i].label == Some(kind))
        .count();
    let nneg = idx.len() - npos;
    if npos == 0 || nneg == 0 {
        return None;
    }
    let total = idx.len() as f32;
    let pos_w = total / (2.0 * npos as f32);
    let neg_w = total / (2.0 * nneg as f32);

    // Pre-compute feature lists once (bucket, occurrences collapsed).
    let feats: Vec<(Vec<u32>, f32)> = idx
        .iter()
        .map(|&i| {
            let mut v: Vec<u32> = Vec::new();
            let n = features::for_each_feature(samples[i].value, cfg.bits, |h| v.push(h as u32));
            v.sort_unstable();
            let norm = if n == 0 { 1.0 } else { 1.0 / (n as f32).sqrt() };
            (v, norm)
        })
        .collect();

    let size = 1usize << cfg.bits;
    let mut w = vec![0f32; size];
    let mut g2 = vec![1e-6f32; size];
    let mut bias = 0f32;
    let mut bias_g2 = 1e-6f32;
    let mut order: Vec<usize> = (0..idx.len()).collect();
    let mut rng = Rng(cfg.seed ^ (kind as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for _ in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &o in &order {
            let (ref f, norm) = feats[o];
            let y = if samples[idx[o]].label == Some(kind) {
                1.0
            } else {
                0.0
            };
            let sw = if y > 0.5 { pos_w } else { neg_w };
            let z: f32 = bias + f.iter().map(|&h| w[h as usize]).sum::<f32>() * norm;
            let p = 1.0 / (1.0 + (-z).exp());
            let err = (p - y) * sw;
            for &h in f {
                let h = h as usize;
                let g = err * norm + cfg.l2 * w[h];
                g2[h] += g * g;
                w[h] -= cfg.learning_rate * g / g2[h].sqrt();
            }
            bias_g2 += err * err;
            bias -= cfg.learning_rate * err / bias_g2.sqrt();
        }
    }
    let max = w.iter().fold(0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let weights = w
        .iter()
        .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8)
        .collect();
    Some(LinearModel {
        kind,
        bits: cfg.bits,
        scale,
        bias,
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_toy_problem_deterministically() {
        let pos = [
            "<b onmouseover=go()>",
            "<i onclick=run()>",
            "<u onload=x()>",
        ];
        let neg = ["hello world", "bold move", "click here please"];
        let samples: Vec<Sample<'_>> = pos
            .iter()
            .map(|v| Sample {
                value: v,
                label: Some(AttackKind::Xss),
            })
            .chain(neg.iter().map(|v| Sample {
                value: v,
                label: None,
            }))
            .collect();
        let cfg = TrainConfig {
            bits: 12,
            epochs: 20,
            ..TrainConfig::default()
        };
        let m = train(&samples, &[AttackKind::Xss], &cfg);
        let x = m.get(AttackKind::Xss).unwrap();
        assert!(x.score("<p onfocus=y()>") > 0.5);
        assert!(x.score("hello there") < 0.5);
        assert_eq!(train(&samples, &[AttackKind::Xss], &cfg), m);
    }
}
