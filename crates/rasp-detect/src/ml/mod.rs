//! Machine-learning scoring for values the grammar engines cannot settle.
//!
//! One logistic-regression model per attack kind over hashed character 1–4-grams and
//! word-shape token bigrams ([`features`]), trained by `rasp train` ([`train`]) and stored
//! i8-quantised in `models/detect.model` (embedded with `include_bytes!`, parsed once on first
//! use in microseconds).
//!
//! File format (little-endian): magic `RASPML01`, `u32` model count, then per model: `u8`
//! kind (0 sqli, 1 xss, 2 cmdi, 3 traversal), `u8` hash bits, `u16` zero, `f32` weight scale,
//! `f32` bias, `1 << bits` `i8` weights.

pub mod features;
pub mod markup;
pub mod split;
pub mod train;

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::AttackKind;

const MAGIC: &[u8; 8] = b"RASPML01";
const MAX_BITS: u8 = 22;

/// The model shipped in the crate.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/detect.model");
static EMBEDDED: OnceLock<Model> = OnceLock::new();

/// A parse failure of a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// One binary linear model: P(attack of `kind` | value).
#[derive(Clone, Debug, PartialEq)]
pub struct LinearModel {
    pub kind: AttackKind,
    pub bits: u8,
    pub scale: f32,
    pub bias: f32,
    pub weights: Vec<i8>,
}

impl LinearModel {
    /// The probability that `value` is an attack of this model's kind.
    pub fn score(&self, value: &str) -> f32 {
        let decoded = crate::normalize::percent_decode_deep(value);
        self.score_decoded(&crate::normalize::html_entity_decode(&decoded))
    }

    /// [`LinearModel::score`] of a value already percent- and entity-decoded.
    pub fn score_decoded(&self, decoded: &str) -> f32 {
        let mut sum: i32 = 0;
        let n = features::for_each_feature_decoded(decoded, self.bits, |h| {
            sum += i32::from(self.weights[h]);
        });
        self.probability(sum, n)
    }

    /// The probability from the sum of the weights of `n` features (one formula for every
    /// scoring path, so they agree to the bit).
    fn probability(&self, sum: i32, n: usize) -> f32 {
        let norm = if n == 0 { 1.0 } else { (n as f32).sqrt() };
        let z = self.bias + self.scale * sum as f32 / norm;
        1.0 / (1.0 + (-z).exp())
    }
}

/// The weight sums of `m` and `pair` (same hash width) over the features of `decoded`, and
/// the feature count, in one pass.
fn pair_sums(decoded: &str, m: &LinearModel, pair: &LinearModel) -> (i32, i32, usize) {
    // Fixed-size tables indexed by `h & (N - 1)` need no bounds check in the loop; the
    // buckets are already masked to the hash width, so the index is the bucket.
    macro_rules! fixed {
        ($($bits:literal)*) => {
            $(
                if m.bits == $bits {
                    if let (Ok(wa), Ok(wb)) = (
                        <&[i8; 1 << $bits]>::try_from(m.weights.as_slice()),
                        <&[i8; 1 << $bits]>::try_from(pair.weights.as_slice()),
                    ) {
                        return sums_fixed(decoded, m.bits, wa, wb);
                    }
                }
            )*
        };
    }
    fixed!(16 17 18 19 20);
    // Other widths, or a hand-built model whose table is not `1 << bits` long: checked
    // lookups, as `score_decoded` does.
    let (mut a, mut b) = (0i32, 0i32);
    let n = features::for_each_feature_decoded(decoded, m.bits, |h| {
        a += i32::from(m.weights[h]);
        b += i32::from(pair.weights[h]);
    });
    (a, b, n)
}

fn sums_fixed<const N: usize>(
    decoded: &str,
    bits: u8,
    wa: &[i8; N],
    wb: &[i8; N],
) -> (i32, i32, usize) {
    let (mut a, mut b) = (0i32, 0i32);
    let n = features::for_each_feature_decoded(decoded, bits, |h| {
        a += i32::from(wa[h & (N - 1)]);
        b += i32::from(wb[h & (N - 1)]);
    });
    (a, b, n)
}

