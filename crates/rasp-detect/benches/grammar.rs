//! Speed of the SQLi and XSS grammar engines on a mixed set of typical request values
//! (mostly benign, some attacks) and on adversarial values at the size caps.
//!
//! ```text
//! cargo bench -p rasp-detect --bench grammar
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasp_detect::{sqli, xss, Context};
use std::hint::black_box;

/// Typical parameter, header and cookie values: ids, names, prose, e-mails, JSON, URLs, user
/// agents, tokens, rich text, plus a share of attacks of each family.
fn mixed() -> Vec<String> {
    let mut v: Vec<String> = [
        "42",
        "john.doe@example.com",
        "O'Reilly",
        "select one of the options",
        "Please deliver after 5 pm; ring twice",
        "2024-05-01T10:00:00Z",
        "https://example.com/search?q=union+station&page=2",
        "{\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"n\":3}",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sgnT2Xk1h0c",
        "session=abc123; theme=dark",
        "<p>Hello <b>world</b>, see <a href=\"https://example.com\">this</a></p>",
        "3 < 5 and 7 > 2",
        "123 Main St., Apt 4B",
        "Привет, мир",
        "550e8400-e29b-41d4-a716-446655440000",
        "1' OR '1'='1",
        "-1 UNION SELECT 1,2,concat(user(),version())--",
        "'; DROP TABLE users--",
        "1 AND SLEEP(5)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "javascript:alert(document.cookie)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A longer benign paragraph.
    v.push("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8));
    v
}

fn bench(c: &mut Criterion) {
    let values = mixed();
    let mut g = c.benchmark_group("grammar");
    g.throughput(Throughput::Elements(values.len() as u64));
    g.bench_function("sqli_mixed", |b| {
        b.iter(|| {
            for v in &values {
                black_box(sqli::detect(black_box(v), Context::Param));
            }
        })
    });
    g.bench_function("xss_mixed", |b| {
        b.iter(|| {
            for v in &values {
                black_box(xss::detect(black_box(v), Context::Param));
            }
        })
    });
    g.finish();

    // Adversarial values: 1 MiB of the bytes each engine works hardest on.
    let mut g = c.benchmark_group("grammar_worst");
    g.sample_size(10);
    let big: Vec<(&str, String)> = vec![
        ("quotes", "'".repeat(1 << 20)),
        ("parens", "(".repeat(1 << 20)),
        ("sql_words", "1 or (select 1) and ".repeat(1 << 16)),
        ("tags", "<a b=\"".repeat(1 << 18)),
        ("entities", "&#60;".repeat(1 << 18)),
        ("handlers", " onload=x".repeat(1 << 17)),
        ("percent", "%3C".repeat(1 << 18)),
    ];
    for (name, v) in &big {
        g.bench_function(format!("sqli_1MiB_{name}"), |b| {
            b.iter(|| black_box(sqli::detect(black_box(v), Context::Param)))
        });
        g.bench_function(format!("xss_1MiB_{name}"), |b| {
            b.iter(|| black_box(xss::detect(black_box(v), Context::Param)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
