//! CPU and memory figures for beacons, read from `/proc` (Linux) like psutil does:
//! `cpu` is the host-wide busy percentage since the previous sample (0.0 on the first),
//! `memory` the host-wide used percentage (`MemTotal - MemAvailable`).

/// Host CPU sampler; keeps the previous `/proc/stat` reading.
#[derive(Debug, Default)]
pub struct CpuSampler {
    last: Option<(u64, u64)>,
}

impl CpuSampler {
    /// A sampler with no previous reading.
    pub fn new() -> CpuSampler {
        CpuSampler::default()
    }

    /// Busy percentage since the previous call, rounded to one decimal (psutil's
    /// `cpu_percent()`); 0.0 on the first call or when `/proc/stat` is unreadable.
    pub fn sample(&mut self) -> f64 {
        let Some(now) = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|s| parse_stat(&s))
        else {
            return 0.0;
        };
        let pct = match self.last {
            Some((total, idle)) if now.0 > total => {
                let dt = (now.0 - total) as f64;
                let di = now.1.saturating_sub(idle) as f64;
                (100.0 * (1.0 - di / dt)).clamp(0.0, 100.0)
            }
            _ => 0.0,
        };
        self.last = Some(now);
        (pct * 10.0).round() / 10.0
    }
}

/// `(total, idle)` jiffies from the `cpu` line of `/proc/stat`.
fn parse_stat(s: &str) -> Option<(u64, u64)> {
    let line = s.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .take(8)
        .filter_map(|x| x.parse().ok())
        .collect();
    if v.len() < 4 {
        return None;
    }
    let total = v.iter().sum();
    let idle = v[3] + v.get(4).copied().unwrap_or(0);
    Some((total, idle))
}

/// Host memory used, percent with one decimal (psutil's `virtual_memory().percent`).
pub fn memory_percent() -> f64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| parse_meminfo(&s))
        .unwrap_or(0.0)
}

fn parse_meminfo(s: &str) -> Option<f64> {
    let field = |name: &str| -> Option<u64> {
        s.lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    let total = field("MemTotal:")?;
    let avail = field("MemAvailable:")?;
    if total == 0 {
        return None;
    }
    let pct = 100.0 * (total.saturating_sub(avail)) as f64 / total as f64;
    Some((pct * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_formats() {
        let stat = "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n";
        assert_eq!(parse_stat(stat), Some((1000, 800)));
        assert_eq!(parse_stat("garbage"), None);
        let mem = "MemTotal:       1000 kB\nMemFree:  10 kB\nMemAvailable:    250 kB\n";
        assert_eq!(parse_meminfo(mem), Some(75.0));
        assert_eq!(parse_meminfo("MemTotal: 0 kB\nMemAvailable: 0 kB"), None);
    }

    #[test]
    fn live_samples_are_percentages() {
        let mut s = CpuSampler::new();
        assert_eq!(s.sample(), 0.0);
        let second = s.sample();
        assert!((0.0..=100.0).contains(&second));
        let m = memory_percent();
        assert!(m > 0.0 && m <= 100.0, "{m}");
    }
}