/// What [`Model::score_shared`] remembers of the last text it scored on this thread: the
/// weight sums of both of the pair's models (the engine checks one value for XSS, then for
/// SQLi, and both models read the same decoded text).
#[derive(Clone, Copy)]
struct SharedScore {
    /// Models ([`kind_id`] order of the pair) and their sums.
    kinds: [AttackKind; 2],
    sums: [i32; 2],
    count: usize,
}

thread_local! {
    static LAST_SCORED: RefCell<crate::last_value::LastValue<SharedScore>> =
        const { RefCell::new(crate::last_value::LastValue::new()) };
}

impl Model {
    /// [`LinearModel::score_decoded`] for `kind`, computing the other SQLi/XSS model's sum
    /// in the same feature pass (one extra weight lookup per feature) and remembering it for
    /// this text: the second kind checked on the same value then needs no feature pass. The
    /// memo is keyed by the whole text, compared byte for byte, so a hit is the very score
    /// [`LinearModel::score_decoded`] gives. Only for a model that lives for the whole
    /// program (the embedded one): a memo of a dropped model could not be told apart.
    pub fn score_shared(&'static self, kind: AttackKind, decoded: &str) -> Option<f32> {
        let m = self.get(kind)?;
        let other = match kind {
            AttackKind::Sqli => AttackKind::Xss,
            AttackKind::Xss => AttackKind::Sqli,
            _ => return Some(m.score_decoded(decoded)),
        };
        let pair = match self.get(other) {
            // Both tables indexed by the same buckets: one pass serves both.
            Some(o) if o.bits == m.bits && o.weights.len() == m.weights.len() => o,
            _ => return Some(m.score_decoded(decoded)),
        };
        LAST_SCORED.with(|cell| {
            let Ok(mut last) = cell.try_borrow_mut() else {
                return Some(m.score_decoded(decoded));
            };
            if let Some(seen) = last.get(decoded) {
                if let Some(i) = seen.kinds.iter().position(|k| *k == kind) {
                    return Some(m.probability(seen.sums[i], seen.count));
                }
            }
            let (a, b, n) = match self.interleaved() {
                Some(t) if t.kinds == [kind, other] => t.sums(decoded),
                Some(t) if t.kinds == [other, kind] => {
                    let (b, a, n) = t.sums(decoded);
                    (a, b, n)
                }
                _ => pair_sums(decoded, m, pair),
            };
            last.set(
                decoded,
                SharedScore {
                    kinds: [kind, other],
                    sums: [a, b],
                    count: n,
                },
            );
            Some(m.probability(a, n))
        })
    }
}

/// The SQLi and XSS weights of one model side by side, bucket by bucket, packed in one
/// `i32` ([`features::pack_pair`]): a feature's two weights sit in one cache line and come
/// with one load and one add (two separate tables cost two cache misses and four
/// instructions per feature on long values). Built once, from the weights as loaded; the
/// sums are the very integers two separate lookups give.
struct PairTable {
    /// The kinds of the low and high weight of each entry.
    kinds: [AttackKind; 2],
    bits: u8,
    packed: Box<[features::Packed]>,
    /// The packed entry of each byte's unigram bucket.
    uni: [features::Packed; 256],
    /// Each byte's entry as a symbol token.
    symbols: [features::TokenEntry; 256],
}

/// The packed table of the embedded model (`None` when it has no SQLi/XSS pair of one
/// width).
static EMBEDDED_PAIR: OnceLock<Option<PairTable>> = OnceLock::new();

