//! Fleet state through a real `redis-server` started by the test: blacklist propagation
//! between two engines, shared flood counters, Redis killed and restarted mid-run.
//! Skips (with a message) only outside CI when `redis-server` is not installed.
#![cfg(feature = "redis")]

mod common;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use rasp_agent::redis::RedisStore;
use rasp_agent::{Agent, AgentOptions};
use rasp_core::config::StateBackend;
use rasp_core::{Check, Config, CounterKind, Engine, MemoryStore, RequestView, StateStore};

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

fn redis_config(url: &str, prefix: &str) -> Config {
    Config {
        state_backend: StateBackend::Redis,
        redis_url: url.to_string(),
        redis_prefix: prefix.to_string(),
        ..Config::default()
    }
}

/// An agent + engine pair sharing state through Redis.
fn instance(url: &str, prefix: &str) -> (Agent, Arc<Engine>) {
    let cfg = redis_config(url, prefix);
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let engine = Engine::builder(cfg)
        .sink(agent.sink())
        .store(agent.store().expect("redis store"))
        .build()
        .unwrap();
    let engine = Arc::new(engine);
    agent.attach(engine.clone());
    (agent, engine)
}

fn blocked_as_blacklisted(engine: &Engine, ip: &str) -> bool {
    let req = RequestView {
        method: "GET",
        path: "/",
        peer: Some(ip.parse().unwrap()),
        ..Default::default()
    };
    engine
        .inspect_request(&req)
        .attack()
        .is_some_and(|a| a.check == Check::Blacklist)
}

fn connected(agent: &Agent) -> bool {
    agent.stats().redis.is_some_and(|r| r.connected)
}

#[test]
fn blacklisting_on_one_engine_blocks_on_the_other() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let (a, ea) = instance(&redis.url(), "t1:");
    let (b, eb) = instance(&redis.url(), "t1:");
    assert!(wait_until(|| connected(&a) && connected(&b)));
    // A decoy hit on A blacklists the attacker (action 2)...
    let req = RequestView {
        method: "GET",
        path: "/.git/config",
        peer: Some("198.51.100.20".parse().unwrap()),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    assert!(ea.inspect_request(&req).is_block());
    // ...and B blocks it as blacklisted once the change has propagated.
    assert!(wait_until(|| blocked_as_blacklisted(&eb, "198.51.100.20")));
    eprintln!("blacklist propagation A -> B took {:?}", started.elapsed());
    assert!(!blocked_as_blacklisted(&eb, "198.51.100.21"));
    // Removal propagates too.
    assert!(ea.blacklist_remove("198.51.100.20".parse().unwrap()));
    assert!(wait_until(|| !blocked_as_blacklisted(&eb, "198.51.100.20")));
    let sb = b.stats().redis.unwrap();
    assert!(sb.applied >= 2, "{sb:?}");
    assert_eq!(sb.errors, 0);
    // A third instance starting later pulls the existing fleet blacklist on connect.
    ea.blacklist_add("198.51.100.30".parse().unwrap(), now());
    assert!(wait_until(|| blocked_as_blacklisted(&eb, "198.51.100.30")));
    let (_c, ec) = instance(&redis.url(), "t1:");
    assert!(wait_until(|| blocked_as_blacklisted(&ec, "198.51.100.30")));
    // Another prefix is another fleet.
    let (_d, ed) = instance(&redis.url(), "other:");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!blocked_as_blacklisted(&ed, "198.51.100.30"));
}

#[test]
fn flood_counters_are_shared_across_instances() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let store = |prefix: &str| {
        let local: Arc<dyn StateStore> = Arc::new(MemoryStore::new(1000));
        RedisStore::start(local, &redis.url(), prefix, 1000).unwrap()
    };
    let a = store("t2:");
    let b = store("t2:");
    assert!(wait_until(|| a.stats().connected && b.stats().connected));
    let ip: IpAddr = "203.0.113.5".parse().unwrap();
    let t = now();
    for i in 0..30 {
        a.hit(CounterKind::Flood, ip, t + i as f64 * 0.001, 60.0);
    }
    for i in 0..20 {
        b.hit(CounterKind::Flood, ip, t + i as f64 * 0.001, 60.0);
    }
    // After a sync, each instance counts the fleet's 50 hits (plus the probing hit).
    assert!(wait_until(
        || b.hit(CounterKind::Flood, ip, now(), 60.0) >= 51
    ));
    assert!(wait_until(
        || a.hit(CounterKind::Flood, ip, now(), 60.0) >= 52
    ));
    // Another kind and another IP are separate counters.
    assert_eq!(a.hit(CounterKind::Errors, ip, now(), 60.0), 1);
    assert_eq!(
        a.hit(
            CounterKind::Flood,
            "203.0.113.6".parse().unwrap(),
            now(),
            60.0
        ),
        1
    );
}

