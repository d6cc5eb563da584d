//! `rasp demo`: a small real axum application protected by rasp-tower's layer, on
//! 127.0.0.1. `--selftest` runs it on an ephemeral port and checks it over real HTTP.

mod app;
mod selftest;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use rasp_core::{Config, EventSink, MemorySink, SecurityEvent};
use rasp_tower::RaspLayer;

#[derive(clap::Args)]
pub struct Args {
    /// Port to listen on (127.0.0.1 only).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// PyRASP JSON configuration (default: the embedded defaults, or PYRASP_CONF/RASP_CONF).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Start on an ephemeral port, send benign and attack requests, print a table and exit
    /// non-zero on any mismatch.
    #[arg(long)]
    selftest: bool,
}

/// Sends events to the demo's memory (for printing and the self-test) and, when
/// `LOG_ENABLED`, to rasp-agent's logging too. Both never block.
struct Tee {
    memory: Arc<MemorySink>,
    agent: Option<Arc<dyn EventSink>>,
}

impl EventSink for Tee {
    fn emit(&self, event: SecurityEvent) {
        if let Some(agent) = &self.agent {
            agent.emit(event.clone());
        }
        self.memory.emit(event);
    }
    fn flush(&self, deadline: Duration) {
        if let Some(agent) = &self.agent {
            agent.flush(deadline);
        }
    }
}

/// The protected demo server, bound but not yet serving.
pub(crate) struct Demo {
    pub listener: tokio::net::TcpListener,
    pub addr: SocketAddr,
    pub events: Arc<MemorySink>,
    pub app: axum::Router,
    _agent: Option<rasp_agent::Agent>,
}

impl Demo {
    pub async fn bind(port: u16, config: Config) -> Result<Demo, String> {
        let events = Arc::new(MemorySink::with_capacity(10_000));
        let agent = if config.log_enabled {
            let opts = rasp_agent::AgentOptions::new("rasp demo");
            Some(rasp_agent::Agent::start(&config, opts).map_err(|e| format!("agent: {e}"))?)
        } else {
            None
        };
        let tee = Tee {
            memory: events.clone(),
            agent: agent.as_ref().map(|a| a.sink()),
        };
        let mut builder = RaspLayer::builder()
            .config(config)
            .sink(Arc::new(tee))
            .platform("rasp demo");
        for (methods, path) in app::ROUTES {
            builder = builder.route(methods, path);
        }
        let layer = builder.build().map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let app = app::router().layer(layer);
        Ok(Demo {
            listener,
            addr,
            events,
            app,
            _agent: agent,
        })
    }
}

fn load_config(path: Option<&std::path::Path>) -> Result<Config, String> {
    Config::load(path, false)
        .map(|l| {
            for w in &l.warnings {
                eprintln!("rasp demo: config warning: {w}");
            }
            l.config
        })
        .map_err(|e| e.to_string())
}

pub fn run(args: Args) -> ExitCode {
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rasp demo: {e}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rasp demo: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.selftest {
        return rt.block_on(selftest::run(config));
    }
    rt.block_on(serve(args.port, config))
}

async fn serve(port: u16, config: Config) -> ExitCode {
    let blacklist_delay = config.blacklist_delay;
    let demo = match Demo::bind(port, config).await {
        Ok(d) => d,
        Err(e) => {
            eprintln!("rasp demo: {e}");
            return ExitCode::FAILURE;
        }
    };
    let base = format!("http://{}", demo.addr);
    println!("rasp demo: protected app listening on {base}  (Ctrl-C to stop)");
    println!(
        "routes: {}",
        app::ROUTES
            .iter()
            .map(|(m, p)| format!("{m} {p}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("try:");
    println!("  curl -i '{base}/?q=rust'                              # search: 200");
    println!("  curl -i -X POST {base}/api/items -H 'content-type: application/json' -d '{{\"name\":\"book\",\"price\":9.5}}'");
    println!(
        "  curl -i -d 'user=demo&password=demo' {base}/login      # a real route, not a decoy: 200"
    );
    println!("  curl -i '{base}/?q=1%27%20OR%20%271%27%3D%271'         # SQL injection: 403");
    println!("  curl -i '{base}/echo?text=%3Cscript%3Ealert(1)%3C/script%3E'  # XSS: 403");
    println!("  curl -i '{base}/.env'                                  # decoy: 403");
    println!(
        "attacks with action 2 blacklist your address for {blacklist_delay} s; restart the demo to clear it."
    );
    let Demo {
        listener,
        events,
        app,
        ..
    } = demo;
    // Print events off the request path.
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            for e in events.take() {
                println!(
                    "[!] {}: {} -> {:?} ({} {} from {}, action {})",
                    e.check.name(),
                    e.location,
                    e.payload,
                    e.method,
                    e.path,
                    e.client_ip
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "?".into()),
                    e.action
                );
            }
        }
    });
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rasp demo: server error: {e}");
            ExitCode::FAILURE
        }
    }
}