impl PairTable {
    fn new(x: &LinearModel, y: &LinearModel) -> Option<PairTable> {
        if x.bits != y.bits || x.weights.len() != y.weights.len() || x.weights.len() != 1 << x.bits
        {
            return None;
        }
        let packed: Box<[features::Packed]> = x
            .weights
            .iter()
            .zip(&y.weights)
            .map(|(&a, &b)| features::pack_pair(a, b))
            .collect();
        Some(PairTable {
            kinds: [x.kind, y.kind],
            bits: x.bits,
            uni: features::packed_unigrams(&packed),
            symbols: features::packed_symbol_tokens(&packed),
            packed,
        })
    }

    /// The weight sums of both kinds (in [`PairTable::kinds`] order) over the features of
    /// `decoded`, and the feature count.
    fn sums(&self, decoded: &str) -> (i32, i32, usize) {
        // A fixed-size table indexed by `h & (N - 1)` needs no bounds check in the loop.
        macro_rules! fixed {
            ($($bits:literal)*) => {
                $(
                    if self.bits == $bits {
                        if let Ok(w) = <&[features::Packed; 1 << $bits]>::try_from(&self.packed[..]) {
                            return features::packed_pair_sums(decoded, w, &self.uni, &self.symbols);
                        }
                    }
                )*
            };
        }
        fixed!(16 17 18 19 20);
        let (mut a, mut b) = (0i32, 0i32);
        let n = features::for_each_feature_decoded(decoded, self.bits, |h| {
            let (x, y) = features::unpack_pair(self.packed[h]);
            a += x;
            b += y;
        });
        (a, b, n)
    }
}

/// A set of per-kind models.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub models: Vec<LinearModel>,
}

fn kind_id(k: AttackKind) -> u8 {
    match k {
        AttackKind::Sqli => 0,
        AttackKind::Xss => 1,
        AttackKind::Cmdi => 2,
        AttackKind::Traversal => 3,
    }
}

fn kind_from_id(id: u8) -> Option<AttackKind> {
    Some(match id {
        0 => AttackKind::Sqli,
        1 => AttackKind::Xss,
        2 => AttackKind::Cmdi,
        3 => AttackKind::Traversal,
        _ => return None,
    })
}

impl Model {
    /// The model embedded in this build (parsed on first call).
    pub fn embedded() -> &'static Model {
        // The embedded file is produced by `rasp train` and checked by a unit test; an
        // unreadable file would disable ML rather than panic in a request path.
        EMBEDDED.get_or_init(|| Model::from_bytes(EMBEDDED_BYTES).unwrap_or_default())
    }

    /// The interleaved SQLi/XSS table of this model, if it is the embedded one (a table
    /// cached for any other model could outlive it).
    /// Build the tables scoring builds on first use (the embedded model's packed weight
    /// pairs), so that the first scored value does not pay for them.
    pub fn prepare(&'static self) {
        let _ = self.interleaved();
    }

    fn interleaved(&'static self) -> Option<&'static PairTable> {
        if !std::ptr::eq(self, Model::embedded()) {
            return None;
        }
        EMBEDDED_PAIR
            .get_or_init(|| PairTable::new(self.get(AttackKind::Sqli)?, self.get(AttackKind::Xss)?))
            .as_ref()
    }

    /// The model for `kind`, if trained.
    pub fn get(&self, kind: AttackKind) -> Option<&LinearModel> {
        self.models.iter().find(|m| m.kind == kind)
    }

    /// Parse the binary format described in the module docs.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let rest = b.strip_prefix(MAGIC).ok_or(ModelError("bad magic"))?;
        let (count, mut rest) = take_u32(rest)?;
        if count > 8 {
            return Err(ModelError("too many models"));
        }
        let mut models = Vec::with_capacity(count as usize);
        for _ in 0..count {
            if rest.len() < 12 {
                return Err(ModelError("truncated header"));
            }
            let kind = kind_from_id(rest[0]).ok_or(ModelError("unknown kind"))?;
            let bits = rest[1];
            if bits == 0 || bits > MAX_BITS {
                return Err(ModelError("bad hash width"));
            }
            let scale = f32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]);
            let bias = f32::from_le_bytes([rest[8], rest[9], rest[10], rest[11]]);
            if !scale.is_finite() || !bias.is_finite() {
                return Err(ModelError("non-finite parameter"));
            }
            rest = &rest[12..];
            let n = 1usize << bits;
            if rest.len() < n {
                return Err(ModelError("truncated weights"));
            }
            let weights = rest[..n].iter().map(|&w| w as i8).collect();
            rest = &rest[n..];
            models.push(LinearModel {
                kind,
                bits,
                scale,
                bias,
                weights,
            });
        }
        if !rest.is_empty() {
            return Err(ModelError("trailing bytes"));
        }
        Ok(Model { models })
    }

    /// Serialise to the binary format described in the module docs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.models.len() as u32).to_le_bytes());
        for m in &self.models {
            out.push(kind_id(m.kind));
            out.push(m.bits);
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(&m.scale.to_le_bytes());
            out.extend_from_slice(&m.bias.to_le_bytes());
            out.extend(m.weights.iter().map(|&w| w as u8));
        }
        out
    }
}