#[test]
fn redis_killed_and_restarted_mid_run() {
    let port = free_port();
    let Some(mut redis) = RedisServer::start_on(port) else {
        return;
    };
    let (a, ea) = instance(&redis.url(), "t3:");
    let (b, eb) = instance(&redis.url(), "t3:");
    assert!(wait_until(|| connected(&a) && connected(&b)));
    ea.blacklist_add("198.51.100.40".parse().unwrap(), now());
    assert!(wait_until(|| blocked_as_blacklisted(&eb, "198.51.100.40")));

    redis.kill();
    // Local-only mode: requests are still answered, from local state, and errors counted.
    ea.blacklist_add("198.51.100.41".parse().unwrap(), now());
    assert!(blocked_as_blacklisted(&ea, "198.51.100.41"));
    assert!(blocked_as_blacklisted(&eb, "198.51.100.40"));
    assert!(wait_until(
        || !connected(&a) && a.stats().redis.unwrap().errors > 0
    ));
    assert!(!blocked_as_blacklisted(&eb, "198.51.100.41"));

    // Restarted (empty: no persistence): both reconnect, republish, and converge.
    let _redis = RedisServer::start_on(port).expect("restart redis");
    assert!(wait_until(|| connected(&a) && connected(&b)));
    assert!(wait_until(|| blocked_as_blacklisted(&eb, "198.51.100.41")));
    // New changes flow again.
    eb.blacklist_add("198.51.100.42".parse().unwrap(), now());
    assert!(wait_until(|| blocked_as_blacklisted(&ea, "198.51.100.42")));
    assert!(a.stats().redis.unwrap().connects >= 2);
}

#[test]
fn unreachable_redis_is_local_only_and_bad_url_is_an_error() {
    // Nothing listens on this port: the store works locally and keeps retrying.
    let port = free_port();
    let cfg = redis_config(&format!("redis://127.0.0.1:{port}"), "t4:");
    let agent = Agent::start(&cfg, AgentOptions::new("test")).unwrap();
    let store = agent.store().unwrap();
    let ip: IpAddr = "198.51.100.50".parse().unwrap();
    assert!(store.blacklist(ip, now()));
    assert!(store.blacklisted(ip, now(), 3600.0).is_some());
    assert_eq!(store.hit(CounterKind::Flood, ip, now(), 60.0), 1);
    assert!(wait_until(|| agent.stats().redis.unwrap().errors >= 2));
    agent.shutdown(Duration::from_secs(1));

    let cfg = redis_config("not a url", "t4:");
    let e = Agent::start(&cfg, AgentOptions::new("test")).err().unwrap();
    assert!(e.to_string().contains("REDIS_URL"), "{e}");
}

#[test]
fn a_fleet_removal_is_not_undone_by_an_instance_with_a_stale_entry() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let ip: IpAddr = "198.51.100.60".parse().unwrap();
    let t0 = now() - 10.0;
    let (a, ea) = instance(&redis.url(), "t5:");
    assert!(wait_until(|| connected(&a)));
    ea.blacklist_add(ip, t0);
    assert!(ea.blacklist_remove(ip));
    // An instance that was away still holds the old entry (e.g. from a local file).
    let stale: Arc<dyn StateStore> = Arc::new(MemoryStore::new(100));
    stale.blacklist(ip, t0);
    let c = RedisStore::start(stale.clone(), &redis.url(), "t5:", 100).unwrap();
    assert!(wait_until(|| c.stats().connected));
    // Its resync is refused by the tombstone and it drops the entry itself.
    assert!(wait_until(|| stale
        .blacklisted(ip, now(), 3600.0)
        .is_none()));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!blocked_as_blacklisted(&ea, "198.51.100.60"));
    // A new blacklisting after the removal is accepted fleet-wide.
    c.blacklist(ip, now());
    assert!(wait_until(|| blocked_as_blacklisted(&ea, "198.51.100.60")));
}
