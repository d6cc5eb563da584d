//! Soak: one million events into a full queue in front of a stalled TCP receiver.
//! The producer must never block (the receiver only starts reading once the producer is
//! done, so a blocking `emit` would deadlock and trip the time bound), memory must stay
//! flat, and every event must be accounted for exactly: accepted + dropped = produced,
//! and after the receiver catches up, received = sent = accepted.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use rasp_agent::{Agent, AgentOptions};
use rasp_core::config::LogProtocol;
use rasp_core::Config;

const EVENTS: u64 = 1_000_000;
const QUEUE: usize = 1_000;

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn million_events_full_queue_stalled_sink() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (gate_tx, gate_rx) = mpsc::channel::<()>();
    // The receiver accepts at once but reads nothing until the gate opens, then counts lines.
    let receiver = std::thread::spawn(move || {
        let (mut st, _) = listener.accept().unwrap();
        gate_rx.recv().unwrap();
        st.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut lines = 0u64;
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(n) = st.read(&mut buf) {
            if n == 0 {
                break;
            }
            lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        }
        lines
    });

    let cfg = Config {
        log_enabled: true,
        log_protocol: LogProtocol::Tcp,
        log_server: "127.0.0.1".into(),
        log_port: port,
        log_queue_size: QUEUE,
        // Long enough that the stalled writes wait instead of timing out.
        log_http_timeout: 60.0,
        ..Config::default()
    };
    let agent = std::sync::Arc::new(Agent::start(&cfg, AgentOptions::new("soak")).unwrap());
    let template = event();
    // Warm up so the baseline includes the queue's and the worker's steady state.
    for _ in 0..(QUEUE * 2) {
        agent.sink().emit(template.clone());
    }
    let before = rss_kb();
    let (done_tx, done_rx) = mpsc::channel();
    let a = agent.clone();
    std::thread::spawn(move || {
        let sink = a.sink();
        for _ in 0..(EVENTS - (QUEUE * 2) as u64) {
            sink.emit(template.clone());
        }
        done_tx.send(rss_kb()).unwrap();
    });
    let after = done_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the producer blocked: emit must never wait for the sink");
    let s = agent.stats().log;
    assert_eq!(s.accepted + s.dropped_full, EVENTS, "{s:?}");
    assert!(s.dropped_full > EVENTS / 2, "the queue was full: {s:?}");
    // Flat memory: a million events buffered would take hundreds of MB.
    assert!(
        after.saturating_sub(before) < 32 * 1024,
        "RSS grew from {before} kB to {after} kB"
    );

    gate_tx.send(()).unwrap();
    assert!(
        agent.shutdown(Duration::from_secs(30)),
        "{:?}",
        agent.stats().log
    );
    let s = agent.stats().log;
    assert_eq!(s.sent, s.accepted, "{s:?}");
    assert_eq!(s.failed + s.dropped_shutdown, 0, "{s:?}");
    let received = receiver.join().unwrap();
    assert_eq!(received, s.sent);
    eprintln!(
        "soak: {EVENTS} events, accepted {}, dropped {}, received {received}, RSS {before} -> {after} kB",
        s.accepted, s.dropped_full
    );
}