fn take_u32(b: &[u8]) -> Result<(u32, &[u8]), ModelError> {
    if b.len() < 4 {
        return Err(ModelError("truncated"));
    }
    Ok((u32::from_le_bytes([b[0], b[1], b[2], b[3]]), &b[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_parses() {
        let m = Model::from_bytes(EMBEDDED_BYTES).expect("embedded model must parse");
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn shared_scores_equal_single_scores() {
        let m = Model::embedded();
        let texts = [
            "<img src=x onerror=alert(1)>",
            "1' or '1'='1' -- ",
            "plain words (and a quote's)",
            "",
            "<p>Hello <b>there</b></p>",
        ];
        // Every order of kinds and texts, repeated: memo hits and misses alike.
        for _ in 0..2 {
            for t in texts {
                for k in [AttackKind::Xss, AttackKind::Sqli, AttackKind::Xss] {
                    let single = m.get(k).map(|x| x.score_decoded(t));
                    assert_eq!(
                        m.score_shared(k, t).map(f32::to_bits),
                        single.map(f32::to_bits)
                    );
                }
            }
            for k in [AttackKind::Sqli, AttackKind::Xss] {
                for t in texts {
                    let single = m.get(k).map(|x| x.score_decoded(t));
                    assert_eq!(
                        m.score_shared(k, t).map(f32::to_bits),
                        single.map(f32::to_bits)
                    );
                }
            }
        }
        assert_eq!(
            m.score_shared(AttackKind::Cmdi, "x"),
            m.get(AttackKind::Cmdi).map(|x| x.score_decoded("x"))
        );
    }

    #[test]
    fn pair_sums_agree_with_single_scores_at_every_width() {
        let model = |kind, bits: u8, seed: u8| LinearModel {
            kind,
            bits,
            scale: 0.05,
            bias: -0.5,
            weights: (0..1usize << bits)
                .map(|i| (i as u8).wrapping_mul(seed) as i8)
                .collect(),
        };
        // 4: the checked fallback; 16: a fixed-size table.
        for bits in [4u8, 16] {
            let (x, s) = (
                model(AttackKind::Xss, bits, 7),
                model(AttackKind::Sqli, bits, 13),
            );
            for t in ["<b onclick=x()>", "1' or 1=1 --", "", "words only"] {
                let (a, b, n) = pair_sums(t, &x, &s);
                assert_eq!(x.probability(a, n).to_bits(), x.score_decoded(t).to_bits());
                assert_eq!(s.probability(b, n).to_bits(), s.score_decoded(t).to_bits());
                let table = PairTable::new(&x, &s).expect("same width");
                assert_eq!(table.sums(t), (a, b, n));
            }
        }
    }

    #[test]
    fn rejects_garbage() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"RASPML01\x01\0\0\0\0\x30").is_err());
        assert!(Model::from_bytes(b"RASPML01\x09\0\0\0").is_err());
    }
}
