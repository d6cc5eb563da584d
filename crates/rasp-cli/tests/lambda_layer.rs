//! `rasp lambda-layer` builds the zip; the zip's `extensions/rasp`, started the way Lambda
//! starts extensions (no arguments, from an `extensions/` directory), protects a Python
//! function run through the zip's `rasp-wrapper`, against the local Runtime/Extensions API.

#[path = "../../rasp-lambda/tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{FakeLambda, Outcome};

const T: Duration = Duration::from_secs(20);

fn rasp() -> &'static str {
    env!("CARGO_BIN_EXE_rasp")
}

/// Build a layer; `binary` replaces the (large, debug) test binary where the test only looks
/// at the layout, and debug binaries are stored uncompressed to keep the test fast.
fn build_layer(dir: &Path, config: Option<&str>, binary: Option<&Path>) -> PathBuf {
    let zip = dir.join("layer.zip");
    let mut cmd = Command::new(rasp());
    cmd.args(["lambda-layer", "--out"]).arg(&zip);
    match binary {
        Some(b) => cmd.arg("--binary").arg(b),
        None => cmd.args(["--level", "0"]),
    };
    if let Some(c) = config {
        let p = dir.join("config.json");
        std::fs::write(&p, c).unwrap();
        cmd.arg("--config").arg(p);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    zip
}

/// Unpack like Lambda does under /opt, keeping the Unix modes stored in the zip, and return
/// `mode path` lines (Python's zipfile: no extra tool needed beyond python3).
fn unpack(zip: &Path, opt: &Path) -> String {
    const PY: &str = r#"
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for i in z.infolist():
        mode = (i.external_attr >> 16) & 0o7777
        print("%o %s" % (mode, i.filename))
        p = z.extract(i, sys.argv[2])
        if not i.is_dir():
            os.chmod(p, mode)
"#;
    let out = Command::new("python3")
        .args(["-c", PY])
        .arg(zip)
        .arg(opt)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn layer_zip_layout() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("fake-rasp");
    std::fs::write(
        &bin,
        b"\x7fELF not really a binary, only the layout is checked here",
    )
    .unwrap();
    let zip = build_layer(
        dir.path(),
        Some(r#"{"BLOCK_STATUS_CODE": 406}"#),
        Some(&bin),
    );
    let opt = dir.path().join("opt");
    let listing = unpack(&zip, &opt);
    for entry in [
        "755 extensions/",
        "755 extensions/rasp",
        "755 rasp-wrapper",
        "644 rasp/config.json",
    ] {
        assert!(
            listing.lines().any(|l| l == entry),
            "{entry} missing:\n{listing}"
        );
    }
    assert_eq!(
        std::fs::read(opt.join("extensions/rasp")).unwrap(),
        std::fs::read(&bin).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(opt.join("rasp/config.json")).unwrap(),
        r#"{"BLOCK_STATUS_CODE": 406}"#
    );

    // Same inputs, same bytes: reproducible layers.
    let again = build_layer(
        &dir.path().join("again").tap_mkdir(),
        Some(r#"{"BLOCK_STATUS_CODE": 406}"#),
        Some(&bin),
    );
    assert_eq!(std::fs::read(&zip).unwrap(), std::fs::read(&again).unwrap());
}

trait TapMkdir {
    fn tap_mkdir(self) -> Self;
}

impl TapMkdir for PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}

#[test]
fn missing_output_directory_is_a_clear_error() {
    let out = Command::new(rasp())
        .args(["lambda-layer", "--out", "/nonexistent-dir/x/layer.zip"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn extension_outside_lambda_says_so() {
    let out = Command::new(rasp())
        .arg("lambda-extension")
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("AWS_LAMBDA_RUNTIME_API"));
}

#[test]
fn layer_protects_a_python_function() {
    let dir = tempfile::tempdir().unwrap();
    // An injection has action 2 (block and blacklist): the blacklist reaction answers.
    let config = r#"{"BLACKLIST_STATUS_CODE": 406, "BLACKLIST_ACTION_CONTENT": "Denied"}"#;
    let zip = build_layer(dir.path(), Some(config), None);
    let opt = dir.path().join("opt");
    unpack(&zip, &opt);

    let lambda = FakeLambda::start();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // Lambda starts /opt/extensions/rasp with no arguments; the layer's config is passed the
    // way a user would (RASP_CONF), since /opt is not writable here.
    let mut ext = Command::new(opt.join("extensions/rasp"))
        .env("AWS_LAMBDA_RUNTIME_API", lambda.api())
        .env("RASP_PROXY_PORT", port.to_string())
        .env("RASP_CONF", opt.join("rasp/config.json"))
        .env_remove("PYRASP_CONF")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    assert!(lambda.wait_ready(1, T), "{:?}", lambda.snapshot());
    assert_eq!(lambda.snapshot().extensions[0].0, "rasp");

    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rasp-lambda/tests/support/runtime.py");
    let mut runtime = Command::new(opt.join("rasp-wrapper"))
        .arg("python3")
        .arg(script)
        .env("AWS_LAMBDA_RUNTIME_API", lambda.api())
        .env("RASP_PROXY_PORT", port.to_string())
        .spawn()
        .unwrap();

    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../rasp-lambda/tests/fixtures/apigw-http-v2.json");
    let mut ev: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    ev["rawQueryString"] = "".into();
    let ok = lambda.invoke(ev.to_string().as_bytes(), T);
    let Some(Outcome::Response(b)) = ok else {
        panic!("{ok:?}")
    };
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["body"], "hello /my/path");

    ev["rawQueryString"] = "q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E".into();
    ev["requestContext"]["http"]["sourceIp"] = "198.51.100.77".into();
    let blocked = lambda.invoke(ev.to_string().as_bytes(), T);
    let Some(Outcome::Response(b)) = blocked else {
        panic!("{blocked:?}")
    };
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["statusCode"], 406, "{v}");
    assert_eq!(v["body"], "Denied");

    lambda.shutdown("spindown", Duration::from_secs(2));
    let deadline = std::time::Instant::now() + T;
    let status = loop {
        if let Some(s) = ext.try_wait().unwrap() {
            break Some(s);
        }
        if std::time::Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = runtime.kill();
    let _ = runtime.wait();
    match status {
        Some(s) => assert!(s.success(), "extension exit {s:?}"),
        None => {
            let _ = ext.kill();
            panic!("extension did not exit on SHUTDOWN");
        }
    }
}
