//! Files and directories whose mere naming in a parameter is an attempt to read them: the
//! operating system's account, host and process files, web-server and platform configuration,
//! credentials, logs. This is domain knowledge (what an attacker wants to read), not a list
//! of payloads.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Named anywhere in the value (at a path boundary): unambiguous.
const ANYWHERE: &[&str] = &[
    "etc/passwd",
    "etc/shadow",
    "etc/master.passwd",
    "etc/group",
    "etc/gshadow",
    "etc/sudoers",
    "etc/hosts",
    "etc/issue",
    "etc/motd",
    "etc/crontab",
    "etc/fstab",
    "etc/inittab",
    "etc/resolv.conf",
    "etc/hostname",
    "etc/profile",
    "etc/bashrc",
    "etc/environment",
    "etc/os-release",
    "etc/lsb-release",
    "etc/redhat-release",
    "etc/my.cnf",
    "etc/httpd/",
    "etc/apache2/",
    "etc/apache/",
    "etc/nginx/",
    "etc/mysql/",
    "etc/php",
    "etc/ssh/",
    "etc/ssl/",
    "etc/security/",
    "etc/init.d/",
    "etc/network/",
    "etc/shells",
    "proc/self/",
    "proc/version",
    "proc/cpuinfo",
    "proc/meminfo",
    "proc/mounts",
    "proc/net/",
    "proc/sched_debug",
    "var/log/",
    "var/www/",
    "var/mail/",
    "var/spool/",
    "var/lib/mysql",
    "var/run/secrets",
    "run/secrets/",
    "usr/local/apache",
    "usr/local/etc/",
    "dev/tcp/",
    "dev/udp/",
    "boot.ini",
    "win.ini",
    "system.ini",
    "windows/system32",
    "windows/repair/",
    "windows/panther/",
    "windows/debug/",
    "winnt/system32",
    "winnt/repair/",
    "system32/config/",
    "system32/drivers/etc",
    "system32/inetsrv/",
    "autoexec.bat",
    "pagefile.sys",
    "hiberfil.sys",
    "inetpub/",
    // IIS's log directory (`C:\inetpub\logs\LogFiles\W3SVC1`): what `var/log/` is on Linux,
    // the request logs a log-poisoning attack then includes; unlike the web root itself
    // (above), no hosting form asks for it.
    "inetpub/logs/",
    // Database servers' access and settings files, wherever the package manager put them
    // (`/usr/local/var/postgres/pg_hba.conf` under Homebrew, `/opt/homebrew/var/mysql/my.cnf`);
    // WebLogic's domain key (`security/SerializedSystemIni.dat`), which decrypts the
    // domain's stored passwords.
    "pg_hba.conf",
    "my.cnf",
    "serializedsystemini.dat",
    // Gitea's settings (`SECRET_KEY`, `INTERNAL_TOKEN`, the database password) in its
    // container (`/data/gitea/conf/app.ini`) and in a binary install (`custom/conf/app.ini`).
    "gitea/conf/app.ini",
    "custom/conf/app.ini",
    // Group Policy Preferences files, which store passwords encrypted with a key Microsoft
    // published (`cpassword`): in SYSVOL and in a client's Group Policy history.
    "preferences/groups/groups.xml",
    "preferences/services/services.xml",
    "preferences/scheduledtasks/scheduledtasks.xml",
    "preferences/datasources/datasources.xml",
    "preferences/drives/drives.xml",
    "applicationhost.config",
    "web-inf/",
    "meta-inf/",
    // Spring Boot's executable jar: `BOOT-INF/classes/` holds `application.properties`
    // (database and cloud credentials) as `WEB-INF/classes/` does in a war.
    "boot-inf/",
    ".htpasswd",
    ".htaccess",
    ".bash_history",
    ".bash_profile",
    ".bashrc",
    ".zsh_history",
    ".mysql_history",
    ".ssh/",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "authorized_keys",
    ".aws/credentials",
    ".docker/config.json",
    ".kube/config",
    ".git/config",
    ".git/head",
    ".svn/entries",
    "wp-config.php",
    "php.ini",
    "httpd.conf",
    "apache2.conf",
    "nginx.conf",
    "my.ini",
    "web.config",
    "bin/sh",
    "bin/bash",
    // Web-server logs outside `/var/log` (Windows and bundled installs): log poisoning
    // turns an include of one into code execution.
    "apache/logs/",
    "apache2/logs/",
    "httpd/logs/",
    "nginx/logs/",
    "lampp/logs/",
    "xampp/apache/",
    "wamp/logs/",
    "wamp64/logs/",
    // Windows set-up answer files (local administrator passwords) and the user hive.
    "unattend.xml",
    "sysprep.inf",
    "sysprep.xml",
    "ntuser.dat",
    // Stored credentials: database client passwords, git and npm tokens, the dotenv file
    // of twelve-factor applications, MySQL's account table, FTP servers' user databases.
    ".pgpass",
    ".git-credentials",
    ".npmrc",
    ".netrc",
    ".env",
    "mysql/user.myd",
    // Oracle Net's configuration directory (`$ORACLE_HOME/network/admin/`): `tnsnames.ora`
    // names every database's host and service, `sqlnet.ora` the wallet holding passwords.
    "network/admin/",
    "pureftpd.pdb",
    "pure-ftpd.conf",
    "proftpd.conf",
    "vsftpd.conf",
    // Another process's input and the kernel's view of the host (`/dev/fd/0` re-reads the
    // request body; `/sys/class/net/eth0/address` and DMI ids fingerprint the machine).
    "dev/stdin",
    "dev/fd/",
    "sys/class/",
    "sys/kernel/",
    "sys/devices/",
    // The rest of the kernel's view: firmware tables (DMI serials, ACPI), the hypervisor's
    // host id, buses, disks and module parameters.
    "sys/firmware/",
    "sys/hypervisor/",
    "sys/bus/",
    "sys/block/",
    "sys/module/",
    // Physical and kernel memory and the I/O ports: reading one leaks whatever the machine
    // holds (keys, other processes' data) or hangs the worker.
    "dev/mem",
    "dev/kmem",
    "dev/port",
    // Containers: the Docker marker file and the application secrets of Rails and ASP.NET.
    ".dockerenv",
    "config/database.yml",
    "config/secrets.yml",
    "config/master.key",
    "config/credentials.yml.enc",
    "secrets/master.key",
    // Framework secrets and logs named from the application root: Laravel's log (log
    // poisoning), Magento's and Drupal's database settings, Maven's and PyPI's credentials,
    // Terraform state (every managed secret in clear).
    "storage/logs/laravel.log",
    "app/etc/env.php",
    // Magento 1's database settings; WordPress's debug log (queries, paths and whatever a
    // plugin dumps, written inside the served tree); the VS Code SFTP extension's server
    // password, often deployed with the site.
    "app/etc/local.xml",
    "wp-content/debug.log",
    ".vscode/sftp.json",
    "sites/default/settings.php",
    // Flask's instance folder configuration (`SECRET_KEY`, the database URL), kept out of
    // the package so that it stays out of version control.
    "instance/config.py",
    ".m2/settings.xml",
    ".pypirc",
    "terraform.tfstate",
    // ASP.NET's protected data folder (databases, often the membership store).
    "app_data/",
    // PHP session files (`/tmp/sess_<id>`, `/var/lib/php/sessions/sess_<id>`): a value
    // stored in the session and then included runs as code.
    "tmp/sess_",
    "sessions/sess_",
    // JBoss/WildFly's server configuration (datasource passwords, the management users'
    // hashes), Confluence's database settings, SQL Server's database files (`master.mdf`
    // holds the logins' hashes) and error log (failed logins with their client addresses,
    // the server's paths and accounts), wherever they are installed.
    "standalone/configuration/",
    "domain/configuration/",
    "confluence.cfg.xml",
    "mssql/data/",
    "mssql/log/",
    // macOS's privacy database (which application may read the camera, the disk, the
    // screen), system-wide or a user's.
    "com.apple.tcc/",
    // Tomcat's user database and server configuration, wherever Tomcat is installed.
    "tomcat-users.xml",
    "conf/server.xml",
    "conf/context.xml",
    // Windows' key stores (machine and user RSA keys, DPAPI master keys, saved credentials)
    // and the OpenSSH server's own directory: `C:\ProgramData` as a whole holds what
    // installed software writes (an application's logs a ticket quotes), judged by what it
    // names, as `/var` is.
    "microsoft/crypto/",
    "microsoft/protect/",
    "microsoft/credentials/",
    "programdata/ssh/",
    // Version-control metadata: the application's whole source and history.
    ".git/",
    ".svn/",
    ".hg/",
    ".bzr/",
    // macOS's directory-service records: one plist per local user (`root.plist`,
    // `admin.plist`) with its password hash, under `/var/db/dslocal/nodes/<node>/users/`.
    "db/dslocal/",
];

/// Dot-files that count only as the last segment of a path (`~/.netrc`, `/app/.env`,
/// `../.pgpass`) and only as a whole name: documentation names them alone ("the .netrc
/// file", `.env.example` templates, a `.env(…)` method), a request reading them gives a
/// directory.
const IN_PATH_ONLY: &[&str] = &[
    ".pgpass",
    ".git-credentials",
    ".npmrc",
    ".netrc",
    ".env",
    ".pypirc",
    "terraform.tfstate",
];

/// Named at the root of the file system only (`/etc/…`, `C:\windows\…`, after a climb).
const ROOTED: &[&str] = &[
    "etc/",
    "proc/",
    "root/",
    "boot/",
    "windows/",
    "winnt/",
    // `/var` and `/opt` hold the server's state and the applications themselves: the
    // sensitive parts are named (`var/log/`, `var/lib/`…); `/var/www/html`, `/srv/http`,
    // `/opt/myapp/logs` are the directories a hosting form asks for.
    "var/lib/",
    "var/backups/",
    "var/run/",
    "var/db/",
    // SQL Server on Linux: `mssql.conf`, the databases, logs and the machine key.
    "var/opt/mssql/",
    // AWS Lambda: the function's code and bundled configuration (`/var/task/`), the managed
    // runtime's bootstrap (`/var/runtime/`). Only a Lambda has them, and no page is there.
    "var/task/",
    "var/runtime/",
    // macOS: root's home (the twin of `/root/`), the system's version (`SystemVersion.plist`,
    // `ServerVersion.plist`: the fingerprint `/etc/os-release` is on Linux) and the machine's
    // preferences (`/Library/Preferences/SystemConfiguration/` holds the network set-up and
    // known Wi-Fi networks, `com.apple.loginwindow.plist` the auto-login user), as `/etc/`
    // is. A user's own `~/Library/…` and `/Library/Application Support/` are judged by what
    // they name (keychains are secrets wherever they are).
    "var/root/",
    // Android's application-private storage (`/data/data/<package>/shared_prefs/`,
    // `databases/`): tokens and the app's own databases.
    "data/data/",
    "system/library/coreservices/",
    "library/preferences/",
    // macOS's system-wide logs (`/Library/Logs/DiagnosticReports/` crash reports: every
    // crashed process's paths, arguments and user), the twin of `/var/log/`.
    "library/logs/",
    // macOS's autostart directories: a property list written there is run at boot
    // (`LaunchDaemons`, as root) or at every login (`LaunchAgents`, `StartupItems`), the
    // persistence the Windows startup folder and `/etc/init.d/` give. A user's own
    // `~/Library/LaunchAgents/` is judged with the home's other stores
    // ([`user_library_store`]).
    "library/launchagents/",
    "library/launchdaemons/",
    "library/startupitems/",
    // Endless and blocking devices: reading `/dev/zero` or `/dev/urandom` never ends and
    // `/dev/random` may block, so a worker that loads the file whole exhausts its memory or
    // hangs (the denial of service fuzzers and scanners send). Rooted: `/blog/dev/random`
    // is a page.
    "dev/zero",
    "dev/random",
    "dev/urandom",
];

/// Most matches examined per value (bounds the scan of adversarial repetitive values).
const MAX_HITS: usize = 64;

/// Most matches examined per entry in the loose skeleton scan.
const MAX_HITS_PER_ENTRY: usize = 16;

/// Build the automaton and the loose searchers now (see [`super::warm`]).
pub fn warm() {
    automaton();
    loose_finders();
}

/// One automaton over both lists (pattern ids below `ANYWHERE.len()` are [`ANYWHERE`]).
fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        // Case-insensitive so plain values can be searched without lower-casing them.
        // A DFA: a few hundred states built once, then one table step per byte (the
        // default contiguous NFA follows failure links byte by byte on prose).
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(ANYWHERE.iter().chain(ROOTED.iter()))
            .expect("static sensitive-path patterns are valid")
    })
}

/// Whether the canonical path names a sensitive file or directory.
pub fn names_sensitive_file(canon: &str) -> bool {
    let ac = automaton();
    // Most values name no entry at all: a plain search (which stops at the first hit)
    // settles them before the overlapping walk that examines every hit.
    let Some(first_end) = first_hit_end(ac, canon) else {
        return false;
    };
    overlapping_hits(ac, canon, first_end)
        .take(MAX_HITS)
        .any(|m| {
            let id = m.pattern().as_usize();
            if id < ANYWHERE.len() {
                (!WEB_ROOTS.contains(&ANYWHERE[id]) || names_server_file(canon, m.end()))
                    && boundary_before(canon, m.start())
                    && boundary_after(canon, m.end(), ANYWHERE[id])
                    && !mentioned_in_prose(canon, m.start(), m.end())
                    && !startup_file_under_variable(canon, m.start(), ANYWHERE[id])
                    && !public_key_under_ssh(canon, m.end(), ANYWHERE[id])
                    && !system_file_named_bare(canon, m.start(), ANYWHERE[id])
                    && !shell_error_message(canon, m.end(), ANYWHERE[id])
                    && !php_error_location(canon, m.start(), m.end())
                    && !search_text_in_url_query(canon, m.start(), m.end())
            } else {
                let entry = ROOTED[id - ANYWHERE.len()];
                rooted(canon, m.start())
                    // (a directory ends at its `/`; a device's name must end too)
                    && (entry.ends_with('/') || boundary_after(canon, m.end(), entry))
                    && !names_static_asset(canon, m.end())
                    && !mentioned_in_prose(canon, m.start(), m.end())
            }
        })
}

/// Where the earliest-ending hit of `ac` in `hay` ends, as a search of the whole text finds
/// it. Every entry holds a key anchor ([`is_key_anchor`]), and so does every text it
/// matches, within [`LONGEST_ENTRY`] bytes of either end: the automaton searches only the windows
/// around the anchors (joined where they overlap), in order, so prose without one (most
/// sentences end a word with `.` and a blank) is not searched at all, and a long text with a
/// few names in it only around them. A hit lies in one window; the windows are disjoint and
/// in order, so the first window with a hit holds the earliest-ending one. Text dense with
/// anchors (markup, paths) is searched from its window on to the end instead, which finds
/// the same hit (none lies before) without visiting every anchor.
fn first_hit_end(ac: &AhoCorasick, hay: &str) -> Option<usize> {
    let b = hay.as_bytes();
    // The searcher for the three anchor bytes, set up once rather than at each byte found
    // (which `memchr3_iter` does, through its run-time dispatch); the same offsets either
    // way.
    #[cfg(target_arch = "x86_64")]
    {
        static THREE: OnceLock<Option<memchr::arch::x86_64::avx2::memchr::Three>> = OnceLock::new();
        let three =
            THREE.get_or_init(|| memchr::arch::x86_64::avx2::memchr::Three::new(b'/', b'_', b'.'));
        if let Some(three) = three {
            return first_hit_end_from(ac, hay, three.iter(b));
        }
    }
    first_hit_end_from(ac, hay, memchr::memchr3_iter(b'/', b'_', b'.', b))
}

/// [`first_hit_end`] given the offsets of the bytes `/`, `_` and `.` in `hay`, in order.
fn first_hit_end_from(
    ac: &AhoCorasick,
    hay: &str,
    anchor_bytes: impl Iterator<Item = usize>,
) -> Option<usize> {
    let b = hay.as_bytes();
    let window = |a: usize| {
        (
            a.saturating_sub(LONGEST_ENTRY),
            (a + LONGEST_ENTRY + 1).min(b.len()),
        )
    };
    let mut found = anchor_bytes.filter(|&i| is_key_anchor(b, i));
    let mut next = found.next();
    while let Some(a) = next {
        let (lo, mut hi) = window(a);
        next = None;
        let mut joined = 0;
        for n in found.by_ref() {
            let (n_lo, n_hi) = window(n);
            if n_lo > hi {
                next = Some(n);
                break;
            }
            hi = n_hi;
            joined += 1;
            if joined == MAX_JOINED {
                hi = b.len();
                break;
            }
        }
        if let Some(m) = ac.find(aho_corasick::Input::new(hay).range(lo..hi)) {
            return Some(m.end());
        }
        if hi == b.len() {
            break;
        }
    }
    None
}

/// Anchors joined into one window before the rest of the text is searched whole.
const MAX_JOINED: usize = 8;

/// Whether the byte at `i` (a `/`, `_` or `.`) is an anchor: a `_`, a `/` right after an
/// ASCII letter or digit, or a `.` right before one. Every entry of [`ANYWHERE`] and
/// [`ROOTED`] holds an anchor (a directory name before its `/`, a file name's extension, an
/// `id_` key), checked by a unit test that walks both lists; the automaton matches ASCII
/// bytes only (ignoring their case), so a text an entry matches holds the same anchor at the
/// same place.
const fn is_anchor(s: &[u8], i: usize) -> bool {
    match s[i] {
        b'/' => i > 0 && s[i - 1].is_ascii_alphanumeric(),
        b'.' => i + 1 < s.len() && s[i + 1].is_ascii_alphanumeric(),
        _ => true,
    }
}

/// Whether the anchor at `i` (a `/`, `_` or `.`) has the neighbours of the key anchor of
/// some entry ([`KEYS`]), so that an entry may match around it. A text an entry matches
/// holds the entry's key anchor with the same neighbours, ignoring ASCII case (the
/// automaton matches ASCII bytes only, and the anchor bytes have no case), so it passes
/// this test there; anchors no entry could be matched around (`e.g`, `3.5`, `<br/>`,
/// `user_id`, most of a URL's) open no window.
#[inline(always)]
fn is_key_anchor(s: &[u8], i: usize) -> bool {
    if !is_anchor(s, i) {
        return false;
    }
    let keys = &KEYS[anchor_kind(s[i])];
    // A missing neighbour and a byte outside ASCII read as DEL, which no entry holds.
    let prev = i
        .checked_sub(1)
        .map_or(DEL, |j| KEY_LOWER[usize::from(s[j])]);
    let next = s.get(i + 1).map_or(DEL, |&c| KEY_LOWER[usize::from(c)]);
    let bit = |c: u8| 1u128 << c;
    keys.around[usize::from(prev)] & bit(next) != 0
        || (keys.before & bit(prev) != 0 && ends_an_entry(s, i))
        || (keys.after & bit(next) != 0 && starts_an_entry(s, i))
}

/// Whether the text up to the anchor at `i` ends as an entry whose key anchor ends it
/// (`etc/`, `windows/`) does: its last [`KEY_SPAN`] bytes, ignoring ASCII case. A neighbour
/// on one side only says little (`docs/` ends in `s/` as `windows/` does); more of the
/// entry tells them apart, and a text the entry matches holds all of it.
fn ends_an_entry(s: &[u8], i: usize) -> bool {
    (i + 1)
        .checked_sub(KEY_SPAN)
        .and_then(|start| span_word(s, start))
        .is_some_and(|w| ENDED.contains(&w))
}

/// Whether the text from the anchor at `i` starts as an entry whose key anchor starts it
/// (`.htaccess`, `.ssh/`) does: its first [`KEY_SPAN`] bytes, ignoring ASCII case (`.html`
/// is not `.htaccess`).
fn starts_an_entry(s: &[u8], i: usize) -> bool {
    span_word(s, i).is_some_and(|w| STARTED.contains(&w))
}

/// Bytes of an entry compared at a key anchor that ends or starts it (every such entry is
/// at least this long: checked where [`ENDED`] and [`STARTED`] are built).
const KEY_SPAN: usize = 4;

/// The [`KEY_SPAN`] bytes of `s` from `start` as one word, each through [`KEY_LOWER`] (ASCII
/// lower-cased, others DEL, which no entry holds), so that one comparison of words is one
/// comparison of the bytes ignoring ASCII case.
fn span_word(s: &[u8], start: usize) -> Option<u32> {
    let w = s.get(start..start.checked_add(KEY_SPAN)?)?;
    let lower = |j: usize| KEY_LOWER[usize::from(w[j])];
    Some(u32::from_le_bytes([lower(0), lower(1), lower(2), lower(3)]))
}

/// [`span_word`] of an entry's bytes from `start` (entries are lower case).
const fn entry_word(e: &[u8], start: usize) -> u32 {
    assert!(
        start + KEY_SPAN <= e.len(),
        "an entry keyed at an end spans KEY_SPAN bytes"
    );
    u32::from_le_bytes([
        e[start].to_ascii_lowercase(),
        e[start + 1].to_ascii_lowercase(),
        e[start + 2].to_ascii_lowercase(),
        e[start + 3].to_ascii_lowercase(),
    ])
}

/// The `n`th entry of [`ANYWHERE`] then [`ROOTED`].
const fn entry(n: usize) -> &'static [u8] {
    if n < ANYWHERE.len() {
        ANYWHERE[n].as_bytes()
    } else {
        ROOTED[n - ANYWHERE.len()].as_bytes()
    }
}

/// Where the key anchor of an entry lies: inside it, at its end or at its start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyAt {
    Inside,
    End,
    Start,
}

/// Where the key anchor of `e` lies.
const fn key_at(e: &[u8]) -> KeyAt {
    let k = key_anchor(e);
    if k > 0 && k + 1 < e.len() {
        KeyAt::Inside
    } else if k > 0 {
        KeyAt::End
    } else {
        KeyAt::Start
    }
}

/// How many entries have their key anchor at `at`.
const fn count_keyed(at: KeyAt) -> usize {
    let mut count = 0;
    let mut n = 0;
    while n < ANYWHERE.len() + ROOTED.len() {
        if key_at(entry(n)) as u8 == at as u8 {
            count += 1;
        }
        n += 1;
    }
    count
}

/// The [`KEY_SPAN`] bytes at the key anchor's end of the entries with their key anchor at
/// `at` (their last bytes for [`KeyAt::End`], their first for [`KeyAt::Start`]), as
/// [`entry_word`]s, in list order.
const fn keyed<const N: usize>(at: KeyAt) -> [u32; N] {
    let mut out = [0u32; N];
    let mut j = 0;
    let mut n = 0;
    while n < ANYWHERE.len() + ROOTED.len() {
        let e = entry(n);
        if key_at(e) as u8 == at as u8 {
            let start = if matches!(at, KeyAt::End) {
                e.len().saturating_sub(KEY_SPAN)
            } else {
                0
            };
            out[j] = entry_word(e, start);
            j += 1;
        }
        n += 1;
    }
    out
}

/// The last bytes of the entries whose key anchor ends them.
static ENDED: [u32; count_keyed(KeyAt::End)] = keyed(KeyAt::End);

/// The first bytes of the entries whose key anchor starts them.
static STARTED: [u32; count_keyed(KeyAt::Start)] = keyed(KeyAt::Start);

/// DEL: no entry holds it, so it stands for a neighbour that matches no key.
const DEL: u8 = 0x7f;

/// A byte lower-cased if it is ASCII, else [`DEL`].
static KEY_LOWER: [u8; 256] = {
    let mut t = [DEL; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = (c as u8).to_ascii_lowercase();
        c += 1;
    }
    t
};

/// The neighbours of the key anchors of one anchor byte, as bit sets over ASCII: `around[p]`
/// holds `n` for an anchor inside an entry between `p` and `n`; `before` holds `p` for an
/// anchor that ends an entry (`etc/`); `after` holds `n` for one that starts it (`.htaccess`).
struct AnchorKeys {
    around: [u128; 128],
    before: u128,
    after: u128,
}

/// Index of an anchor byte in [`KEYS`].
const fn anchor_kind(c: u8) -> usize {
    match c {
        b'/' => 0,
        b'.' => 1,
        _ => 2,
    }
}

/// The key anchor of an entry: its first anchor inside it (with a neighbour on both sides,
/// the most selective key), or else its first anchor. Fails to compile for an entry with
/// none.
const fn key_anchor(e: &[u8]) -> usize {
    let mut first = usize::MAX;
    let mut i = 0;
    while i < e.len() {
        if matches!(e[i], b'/' | b'.' | b'_') && is_anchor(e, i) {
            if i > 0 && i + 1 < e.len() {
                return i;
            }
            if first == usize::MAX {
                first = i;
            }
        }
        i += 1;
    }
    assert!(first != usize::MAX, "every entry holds an anchor");
    first
}

/// The key anchors' neighbours of every entry of [`ANYWHERE`] and [`ROOTED`], per anchor
/// byte (`/`, `.`, `_`), lower-cased.
static KEYS: [AnchorKeys; 3] = {
    const EMPTY: AnchorKeys = AnchorKeys {
        around: [0; 128],
        before: 0,
        after: 0,
    };
    let mut keys = [EMPTY, EMPTY, EMPTY];
    let mut n = 0;
    while n < ANYWHERE.len() + ROOTED.len() {
        let e = entry(n);
        let mut j = 0;
        while j < e.len() {
            assert!(e[j] != DEL, "DEL stands for a neighbour no entry has");
            j += 1;
        }
        let k = key_anchor(e);
        let kind = anchor_kind(e[k]);
        match key_at(e) {
            KeyAt::Inside => {
                let p = e[k - 1].to_ascii_lowercase() as usize;
                keys[kind].around[p] |= 1u128 << e[k + 1].to_ascii_lowercase();
            }
            KeyAt::End => keys[kind].before |= 1u128 << e[k - 1].to_ascii_lowercase(),
            KeyAt::Start => keys[kind].after |= 1u128 << e[k + 1].to_ascii_lowercase(),
        }
        n += 1;
    }
    keys
};

/// Offset of the first anchor in `s` at or after `from`.
#[cfg(test)]
fn anchor_from(s: &[u8], from: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    memchr::memchr3_iter(b'/', b'_', b'.', rest)
        .map(|p| from + p)
        .find(|&i| is_anchor(s, i))
}

/// Offset of the first anchor in `s`.
#[cfg(test)]
fn first_anchor(s: &[u8]) -> Option<usize> {
    anchor_from(s, 0)
}

/// The longest entry, in bytes.
const LONGEST_ENTRY: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ANYWHERE.len() {
        if ANYWHERE[i].len() > longest {
            longest = ANYWHERE[i].len();
        }
        i += 1;
    }
    let mut i = 0;
    while i < ROOTED.len() {
        if ROOTED[i].len() > longest {
            longest = ROOTED[i].len();
        }
        i += 1;
    }
    longest
};

/// Every overlapping hit of `ac` in `hay`, in the order of a walk from the start, given
/// that the earliest hit ends at `first_end` (what a plain search reports first): no hit
/// ends before it, and none is longer than [`LONGEST_ENTRY`], so none starts before
/// `first_end - LONGEST_ENTRY`, and the walk starts there instead of rescanning the prefix.
fn overlapping_hits<'a>(
    ac: &'a AhoCorasick,
    hay: &'a str,
    first_end: usize,
) -> impl Iterator<Item = aho_corasick::Match> + 'a {
    let from = first_end.saturating_sub(LONGEST_ENTRY);
    ac.find_overlapping_iter(aho_corasick::Input::new(hay).range(from..))
}

/// Whether the path that ends in the match `at..end` is mentioned in running text rather
/// than given as a path:
/// - between the last word and the path there is only a space, a quote, a word-ending mark
///   (`wtmp, /etc/passwd`), the opening parenthesis of an aside (`pliki (/etc/passwd i …)`)
///   or CJK punctuation (`/etc/issue、/etc/motd`) — `see /etc/passwd for…`, `die Win.ini`,
///   `文件"/etc/passwd"` — and no shell, code or markup syntax comes before it on its line;
/// - or the path opens the value (bare or quoted) and a sentence follows it
///   (`/etc/init.d/networking gdzieś w sekcji start`, `“/etc/passwd” 包含下列内容`): a
///   request for a file ends with the path, it does not go on in words;
/// - or the path, quoted or not, is the whole text of an element (`<code>'/bin/sh'</code>`):
///   documentation naming a file.
///
/// A path alone, after a climb, a scheme, `=`, `(` or a shell operator, or glued to a
/// directory name is a path, as in every file-inclusion payload.
fn mentioned_in_prose(s: &str, at: usize, end: usize) -> bool {
    // Judged from where the whole path starts: `authorized_keys` in `файл ~/.ssh/authorized_keys`
    // is named by the path `~/.ssh/…`, which follows a word.
    let before = s[..at].trim_end_matches(path_char);
    // `Error in file C:\inetpub\wwwroot\index.aspx line 12`: a drive letter opens the path
    // (a word on its own before it, its colon glued to the path), so the text before the
    // drive is what names the path.
    let before = match before.as_bytes() {
        [.., p, d, b':']
            if d.is_ascii_alphabetic()
                && (p.is_ascii_whitespace() || matches!(p, b'"' | b'\'' | b'`')) =>
        {
            &before[..before.len() - 2]
        }
        [d, b':'] if d.is_ascii_alphabetic() => "",
        _ => before,
    };
    let unquoted = before.trim_end_matches(QUOTES);
    // `#!/bin/bash` opening a line names the interpreter of the script text that follows
    // (a tutorial's title, a pasted script): no file API reads the path from it.
    if let Some(head) = unquoted.strip_suffix("#!") {
        if head.is_empty() || head.ends_with('\n') {
            return true;
        }
    }
    if element_text(unquoted, &s[end..]) {
        return true;
    }
    // Shell, code and markup syntax before the path on its own line: a command line
    // (`x;cat /etc/passwd`) or an include, not a sentence. Earlier lines of a document (a
    // table with `=`, code further up) say nothing about how this line names the file.
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    // `IdentityFile ~/.ssh/id_ed25519`, `IdentityFile=…`: an OpenSSH configuration line.
    if ssh_config_keyword(line) {
        return true;
    }
    if has_code_syntax(line) || spaced_drive_path(line) {
        return false;
    }
    let quoted = unquoted.len() < before.len();
    let mut back = unquoted.chars().rev();
    match back.next() {
        // A command word and the path is a command line (`cat /root/.ssh/id_rsa`), not a
        // sentence, unless a sentence goes on after the path.
        Some(c) if c.is_whitespace() => {
            let text = unquoted.trim_end();
            let line = &text[text.rfind('\n').map_or(0, |i| i + 1)..];
            after_word(text)
                && !(quoted && sql_file_clause(text))
                && (!command_word(line)
                    || sentence_follows(&s[end..])
                    || question_word_follows(s, at, end))
        }
        // An aside or a list in prose: `bazy użytkowników (/etc/passwd i …)`, `文件(/etc/…`.
        Some('(') => prose_paren_before(&unquoted[..unquoted.len() - 1]),
        // Glued to a word only through a quote: CJK prose has no spaces; or after CJK
        // punctuation (`例如/etc/issue、/etc/motd`).
        Some(c) => (quoted && c.is_alphabetic()) || cjk_punctuation(c),
        None => {
            sentence_follows(&s[end..])
                || bare_name_then_text(s, end)
                || question_word_follows(s, at, end)
        }
    }
}

/// Whether the rooted path that ends at `end` (no climb before it), or the same path opening
/// the value without its root, is followed by a blank
/// and one word of letters that ends the value (`/etc/hosts windows`, `cat /etc/hosts
/// meaning`, `/etc/shadow permissions?`): a search or a question about the file. A file API
/// handed the value opens a name with a blank in it (`hosts windows`), not the file, and a
/// command line that reads the file with an extra argument is the command detector's to
/// judge. A climb (`../../etc/passwd foo`) stays judged as a path: the words then only pad a
/// traversal, and a name glued to a mark (`/etc/passwd .jpg`, `/etc/passwd%00`) is a
/// suffix trick, not a word.
fn question_word_follows(s: &str, at: usize, end: usize) -> bool {
    // What follows the path first: most paths end the value or go on without a blank, and
    // leave here before the walk back to the path's start and the search for a climb.
    let tail = &s[end..];
    let rest = after_path(tail);
    // `etc/passwd%00 meaning` (NUL spelled `/` in the canonical form), `/etc/passwd/ x`: a
    // separator after the file's name cuts or extends the path, it does not end it.
    if !rest.starts_with([' ', '\t']) || tail[..tail.len() - rest.len()].contains(['/', '\\']) {
        return false;
    }
    // One word of 3 to 32 letters, and then the value's end (read up to the 33rd letter:
    // a longer text is no such word, without walking the rest of it).
    let word = rest.trim_start_matches([' ', '\t']);
    let word = word.strip_suffix(['?', '.', '!']).unwrap_or(word);
    let (letters, letters_len) = word
        .chars()
        .take(33)
        .take_while(|c| c.is_alphabetic())
        .fold((0, 0), |(n, len), c| (n + 1, len + c.len_utf8()));
    if !(3..=32).contains(&letters) || letters_len != word.len() {
        return false;
    }
    // The path from its start: rooted at `/` or a drive, or relative and opening the value
    // (`~` is a shell's, judged by its own rules), with no climb in it.
    let start = s[..at]
        .trim_end_matches(|c| path_char(c) || c == '\\' || c == ':')
        .len();
    let path = &s.as_bytes()[start..end];
    let rooted = match path {
        [b'/', ..] => true,
        [d, b':', b'/' | b'\\', ..] => d.is_ascii_alphabetic(),
        // The same path without its root, opening the value (`etc/passwd meaning`): a
        // search box's text, which a file API would open relative to its own directory
        // under a name with a blank in it. Bare (`etc/passwd`) it stays a path.
        [c, ..] => {
            c.is_ascii_alphanumeric()
                && s[..start]
                    .trim_start_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
                    .is_empty()
        }
        _ => false,
    };
    rooted && !s[..end].contains("..")
}

/// Windows' own settings files, which exist only in the system's directories
/// (`C:\boot.ini`, `C:\Windows\win.ini`).
const SYSTEM_ROOT_FILES: &[&str] = &["boot.ini", "win.ini", "system.ini"];

/// Whether the hit `entry` at `at` is one of [`SYSTEM_ROOT_FILES`] named bare, with no
/// separator or drive glued before it (`win.ini`, `"boot.ini"`, `file=win.ini`): a file API
/// handed a bare name opens it in the application's own directory, where no such file lives
/// (unlike `web.config` or `.env`, the application's own files, which stay judged bare), so
/// the value climbs nothing and names no system directory. `C:win.ini`, `/boot.ini`,
/// `windows\win.ini` and `../win.ini` reach the system's file and stay judged.
/// A name cut by a separator after it (`boot.ini%00index.html`, whose NUL the canonical
/// form spells `/`) is the truncation trick aimed at an application appending to the value,
/// and stays judged.
fn system_file_named_bare(s: &str, at: usize, entry: &str) -> bool {
    let b = s.as_bytes();
    SYSTEM_ROOT_FILES.contains(&entry)
        && !matches!(b[..at].last(), Some(b'/' | b'\\' | b':'))
        && !matches!(b.get(at + entry.len()), Some(b'/' | b'\\'))
}

/// Whether the hit `entry` ending at `end` is a shell (`bin/sh`, `bin/bash`) that opens one
/// of its error messages: the shell's path, `:`, the script's line (`1`, `line 3`), `:` and
/// words (`/bin/sh: 1: node: not found`, `/bin/bash: line 1: foo: command not found`). A
/// user pastes that into a ticket or a search; a request for the shell ends with its path.
fn shell_error_message(s: &str, end: usize, entry: &str) -> bool {
    if !entry.starts_with("bin/") {
        return false;
    }
    let rest = &s.as_bytes()[end..];
    let Some(rest) = rest.strip_prefix(b": ") else {
        return false;
    };
    let rest = rest.strip_prefix(b"line ").unwrap_or(rest);
    let digits = rest
        .iter()
        .take(7)
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=6).contains(&digits)
        && rest[digits..].starts_with(b": ")
        && rest.get(digits + 2).is_some_and(u8::is_ascii_alphabetic)
}

/// Whether the hit `at..end` lies in the path of PHP's error location (`Warning:
/// mysqli_connect(): … in /var/www/html/db.php on line 5`, `Fatal error: … in
/// C:\xampp\htdocs\x.php on line 12`): `in`, the path, `on line` and a number is how PHP
/// names the script that raised a message, which a user pastes into a ticket or a search.
/// A file API handed the value opens no such name (it starts with words); a request for the
/// file ends with its path, and a path without `in` before it or without the line after it
/// stays judged.
fn php_error_location(s: &str, at: usize, end: usize) -> bool {
    let b = s.as_bytes();
    let start = s[..at]
        .trim_end_matches(|c| path_char(c) || c == '\\' || c == ':')
        .len();
    if start < 4 || !b[start - 4..start].eq_ignore_ascii_case(b" in ") {
        return false;
    }
    let path_end = b[end..]
        .iter()
        .position(|&c| {
            !(c.is_ascii_alphanumeric() || matches!(c, b'/' | b'\\' | b'.' | b'_' | b'-' | b'~'))
        })
        .map_or(b.len(), |i| end + i);
    let Some(rest) = b
        .get(path_end..path_end + 9)
        .filter(|w| w.eq_ignore_ascii_case(b" on line "))
        .map(|_| &b[path_end + 9..])
    else {
        return false;
    };
    rest.first().is_some_and(u8::is_ascii_digit)
}

/// Keywords of OpenSSH's client and server configuration whose argument is a key, known-hosts
/// or certificate file (`IdentityFile ~/.ssh/id_ed25519`, `HostKey
/// /etc/ssh/ssh_host_rsa_key`): a configuration block pasted into a form names where `ssh`
/// finds its keys; no file API reads a value that opens with the keyword.
const SSH_CONFIG_FILE_KEYWORDS: &[&str] = &[
    "identityfile",
    "certificatefile",
    "userknownhostsfile",
    "globalknownhostsfile",
    "hostkey",
    "hostcertificate",
    "authorizedkeysfile",
    "revokedkeys",
    "trustedusercakeys",
];

/// Whether `line` (the text before a path on its line) is one of
/// [`SSH_CONFIG_FILE_KEYWORDS`] alone (indented or not, ignoring case), or with the `=`
/// ssh_config also accepts (`IdentityFile=`).
fn ssh_config_keyword(line: &str) -> bool {
    let word = line.trim().trim_end_matches('=').trim_end();
    SSH_CONFIG_FILE_KEYWORDS
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

/// Longest query [`search_text_in_url_query`] reads around a hit.
const MAX_QUERY_PARAMETER: usize = 512;

/// Whether the hit `at..end` lies in the query of an http(s) URL, in a parameter's value
/// that is words (`https://example.com/search?q=etc%2Fpasswd+file+format`): a search or
/// a shared link's text, which the site searches for, not a path the URL names. A value
/// that is a path alone (`?page=/etc/passwd`, `?file=etc/passwd`) is what an inclusion
/// parameter reads, and a climb in it (`?file=../../etc/passwd`) is judged as a climb;
/// both stay judged, and so does a hit in the URL's path.
fn search_text_in_url_query(s: &str, at: usize, end: usize) -> bool {
    let b = s.as_bytes();
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c));
    let http = t.len() > 8
        && (t.as_bytes()[..7].eq_ignore_ascii_case(b"http://")
            || t.as_bytes()[..8].eq_ignore_ascii_case(b"https://"));
    if !http {
        return false;
    }
    let lo = at.saturating_sub(MAX_QUERY_PARAMETER);
    // The parameter's value: from the `=` after the last `?` or `&` before the hit to the
    // next `&` or `#` after it.
    let Some(eq) = memchr::memrchr3(b'=', b'&', b'?', &b[lo..at]).map(|i| lo + i) else {
        return false;
    };
    if b[eq] != b'=' || memchr::memchr(b'?', &b[..eq]).is_none() {
        return false;
    }
    let hi = (end + MAX_QUERY_PARAMETER).min(b.len());
    let stop = memchr::memchr2(b'&', b'#', &b[end..hi]).map_or(hi, |i| end + i);
    let value = &b[eq + 1..stop];
    let words = value
        .windows(2)
        .any(|w| matches!(w[0], b'+' | b' ') && w[1].is_ascii_alphabetic());
    words && memchr::memmem::find(value, b"..").is_none()
}

/// Whether the hit `entry` at `at` is a shell's startup file (`.bashrc`, `.bash_profile`)
/// right under a shell variable (`$HOME/.bashrc`, `${ZDOTDIR}/.bashrc`) or the shell's home
/// shorthand (`~/.bashrc`): how documentation and questions name a user's own shell
/// settings, which hold no secret. A file API expands neither the variable nor `~`, so the
/// value reads no home directory; the secrets beside it (`~/.ssh/id_rsa`,
/// `$HOME/.bash_history`) are other entries and stay judged, and so does the file after a
/// climb or a rooted home (`../.bashrc`, `/root/.bashrc`).
fn startup_file_under_variable(s: &str, at: usize, entry: &str) -> bool {
    if !matches!(entry, ".bashrc" | ".bash_profile") {
        return false;
    }
    let Some(dir) = s[..at].strip_suffix('/') else {
        return false;
    };
    if let Some(head) = dir.strip_suffix('~') {
        return head.chars().next_back().is_none_or(char::is_whitespace);
    }
    let dir = dir.strip_suffix('}').unwrap_or(dir);
    let name = dir
        .bytes()
        .rev()
        .take(33)
        .take_while(|&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    let head = &dir[..dir.len() - name];
    let head = head.strip_suffix('{').unwrap_or(head);
    (1..=32).contains(&name)
        && head
            .strip_suffix('$')
            .is_some_and(|b| b.chars().next_back().is_none_or(char::is_whitespace))
}

/// Whether the hit `entry` ending at `end` is the SSH directory and the path goes on to a
/// public key (`~/.ssh/id_rsa.pub`, `~/.ssh/id_ed25519.pub`): the key is published
/// by design (it is what a user pastes into a server's `authorized_keys`), so reading it
/// leaks nothing; the private key, `authorized_keys` and the directory itself stay judged.
fn public_key_under_ssh(s: &str, end: usize, entry: &str) -> bool {
    if entry != ".ssh/" {
        return false;
    }
    let (last, _) = path_from(s, end);
    let rest = &s.as_bytes()[end..];
    // The key's own name right under the directory, not a deeper path.
    rest.get(..last.len()) == Some(last) && has_extension(last, &["pub"])
}

/// Whether a file name that opens the value with no path around it (`.bashrc tips.pdf`,
/// `win.ini backup`) is followed by more text after a blank: the value has no separator, so
/// a file API would read it as one name with spaces, which is not the file; a title, an
/// upload's name or a search. Shell or code syntax after it keeps it a command line.
fn bare_name_then_text(s: &str, end: usize) -> bool {
    let after = &s[end..];
    !s.contains('/')
        && after.starts_with([' ', '\t'])
        && after
            .trim_start()
            .starts_with(|c: char| c.is_alphanumeric())
        && !has_code_syntax(after)
}

/// ASCII characters of a path's name and separators (a path the entry ends in).
/// Whether `line`, the text of a line before a path's last space-free stretch, is a Windows
/// path from its drive root whose directory names hold spaces (`c:/program files/apache
/// group/…`, `c:/documents and settings/…`): the words before the name are directories,
/// not a sentence.
fn spaced_drive_path(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c));
    let b = t.as_bytes();
    b.len() > 3
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && b[2] == b'/'
        && t[3..].chars().all(|c| path_char(c) || c == ' ')
}

fn path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '~' | '.' | '_' | '-')
}

/// Whether `text` ends a word of prose: a letter, or a letter and then at most two marks
/// that end a word in a sentence or abbreviation (`wtmp,`, `z.B.`, `ex.:`, `jak:`), or a
/// question or exclamation (`Where is the hosts file on Windows? C:\Windows\…`: the path
/// after a finished sentence is what it asks about).
fn after_word(text: &str) -> bool {
    let word =
        text.trim_end_matches(|c| matches!(c, ',' | ':' | '.' | '?' | '!') || cjk_punctuation(c));
    text.chars().count() - word.chars().count() <= 2
        && word.chars().next_back().is_some_and(char::is_alphabetic)
}

/// Whether `line` (the text before a path on its line) is one word shaped like a command
/// name: ASCII, at least two characters, ending in a letter or digit (`cat`, `/bin/cat`). A
/// non-ASCII word is prose (CJK writes a whole clause without spaces: `通过分析 /proc/…`),
/// a word with a mark after it ends a list item (`/etc/issue, /etc/motd`), and a
/// one-letter word is a conjunction (`/etc/passwd i /etc/group`).
fn command_word(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else {
        return false;
    };
    word.is_ascii()
        && word.len() >= 2
        && word.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !DETERMINERS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

/// Whether `text` (the words before a quoted path) ends with the keyword of SQL's file
/// clauses (`LOAD DATA INFILE '…'`, `SELECT … INTO OUTFILE '…'`, `INTO DUMPFILE '…'`): the
/// database server opens the quoted literal as a file on its own disk, so the path is an
/// argument of a statement, not a file a sentence talks about.
fn sql_file_clause(text: &str) -> bool {
    // (the last word after any Unicode blank: a NO-BREAK SPACE is two bytes)
    let word = text.rsplit(char::is_whitespace).next().unwrap_or(text);
    ["infile", "outfile", "dumpfile"]
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

/// Words that open a noun phrase (`the /bin/bash shell`, `my ~/.ssh/id_rsa.pub key`): the
/// path after one is the thing a sentence talks about, never a command's argument (no
/// command has these names).
const DETERMINERS: &[&str] = &[
    "the", "my", "your", "our", "their", "his", "her", "its", "this", "that", "these", "those",
];

/// Whether an opening parenthesis at the end of `before` (which is what precedes it) opens an
/// aside in prose: it follows a word and a space (`pliki (`), or CJK text (`文件(`). In code
/// it is glued to a name (`include(`, `f(`) or opens a group after an operator (`;(`, `$(`).
fn prose_paren_before(before: &str) -> bool {
    match before.chars().next_back() {
        Some(c) if c.is_whitespace() => after_word(before.trim_end()),
        Some(c) => !c.is_ascii() && (c.is_alphabetic() || cjk_punctuation(c)),
        None => false,
    }
}

/// CJK punctuation that separates words and list items in running text (ideographic comma
/// and full stop, brackets, fullwidth comma, colon and parenthesis): no shell, code or markup
/// language gives these a meaning.
fn cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{3001}'..='\u{3011}' | '\u{ff08}' | '\u{ff09}' | '\u{ff0c}' | '\u{ff1a}'
    )
}

/// Whether `after` (what follows a backtick) closes it with an apostrophe as GNU manuals
/// quote a name (`` `diffmon' ``): a word of at most 40 characters with no backtick or space.
fn gnu_quote(after: &str) -> bool {
    after
        .char_indices()
        .take(41)
        .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')))
        .is_some_and(|(i, c)| i > 0 && c == '\'')
}

/// Whether `line` (the text before a path on its own line) holds shell, code or markup
/// syntax. Parentheses of prose do not count: an opening one after a word and a space or
/// after CJK text and not before a quote (`the diff (which`), a closing one after a word and
/// before a space, punctuation or the end (`sd).`). Code glues them to names and quotes
/// (`include('`, `f(x)`) or to operators (`$(`, `;(`).
fn has_code_syntax(line: &str) -> bool {
    line.char_indices().any(|(i, c)| {
        if !SYNTAX.contains(&c) {
            return false;
        }
        let prev = &line[..i];
        let next = line[i + c.len_utf8()..].chars().next();
        match c {
            // `diffmon' for instance: the quotation style of GNU manuals, not a substitution.
            '`' => !gnu_quote(&line[i + 1..]),
            // `Set $HOME in your .bashrc`: a variable named as a word of a sentence, set off
            // by blanks; a command line substitutes it into a word (`$HOME/x`, `${IFS}`,
            // `$(id)`) or chains it with an operator, which stays syntax.
            '$' => !variable_word(prev, &line[i + 1..]),
            '(' => {
                let rest = &line[i + 1..];
                let quote_next = next.is_some_and(|n| QUOTES.contains(&n))
                    && !rest.strip_prefix('`').is_some_and(gnu_quote);
                !prose_paren_before(prev) || quote_next
            }
            ')' => {
                let after_word = prev
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_alphanumeric() || p == '.');
                let ends = next.is_none_or(|n| {
                    n.is_whitespace() || !n.is_ascii() || matches!(n, '.' | ',' | ':' | '!' | '?')
                });
                !(after_word && ends)
            }
            _ => true,
        }
    })
}

/// Whether a `$` between `prev` and `after` names a variable as a word of prose: at the
/// start or after a blank, a name (a letter, then letters, digits or `_`, at most 32), then
/// a blank.
fn variable_word(prev: &str, after: &str) -> bool {
    let name = after
        .bytes()
        .take(33)
        .take_while(|&c| c.is_ascii_alphanumeric() || c == b'_')
        .count();
    prev.chars().next_back().is_none_or(char::is_whitespace)
        && (1..=32).contains(&name)
        && after.as_bytes()[0].is_ascii_alphabetic()
        && after
            .as_bytes()
            .get(name)
            .is_some_and(|&c| c == b' ' || c == b'\t')
}

/// Shell, code and markup syntax: around a path it makes a command line or an include.
const SYNTAX: &[char] = &[';', '|', '&', '$', '`', '(', ')', '{', '}', '<', '>', '='];

/// Whether `after` (what follows the matched entry) ends the path and goes on as a sentence:
/// the rest of the path, at most a closing quote and a comma, then at least two words of
/// letters, or a run of letters of a script written without spaces, and no shell, code or
/// markup syntax.
pub(super) fn sentence_follows(after: &str) -> bool {
    let rest = after_path(after);
    // `skrzynek\npocztowych /var/spool/mail, ze względu na…`, `"/var/cache/"，"/var/run/" 和`:
    // a comma after a path lists it in a sentence (a shell reads the comma as part of the
    // file name). ASCII's is followed by a space; CJK's is not.
    let rest = match rest.strip_prefix(',') {
        Some(r) if r.starts_with(char::is_whitespace) => r,
        _ => rest.strip_prefix(['\u{ff0c}', '\u{3001}']).unwrap_or(rest),
    };
    // `/etc/ (in linux this folder holds config)`: an aside opened after a blank explains
    // the path in words; code glues its parenthesis to a name (`f(`, `$(`), and the words
    // inside are judged as the sentence.
    let rest = match rest.trim_start().strip_prefix('(') {
        Some(aside)
            if rest.starts_with(char::is_whitespace) && aside.starts_with(char::is_alphabetic) =>
        {
            aside
        }
        _ => rest,
    };
    // `/etc/ — what is it`, `/etc/ - what is it`: a dash set off by blanks on both sides
    // opens an aside in prose; a shell reads a lone `-` as stdin, but a value that opens
    // with the path is no command line, and an option is glued to its letters (`-la`).
    let rest = match rest
        .trim_start()
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
        .map(|r| r.strip_prefix('-').unwrap_or(r))
    {
        Some(aside) if rest.starts_with(char::is_whitespace) && aside.starts_with(' ') => aside,
        _ => rest,
    };
    if !rest.starts_with(char::is_whitespace) && !rest.starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    if has_code_syntax(rest) {
        return false;
    }
    let word = |w: &&str| {
        w.trim_end_matches(|c: char| c.is_ascii_punctuation() || !c.is_alphanumeric())
            .chars()
            .all(char::is_alphabetic)
            && w.chars().next().is_some_and(char::is_alphabetic)
    };
    let words = rest.split_whitespace().take(2).filter(word).count();
    let spaceless = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() && !c.is_ascii())
        .count();
    words == 2 || spaceless >= 2
}

/// Whether the path is the whole text of an element: right after an opening tag's `>` (at
/// most a quote between) and right before `</` (only the path's rest and a quote between).
fn element_text(before: &str, after: &str) -> bool {
    let Some(open) = before.strip_suffix('>') else {
        return false;
    };
    // The `>` closes an opening tag: `<name…` with no other `<`/`>` in between.
    let Some(lt) = open.rfind('<') else {
        return false;
    };
    if open[lt..].contains('>') || !open[lt + 1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    after_path(after).starts_with("</")
}

/// What follows the rest of a path (its name characters) and at most one closing quote.
fn after_path(after: &str) -> &str {
    let path_end = after
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '/' | '\\' | '.' | '_' | '-' | '~')))
        .unwrap_or(after.len());
    let rest = &after[path_end..];
    rest.strip_prefix(|c: char| QUOTES.contains(&c))
        .unwrap_or(rest)
}

/// Quotation marks prose puts around a file name.
const QUOTES: &[char] = &[
    '"', '\'', '`', '“', '”', '„', '«', '»', '‘', '’', '「', '」',
];

/// `canon` trimmed of blanks and [`QUOTES`] at both ends. Most values open and close with a
/// plain ASCII byte (printable, no quote), which is neither: then there is nothing to trim,
/// and no walk through the characters for it. (Inlined: the look at the two ends costs
/// less than the call, asked four times of every value judged whole.)
#[inline(always)]
fn trim_quotes(canon: &str) -> &str {
    let untrimmed = |b: Option<&u8>| {
        b.is_some_and(|&c| c < 0x80 && c > b' ' && !matches!(c, b'"' | b'\'' | b'`'))
    };
    if untrimmed(canon.as_bytes().first()) && untrimmed(canon.as_bytes().last()) {
        canon
    } else {
        canon.trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
    }
}

/// Start offsets of the non-overlapping occurrences of `needle` (what `finder` looks for) in
/// `hay`, left to right (as `str::match_indices` gives them), at most [`MAX_HITS_PER_ENTRY`].
fn occurrences<'a>(
    hay: &'a [u8],
    finder: &'a memchr::memmem::Finder<'static>,
) -> impl Iterator<Item = usize> + 'a {
    finder.find_iter(hay).take(MAX_HITS_PER_ENTRY)
}

fn boundary_before(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        || s[..at].ends_with("./")
}

fn boundary_after(s: &str, end: usize, entry: &str) -> bool {
    let next = s[end..].chars().next();
    // A file name with more after it (`win.ini.txt`, `web.config.txt`, `id_rsa.pub`) is
    // another file: only an editor's or administrator's backup copy of it
    // (`wp-config.php.bak`, `.swp`) holds the same contents.
    let file_name = !entry.ends_with(['/', '_'])
        && entry[entry.rfind('/').map_or(0, |i| i + 1)..].contains(['.', '_']);
    let backup = file_name && next == Some('.') && backup_suffix(&s.as_bytes()[end..]);
    if IN_PATH_ONLY.contains(&entry) {
        let start = end - entry.len();
        return s[..start].ends_with('/')
            && (backup
                || next.is_none_or(|c| {
                    !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '(' | '/'))
                }));
    }
    if file_name && next == Some('.') {
        return backup;
    }
    // `win.ini-tutorial.pdf`, `/blog/dev/port-forwarding`: a hyphen and more of a name go
    // on with the name of another file or page (a document about the one named).
    // `/etc/passwd-`, the system's own backup of `passwd`, ends at its hyphen.
    if next == Some('-')
        && !entry.ends_with(['/', '_'])
        && s.as_bytes()
            .get(end + 1)
            .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    entry.ends_with(['/', '_']) || next.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// Whether `rest` (what follows a file name) is a backup suffix and then the end of the
/// name: `.bak`, `.old`, `.orig`, `.save`, `.swp`, `.swo`, `.backup`, `.tmp`, `~`.
fn backup_suffix(rest: &[u8]) -> bool {
    // Windows drops the dots and blanks that end a name: `web.config.` opens `web.config`.
    let trailing = rest
        .iter()
        .take_while(|&&c| matches!(c, b'.' | b' '))
        .count();
    if trailing > 0
        && rest
            .get(trailing)
            .is_none_or(|c| !c.is_ascii_alphanumeric())
    {
        return true;
    }
    BACKUP_SUFFIXES.iter().any(|suffix| {
        rest.get(..suffix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(suffix.as_bytes()))
            && rest
                .get(suffix.len())
                .is_none_or(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')))
    })
}

/// Suffixes editors and administrators give a copy of a file.
const BACKUP_SUFFIXES: &[&str] = &[
    ".bak", ".old", ".orig", ".save", ".swp", ".swo", ".backup", ".tmp", "~",
];

/// Web roots: the directories themselves (`/var/www/html`, `C:\inetpub\wwwroot`) are what
/// hosting and deployment forms ask for; a server-side file in them is the site's source or
/// configuration ([`names_server_file`]).
const WEB_ROOTS: &[&str] = &["var/www/", "inetpub/"];

/// Whether `name` is a name (something before its last `.`) whose extension is one of
/// `extensions`, compared ignoring ASCII case (`Config.PHP`; not `.php` alone).
pub(super) fn has_extension(name: &[u8], extensions: &[&str]) -> bool {
    memchr::memrchr(b'.', name).is_some_and(|dot| {
        dot > 0
            && extensions
                .iter()
                .any(|e| name[dot + 1..].eq_ignore_ascii_case(e.as_bytes()))
    })
}

/// Whether the path that goes on from `end` ends in a file the server runs or reads its
/// settings from (scripts, configuration, data, logs), by its extension.
fn names_server_file(s: &str, end: usize) -> bool {
    let (last, _) = path_from(s, end);
    let last = win32_name(last);
    memchr::memrchr(b'.', last).is_some_and(|dot| {
        let ext = &last[dot + 1..];
        SERVER_EXTENSIONS
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
    })
}

/// The last name of the path that goes on from `end` (its letters, digits, `/ . _ -`, at
/// most 512 bytes), and whether that path runs to the end of `s`.
fn path_from(s: &str, end: usize) -> (&[u8], bool) {
    let rest = &s.as_bytes()[end..];
    let path = &rest[..rest
        .iter()
        .take(512)
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-')))
        .unwrap_or(rest.len().min(512))];
    let last = &path[path.iter().rposition(|&c| c == b'/').map_or(0, |i| i + 1)..];
    (last, path.len() == rest.len())
}

/// `name` as Win32 opens it: the dots and blanks that end a name are dropped
/// (`config.php.`, `config.php. .` open `config.php`), past a check of the extension.
fn win32_name(name: &[u8]) -> &[u8] {
    let end = name
        .iter()
        .rposition(|&c| !matches!(c, b'.' | b' '))
        .map_or(0, |e| e + 1);
    &name[..end]
}

/// Directory names web servers and stacks give a site's document root: Apache's and
/// XAMPP's `htdocs`, IIS's `wwwroot`, WAMP's `www`, cPanel's `public_html`, Tomcat's
/// `webapps`. (`/var/www/` and `inetpub/` are [`WEB_ROOTS`] entries.)
const DOCUMENT_ROOTS: &[&[u8]] = &[b"htdocs", b"wwwroot", b"www", b"public_html", b"webapps"];

/// Whether the value is one absolute path to a server-side file under a document root
/// (`C:\xampp\htdocs\config.php`, `D:\wamp64\www\index.php.`,
/// `/home/bob/public_html/config.php`): the drive or the root throws the application's
/// base directory away, and the file read is the site's own source or settings, as
/// `/var/www/html/config.php` is. A document (`C:\xampp\htdocs\readme.html`), a user's
/// file (`C:\Users\me\Documents\cv.docx`) and the browser's `C:\fakepath\` name no
/// such file. On a Unix path the root must sit below a first directory
/// (`/home/bob/public_html/`): `/www/index.php` is as likely a URL's path.
pub fn document_root_file(canon: &str) -> bool {
    let t = trim_quotes(canon);
    let b = t.as_bytes();
    if b.len() < 4 || b.len() > MAX_SECRET_PATH {
        return false;
    }
    let drive = b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    let root = b[0] == b'/' && b[1] != b'/';
    if !(drive || root) {
        return false;
    }
    let body = if drive { &b[3..] } else { &b[1..] };
    // Blanks only in a Windows path's names (`Program Files`, `config.php. .`); text
    // around a Unix path is prose or code.
    if !body.iter().all(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'/' | b'.' | b'_' | b'-' | b'~' | b'$')
            || (drive && c == b' ')
    }) {
        return false;
    }
    let Some(cut) = memchr::memrchr(b'/', body) else {
        return false;
    };
    let last = win32_name(&body[cut + 1..]);
    let server_file = has_extension(last, SERVER_EXTENSIONS);
    server_file
        && body[..cut]
            .split(|&c| c == b'/')
            .take(64)
            .enumerate()
            .any(|(i, d)| {
                let d = if drive { win32_name(d) } else { d };
                (drive || i > 0) && DOCUMENT_ROOTS.iter().any(|r| d.eq_ignore_ascii_case(r))
            })
}

/// Whether the value is one absolute path into the tree of an installed system package
/// (`/usr/…`, `/opt/<product>/…`) to a file the server runs or configures itself from:
/// - a PHP script under a library or shared directory (`/usr/local/lib/php/pearcmd.php`,
///   `/usr/share/php/PEAR/x.php`): an include of it runs code the application never meant
///   to expose (PEAR's command line writes files from the query string);
/// - a configuration file under an `etc` or `conf` directory below the package
///   (`/opt/gitlab/etc/gitlab.rb`, `/usr/local/nginx/conf/nginx.conf`): the product's own
///   settings and credentials.
///
/// The root throws the application's base directory away, as on `/etc/…`. An application's
/// own settings named at its deploy directory (`/opt/app/config.yml`), documentation
/// (`/usr/share/doc/x/README`), a binary (`/usr/local/bin/node`) and text around the path
/// (prose, a command line) name no such file and are judged elsewhere.
pub fn system_tree_file(canon: &str) -> bool {
    let t = trim_quotes(canon);
    let b = t.as_bytes();
    if b.len() < 6 || b.len() > MAX_SECRET_PATH || b[0] != b'/' {
        return false;
    }
    if !b[1..]
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'+'))
    {
        return false;
    }
    // At least one directory under the root before the name.
    let Some(cut) = memchr::memrchr(b'/', b).filter(|&i| i > 1) else {
        return false;
    };
    let last = &b[cut + 1..];
    let mut dirs = b[1..cut].split(|&c| c == b'/').take(64);
    let Some(top) = dirs.next() else {
        return false;
    };
    let usr = top.eq_ignore_ascii_case(b"usr");
    if !usr && !top.eq_ignore_ascii_case(b"opt") {
        return false;
    }
    // Below the package's own directory (`/opt/gitlab/`, `/usr/local/`): the directories
    // that hold its libraries and its settings.
    let below: Vec<&[u8]> = dirs.collect();
    let any = |names: &[&[u8]]| {
        below
            .iter()
            .skip(1)
            .any(|d| names.iter().any(|n| d.eq_ignore_ascii_case(n)))
    };
    if usr && has_extension(last, PHP_SCRIPTS) && any(&[b"lib", b"lib64", b"share", b"php"]) {
        return true;
    }
    let doc = below
        .iter()
        .any(|d| d.eq_ignore_ascii_case(b"doc") || d.eq_ignore_ascii_case(b"man"));
    !doc && has_extension(last, CONFIG_EXTENSIONS) && any(&[b"etc", b"conf", b"config"])
}

/// PHP scripts, which an include runs.
const PHP_SCRIPTS: &[&str] = &["php", "php3", "php4", "php5", "php7", "phtml", "inc"];

/// Extensions of configuration files, in whatever language the product reads them.
const CONFIG_EXTENSIONS: &[&str] = &[
    "rb",
    "conf",
    "cnf",
    "cfg",
    "config",
    "ini",
    "env",
    "yml",
    "yaml",
    "xml",
    "json",
    "toml",
    "properties",
    "php",
    "py",
];

/// Extensions of server-side scripts, configuration, data and logs.
const SERVER_EXTENSIONS: &[&str] = &[
    "php",
    "php3",
    "php4",
    "php5",
    "phtml",
    "inc",
    "asp",
    "aspx",
    "asa",
    "asax",
    "ashx",
    "asmx",
    "jsp",
    "jspx",
    "cfm",
    "cgi",
    "pl",
    "py",
    "rb",
    "config",
    "conf",
    "cnf",
    "ini",
    "env",
    "yml",
    "yaml",
    "xml",
    "json",
    "properties",
    "sql",
    "db",
    "sqlite",
    "mdb",
    "log",
    "bak",
    "old",
    "htaccess",
    "htpasswd",
    // (a private key in a web root: Laravel Passport's `storage/oauth-private.key`)
    "key",
];

/// Whether the path that goes on from `end` (the end of a matched directory) ends in a
/// static asset (`c:/windows/fonts/arial.ttf`, `/etc/ssl/…/logo.png`): a font or an image
/// discloses nothing.
fn names_static_asset(s: &str, end: usize) -> bool {
    let (last, whole) = path_from(s, end);
    if !whole {
        return false;
    }
    memchr::memrchr(b'.', last).is_some_and(|dot| {
        last[dot + 1..].len() > 1
            && super::STATIC_ASSET_EXTENSIONS
                .iter()
                .filter(|e| !matches!(**e, "html" | "htm" | "md"))
                .any(|e| last[dot + 1..].eq_ignore_ascii_case(e.as_bytes()))
    })
}

/// `at` starts a segment directly under the root: preceded by `/` that begins the value,
/// follows a drive (`c:/`), a `file:` URL, `~`, or a climb (`../`).
fn rooted(s: &str, at: usize) -> bool {
    let Some(before) = s[..at].strip_suffix('/') else {
        return false;
    };
    let before = before.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    before.is_empty()
        // `@/etc/…`, `file=/etc/…`: a file prefix opens the value ([`file_prefix_len`]).
        // (a prefix ends in `@` or `=`: most text before a `/` does not, and leaves here)
        || (matches!(before.as_bytes().last(), Some(b'@' | b'='))
            && file_prefix_len(&s.as_bytes()[at - 1 - before.len()..at]) == before.len())
        || before.ends_with("..")
        || before.ends_with('/')
        // `/private/etc/…`, `/private/var/db/…`: on macOS `/etc`, `/var` and `/tmp` are links
        // into `/private`, so a path under it is the same file as under the root.
        || before.eq_ignore_ascii_case("/private")
        // `/./var/lib/…`, `/././etc/…`: dot segments from the root stay at the root.
        || (before.starts_with('/') && before.bytes().all(|c| c == b'/' || c == b'.'))
        || (before.len() == 2
            && before.ends_with(':')
            && before.as_bytes()[0].is_ascii_alphabetic())
}

/// Longest parameter name [`file_prefix_len`] accepts before `=`.
const MAX_PREFIX_NAME: usize = 64;
/// Longest prefix [`file_prefix_len`] returns: a name and its `=`.
pub(super) const MAX_FILE_PREFIX: usize = MAX_PREFIX_NAME + 1;

/// The length of a prefix at the start of `b` that hands the path after it to a file
/// reader, when a rooted path (`/`, `~/`, a drive) follows it: `@` (args4j and Jenkins CLI
/// expand `@/path` to the file's contents, CVE-2024-23897; curl `-F x=@/path` uploads
/// it), `<@`, and a parameter's `name=` (`file=/var/…`: a value that is a whole `k=v`
/// pair reaches an application that parses it again). The path is then judged as at the
/// value's start. A handle or address (`@home`, `bob@host:/srv`) has no rooted path right
/// after its `@`, and text with a blank before the path is prose, judged elsewhere.
pub(super) fn file_prefix_len(b: &[u8]) -> usize {
    let n = if b.starts_with(b"<@") {
        2
    } else if b.first() == Some(&b'@') {
        1
    } else {
        // The name's bytes up to the first other byte, which must be the `=` (prose stops
        // at its first blank, without reading on to an `=` further away).
        let name_end = b.iter().take(MAX_PREFIX_NAME + 1).position(|&c| {
            !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']'))
        });
        match name_end {
            Some(eq) if eq > 0 && b[eq] == b'=' && b[0].is_ascii_alphabetic() => eq + 1,
            _ => return 0,
        }
    };
    let rest = &b[n..];
    let rooted = (rest.first() == Some(&b'/') && rest.get(1) != Some(&b'/'))
        || rest.starts_with(b"~/")
        || (rest.len() > 2 && rest[0].is_ascii_alphabetic() && rest[1] == b':' && rest[2] == b'/');
    if rooted {
        n
    } else {
        0
    }
}

/// Whether the value is one path whose last segment names a file of secrets: a dot-file of
/// credentials or environment wherever the path starts (`.env.production`,
/// `config/.my.cnf`: hidden files no listing or link offers), and any other secret only
/// from the root of the file system, a drive or the home directory
/// (`/usr/local/tomcat/conf/server.key`, `C:\ProgramData\ssh\ssh_host_rsa_key`,
/// `~/.config/gcloud/application_default_credentials.json`): an absolute path throws the
/// application's base directory away (`os.path.join`, `Path.resolve`, `new File(base, x)`),
/// so such a value reads the named file. A relative `server.key` or `settings.py` is a
/// name an upload form or a project sends; the same name under a climb is judged by the
/// climb.
///
/// `slash`: whether `canon` may hold a `/`. Without one it is no rooted path and its last
/// segment is the whole value, so only a value that opens with a dot-file can be one.
/// `segment`: whether the value is one segment of the request's own path (`GET /.DS_Store`
/// asks the web server for the file at its root).
pub fn secret_file(canon: &str, slash: bool, segment: bool) -> bool {
    if !slash
        && !canon
            .trim_start_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
            .starts_with('.')
    {
        return false;
    }
    let t = trim_quotes(canon);
    // `@/var/jenkins_home/secrets/x`, `file=/srv/backup/db.sql`: the path after a file
    // prefix is the value's path (see [`file_prefix_len`]).
    let t = &t[file_prefix_len(t.as_bytes())..];
    let b = t.as_bytes();
    if b.is_empty() || b.len() > MAX_SECRET_PATH {
        return false;
    }
    let drive = b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    let rooted = drive || (b[0] == b'/' && b.get(1) != Some(&b'/')) || t.starts_with("~/");
    let cut = memchr::memrchr(b'/', b).map_or(0, |i| i + 1);
    // Only a dot-file is a secret wherever the path starts (below): most values leave here.
    if !rooted && b.get(cut) != Some(&b'.') {
        return false;
    }
    // `/@fs/app/.env.production?import&?raw`: a query after the file's name (a dev
    // server's `?raw`, a cache buster) is no part of the path the server opens. (Searched
    // in the last segment only: a `/` after the `?` would make it no query of the file.)
    let b = match memchr::memchr(b'?', &b[cut..]) {
        Some(q) if cut + q > 0 && !b[cut + q..].iter().any(|&c| c == b'\\' || c == b' ') => {
            &b[..cut + q]
        }
        _ => b,
    };
    // A path with no blank, or a Windows path whose directories hold blanks
    // (`c:/users/bob/appdata/local/google/chrome/user data/default/login data`); text
    // around a path is prose or code, judged elsewhere.
    // A macOS home's application data lies under `Library/Application Support/`
    // (`~/Library/Application Support/Google/Chrome/Default/Login Data`): a path there holds
    // blanks as a Windows profile's does, and counts only by a whole name of a secret
    // (below), so prose after a path (`…/id_rsa is my key`) stays out.
    // (`@` names a dev server's file route or a package scope: `/@fs/app/.env`,
    // `node_modules/@org/x/.npmrc`)
    let plain = |c: u8| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'/' | b'.' | b'_' | b'-' | b'~' | b'$' | b'%' | b'@')
    };
    let body = if drive { &b[2..] } else { b };
    let spaced_home = !drive && user_home_len(b).is_some();
    let mut spaced = false;
    // `C:\Program Files (x86)\…`: Windows' directory of 32-bit programs holds parentheses.
    if !body.iter().all(|&c| {
        let blank = (c == b' ' || (drive && matches!(c, b'(' | b')'))) && (drive || spaced_home);
        spaced |= blank;
        plain(c) || blank || c >= 0x80
    }) {
        return false;
    }
    let spaced = spaced && !drive;
    if drive && (ntfs_root_entry(&b[3..]) || startup_folder(&b[3..])) {
        return true;
    }
    if !spaced && user_library_store(b) {
        return true;
    }
    if rooted
        && !spaced
        && ((under_home_credentials(&b[..cut]) && !public_key(&b[..cut], &b[cut..]))
            || home_dot_entry(b)
            || (drive && (short_name_dir(&b[..cut]) || administrator_home(&b[2..cut]))))
    {
        return true;
    }
    let last = &b[cut..];
    if last.is_empty() || last.len() > 96 {
        return false;
    }
    // A directory of secrets (`/var/jenkins_home/secrets/initialAdminPassword`): whatever
    // file it holds is one.
    if rooted
        && !spaced
        && b[..cut]
            .split(|&c| c == b'/')
            .take(64)
            .any(|d| d.eq_ignore_ascii_case(b"secrets"))
    {
        return true;
    }
    // `last` is at most 96 bytes (checked above): lower-cased on the stack.
    let mut buf = [0u8; 96];
    let lower = &mut buf[..last.len()];
    lower.copy_from_slice(last);
    lower.make_ascii_lowercase();
    let name = strip_backup(lower);
    if spaced {
        return SECRET_NAMES.contains(&name)
            || app_secret_name(name)
            || browser_profile_file(b, cut, name);
    }
    if name.first() == Some(&b'.') {
        // Finder writes `.DS_Store` into every folder a Mac opens, so an upload of a folder
        // sends it as a bare file name; inside a path (`/var/www/.DS_Store`,
        // `images/.DS_Store`) or as the request's own path it asks a web server for a
        // served directory's index of names.
        return secret_dot_file(name) && (cut > 0 || segment || name != b".ds_store");
    }
    // `D:/backup/db.bak`: an administrator's copy of a database or configuration, kept
    // beside the original, outside any directory a site serves.
    let backup_copy =
        name.len() < lower.len() && (lower.ends_with(b".bak") || lower.ends_with(b".backup"));
    if !rooted {
        return false;
    }
    SECRET_NAMES.contains(&name)
        || app_secret_name(name)
        || browser_profile_file(b, cut, name)
        || filezilla_store(&b[..cut], name)
        || backup_copy
        || (!name.contains(&b' ') && secret_name(name))
}

/// Whether the path `rest` after a drive's root goes into a Start menu's `Programs\Startup`
/// folder (`ProgramData\Microsoft\Windows\Start Menu\Programs\StartUp` for all users,
/// `Users\<u>\AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup` for one,
/// `Documents and Settings\All Users\Start Menu\Programs\Startup` on XP): Windows runs
/// whatever is written there at every logon, so a value naming it is a write aimed at
/// persistence or a read of what autostarts. The Start menu's other folders
/// (`…\Programs\Word.lnk`) and a user's documents name no such folder.
fn startup_folder(rest: &[u8]) -> bool {
    let mut prev: [&[u8]; 2] = [b"", b""];
    rest.split(|&c| c == b'/').take(64).any(|d| {
        let d = win32_name(d);
        let hit = d.eq_ignore_ascii_case(b"startup")
            && prev[1].eq_ignore_ascii_case(b"programs")
            && prev[0].eq_ignore_ascii_case(b"start menu");
        prev = [prev[1], d];
        hit
    })
}

/// Folders of a macOS home's `Library` that hold the user's secrets and autostart entries:
/// preferences (`com.apple.loginwindow.plist` names the login items, apps keep tokens and
/// recent servers in theirs), keychains, cookies, mail, messages, Safari's history and
/// data, the accounts database, and `LaunchAgents` (a property list there runs at every
/// login). `Application Support` (every program's data by the program's name, judged by
/// the file it names), `Mobile Documents` (iCloud Drive: the user's documents) and the
/// home's visible folders (`Desktop`, `Documents`) are not among them.
const USER_LIBRARY_STORES: &[&[u8]] = &[
    b"preferences",
    b"keychains",
    b"cookies",
    b"mail",
    b"messages",
    b"safari",
    b"accounts",
    b"launchagents",
];

/// Whether the absolute path `b` goes from a user's home (`/Users/<user>/`) into its
/// `Library` and one of [`USER_LIBRARY_STORES`] (`/Users/admin/Library/Preferences/…`,
/// `/Users/bob/Library/Keychains/`): the macOS twin of a Linux home's dot-directories
/// ([`home_dot_entry`]); no page, upload or link names another user's Library, and the
/// root throws the application's base away. `~/Library/…` is how people name their own
/// settings in a question, as `~/.config/…` is, and stays judged by the file it names.
fn user_library_store(b: &[u8]) -> bool {
    if b.first() != Some(&b'/') {
        return false;
    }
    let Some(home) = user_home_len(b) else {
        return false;
    };
    let mut segments = b[home..].split(|&c| c == b'/');
    segments
        .next()
        .is_some_and(|d| d.eq_ignore_ascii_case(b"library"))
        && segments.next().is_some_and(|d| {
            USER_LIBRARY_STORES
                .iter()
                .any(|s| d.eq_ignore_ascii_case(s))
        })
}

/// Whether `name` (lower case) in the directories `dirs` is an XML file of a FileZilla
/// directory (`FileZilla`, `FileZilla Server`, `filezilla-server`, XAMPP's `FileZillaFTP`):
/// the client keeps its saved sites and their passwords there (`sitemanager.xml`,
/// `recentservers.xml`), the server its accounts and password hashes (`FileZilla
/// Server.xml`, `users.xml`, `settings.xml`), whatever the version names them. The
/// installer and documents beside them are not XML.
fn filezilla_store(dirs: &[u8], name: &[u8]) -> bool {
    has_extension(name, &["xml"])
        && dirs
            .split(|&c| c == b'/')
            .take(64)
            .any(|d| d.len() >= 9 && d[..9].eq_ignore_ascii_case(b"filezilla"))
}

/// Whether `name` in the directories `dirs` (with the `/` after the last) is a public key
/// in an SSH directory (`~/.ssh/id_ed25519.pub`): published by design, it is what a user
/// pastes into a server's `authorized_keys` and names in a question about permissions.
fn public_key(dirs: &[u8], name: &[u8]) -> bool {
    dirs.len() >= 5
        && dirs[dirs.len() - 5..].eq_ignore_ascii_case(b".ssh/")
        && has_extension(name, &["pub"])
}

/// Whether the directories `dirs` of a drive path (after `c:`, with the `/` after each) go
/// into the built-in Administrator's profile (`/users/administrator/desktop/`, `/documents
/// and settings/administrator/`): the Windows twin of `/root/`, whose files (keys, flags,
/// saved sessions) no web application hands out; a user's own profile
/// (`c:/users/me/documents/cv.docx`) is a name an upload form may send.
fn administrator_home(dirs: &[u8]) -> bool {
    let mut segments = dirs.split(|&c| c == b'/').skip(1).take(3);
    let profiles = segments.next().is_some_and(|d| {
        d.eq_ignore_ascii_case(b"users") || d.eq_ignore_ascii_case(b"documents and settings")
    });
    profiles
        && segments
            .next()
            .is_some_and(|d| win32_name(d).eq_ignore_ascii_case(b"administrator"))
        && segments.next().is_some()
}

/// Dot-directories of command-line tools' credentials in a home directory: cloud keys
/// (`.aws`, `.azure`, `.config/gcloud`), registry and cluster tokens (`.docker`, `.kube`),
/// SSH and GnuPG keys.
const CREDENTIAL_DIRS: &[&[u8]] = &[b".aws", b".azure", b".docker", b".kube", b".ssh", b".gnupg"];

/// Directories under `~/.config` where command-line tools keep their tokens: Google Cloud,
/// GitHub's `gh` (`hosts.yml`) and `hub`, rclone's remotes, DigitalOcean's `doctl`.
/// Also the desktop's autostart directory (`~/.config/autostart/*.desktop`): an entry written
/// there runs at the user's every login, the persistence of the Windows startup folder.
const CONFIG_CREDENTIAL_DIRS: &[&[u8]] =
    &[b"gcloud", b"gh", b"hub", b"rclone", b"doctl", b"autostart"];

/// Whether the directories `dirs` of a rooted path (`/home/ubuntu/`, `~/`, `/root/`,
/// `/Users/bob/`, `c:/users/bob/`, each with the `/` after it) go from a home directory into
/// a credential dot-directory ([`CREDENTIAL_DIRS`], `.config/gcloud`): whatever file is read
/// there is a key or token (`/home/ubuntu/.aws/config`), while `~/.config/Code/…` is not.
fn under_home_credentials(dirs: &[u8]) -> bool {
    let mut segments = dirs.split(|&c| c == b'/').take(64);
    // The segments before the home's own: `~`, `root`, `home/<user>`, `users/<user>`,
    // `c:/users/<user>`.
    let home = match segments.next() {
        Some([b'~']) => true,
        Some([] | [_, b':']) => match segments.next() {
            Some(d) if d.eq_ignore_ascii_case(b"root") => true,
            Some(d) if d.eq_ignore_ascii_case(b"home") || d.eq_ignore_ascii_case(b"users") => {
                segments
                    .next()
                    .is_some_and(|user| !user.is_empty() && user[0] != b'.')
            }
            _ => false,
        },
        _ => false,
    };
    if !home {
        return false;
    }
    match segments.next() {
        Some(d) if CREDENTIAL_DIRS.iter().any(|c| d.eq_ignore_ascii_case(c)) => true,
        Some(d) if d.eq_ignore_ascii_case(b".config") => segments.next().is_some_and(|n| {
            CONFIG_CREDENTIAL_DIRS
                .iter()
                .any(|c| n.eq_ignore_ascii_case(c))
        }),
        _ => false,
    }
}

/// Whether the absolute path `b` (`/home/git/.gitconfig`, `/root/.my.cnf`,
/// `/Users/x/.git-credentials`, `c:/users/x/.vscode/…`) goes from a user's home directory
/// into one of its hidden entries: the home's dot-files and dot-directories are where
/// shells, tools and clients keep the user's history, tokens, passwords and keys, and no
/// page, upload or download links another user's hidden files, so an absolute path that
/// throws the application's base away to reach one is reading a user's secrets whatever
/// its name. `~/…` is left to the named files (`~/.pgpass`): a file API does not expand
/// `~`, and `~/.config/nvim/init.lua` is how people name their own settings in a question;
/// the home's visible folders (`/home/alice/projects/app`, `C:/Users/me/Documents/cv.docx`)
/// are what people paste as their own paths. The XDG base directories (`.config`,
/// `.local`, `.cache`) hold every desktop program's settings and data by the program's
/// name (`~/.config/Code/…`): there only the tools' credential directories count
/// ([`under_home_credentials`]).
fn home_dot_entry(b: &[u8]) -> bool {
    let mut segments = b.split(|&c| c == b'/').take(64);
    // The segment before the home's own is empty (`/…`) or a drive (`c:`).
    if !matches!(segments.next(), Some([] | [_, b':'])) {
        return false;
    }
    let home = match segments.next() {
        Some(d) if d.eq_ignore_ascii_case(b"root") => true,
        Some(d) if d.eq_ignore_ascii_case(b"home") || d.eq_ignore_ascii_case(b"users") => segments
            .next()
            .is_some_and(|user| !user.is_empty() && user[0] != b'.'),
        _ => false,
    };
    // A name of its own after the dot (`.gitconfig`, `.ssh`): not `.` or `..`, which are
    // steps the walk judges.
    home && segments.next().is_some_and(|entry| {
        entry.len() > 1
            && entry[0] == b'.'
            && entry[1..].iter().any(|&c| c != b'.')
            && ![&b".config"[..], b".local", b".cache"]
                .iter()
                .any(|x| entry.eq_ignore_ascii_case(x))
    })
}

/// Whether a directory of the drive path `dirs` is an 8.3 short name (`PROGRA~1`,
/// `FILEZI~1`): Windows generates them for old programs; a person names a folder by its long
/// name, a payload by the short one to get past a filter on `Program Files`.
fn short_name_dir(dirs: &[u8]) -> bool {
    dirs.split(|&c| c == b'/').take(64).any(|d| {
        let Some(tilde) = memchr::memchr(b'~', d) else {
            return false;
        };
        let (stem, number) = (&d[..tilde], &d[tilde + 1..]);
        (1..=6).contains(&stem.len())
            && stem.iter().all(u8::is_ascii_alphanumeric)
            && (1..=2).contains(&number.len())
            && number.iter().all(u8::is_ascii_digit)
    })
}

/// Sensitive files and directories by the 8.3 short name Windows gives them (NTFS with short
/// names on, the default on system drives): the long name's first six letters with its dots
/// and blanks dropped, `~`, a digit, and the first three letters of its extension
/// (`web.config` is `WEB~1.CON`, `aspnet_client` is `ASPNET~1`). Windows opens a short name
/// as the long one, so a value spelling it reads the file past a filter or handler that
/// blocks the long name, and IIS answers short-name probes (`/aspnet~1/`) for whatever the
/// directory holds. Each is (short stem, short extension, a directory: then counted only
/// inside a path, since `PROGRA~1` alone is how people write about 8.3 names).
const SHORT_NAMED: &[(&[u8], &[u8], bool)] = &[
    (b"web", b"con", false),    // web.config
    (b"applic", b"con", false), // applicationHost.config
    (b"machin", b"con", false), // machine.config
    (b"connec", b"con", false), // connectionStrings.config
    (b"wp-con", b"php", false), // wp-config.php
    (b"htacce", b"", false),    // .htaccess
    (b"htpass", b"", false),    // .htpasswd
    (b"global", b"asa", false), // global.asax / global.asa's long twins
    (b"appset", b"jso", false), // appsettings.json
    (b"tomcat", b"xml", false), // tomcat-users.xml
    (b"unatte", b"xml", false), // unattend.xml
    (b"bash_h", b"", false),    // .bash_history
    (b"git-cr", b"", false),    // .git-credentials
    (b"aspnet", b"", true),     // aspnet_client
    (b"progra", b"", true),     // Program Files, ProgramData
    (b"docume", b"", true),     // Documents and Settings
    (b"admini", b"", true),     // Administrator's profile
    (b"system", b"", true),     // System Volume Information, system32
];

/// Most `~` [`short_name_target`] examines per value.
const MAX_TILDES: usize = 16;

/// Whether a segment of `canon` is the 8.3 short name of a sensitive file or directory
/// ([`SHORT_NAMED`]): a stem of one to six name bytes opening the segment, `~` and one or
/// two digits (the collision counter, from 1), an extension of up to three letters, and
/// the segment's end (the value's end, a separator, the `:` of a stream). A directory's
/// short name counts only with a separator after it or a root before it (`/aspnet~1/`,
/// `c:/progra~1`). Look-alikes: `file~2.txt` and `report~2.docx` abbreviate no sensitive
/// name, `Résumé~1.doc` has a stem outside ASCII (no short name keeps it), `~1 hour`
/// and `HEAD~1` have no stem with the counter and end of a short name, `PROGRA~1 is the
/// short name` has no separator.
pub fn short_name_target(canon: &str) -> bool {
    let b = canon.as_bytes();
    let name_byte = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'$');
    memchr::memchr_iter(b'~', b).take(MAX_TILDES).any(|t| {
        let stem_len = b[..t]
            .iter()
            .rev()
            .take(7)
            .take_while(|&&c| name_byte(c))
            .count();
        let start = t - stem_len;
        if !(1..=6).contains(&stem_len)
            || !matches!(start.checked_sub(1).map(|i| b[i]), None | Some(b'/' | b'='))
        {
            return false;
        }
        let digits = b[t + 1..]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=2).contains(&digits) || b[t + 1] == b'0' || stem_len + 1 + digits > 8 {
            return false;
        }
        let mut end = t + 1 + digits;
        let mut ext: &[u8] = &[];
        if b.get(end) == Some(&b'.') {
            let n = b[end + 1..]
                .iter()
                .take(4)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if !(1..=3).contains(&n) {
                return false;
            }
            ext = &b[end + 1..end + 1 + n];
            end += 1 + n;
        }
        if !matches!(b.get(end), None | Some(b'/' | b':')) {
            return false;
        }
        let stem = &b[start..t];
        let in_path = b.get(end) == Some(&b'/')
            || (start > 0
                && b[start - 1] == b'/'
                && (start == 1 || b[..start - 1].ends_with(b":")));
        SHORT_NAMED.iter().any(|&(s, e, directory)| {
            stem.eq_ignore_ascii_case(s) && ext.eq_ignore_ascii_case(e) && (!directory || in_path)
        })
    })
}

/// What NTFS and Windows keep at a volume's root for the system alone: every user's deleted
/// files (`$Recycle.Bin`, XP's `RECYCLER`, with the original names in `$I` files), restore
/// points and shadow-copy data (`System Volume Information`), the file system's own metadata
/// files (`$MFT`, `$LogFile`, ...: raw reads of them dump every file's name and small
/// files' contents) and memory written to disk. No application serves them, and no upload
/// or link names them; a drive path to one reads the machine's data past its owners.
const NTFS_ROOT_ENTRIES: &[&[u8]] = &[
    b"$recycle.bin",
    b"recycler",
    b"system volume information",
    b"$mft",
    b"$mftmirr",
    b"$logfile",
    b"$secure",
    b"$extend",
    b"$bitmap",
    b"$boot",
    b"pagefile.sys",
    b"hiberfil.sys",
    b"swapfile.sys",
];

/// Whether the path `rest` after a drive's root (`c:/`) opens with one of
/// [`NTFS_ROOT_ENTRIES`] as a whole name (the root's own entry or a path into it).
fn ntfs_root_entry(rest: &[u8]) -> bool {
    let first = &rest[..memchr::memchr(b'/', rest).unwrap_or(rest.len())];
    NTFS_ROOT_ENTRIES
        .iter()
        .any(|e| first.eq_ignore_ascii_case(e))
}

/// Longest value [`secret_file`] reads as one path.
const MAX_SECRET_PATH: usize = 1024;

/// `name` without one backup suffix ([`BACKUP_SUFFIXES`]); for Vim's swap files
/// (`.wp-config.php.swp`) also without the dot before the name.
fn strip_backup(name: &[u8]) -> &[u8] {
    for suffix in BACKUP_SUFFIXES {
        if let Some(stem) = name.strip_suffix(suffix.as_bytes()) {
            if stem.len() > 1 {
                let swap = matches!(*suffix, ".swp" | ".swo");
                return match stem.strip_prefix(b".") {
                    Some(inner) if swap && !secret_dot_file(stem) => inner,
                    _ => stem,
                };
            }
        }
    }
    name
}

/// Dot-files of credentials and environment: dotenv files (not their committed templates
/// `.env.example`, `.env.sample`, `.env.dist`, `.env.template`), database, package-index
/// and FTP client passwords.
fn secret_dot_file(name: &[u8]) -> bool {
    if let Some(rest) = name.strip_prefix(b".env") {
        return rest.is_empty()
            || (rest.first() == Some(&b'.')
                && !matches!(
                    &rest[1..],
                    b"example" | b"sample" | b"dist" | b"template" | b"defaults" | b"schema"
                ));
    }
    matches!(
        name,
        b".htpasswd"
            | b".pgpass"
            | b".netrc"
            | b".npmrc"
            | b".pypirc"
            | b".my.cnf"
            | b".mylogin.cnf"
            | b".git-credentials"
            | b".dockercfg"
            | b".s3cfg"
            | b".boto"
            // Finder's index of a directory: the names of every file in it, the private
            // ones included.
            | b".ds_store"
    )
}

/// Files of a browser's profile that hold the user's sessions and saved passwords (Chromium's
/// `Cookies`, `Login Data`, `Web Data`, `Local State` with the key that decrypts them,
/// `History`; Firefox's `logins.json`), named by words a site also uses for its own pages
/// (`/account/history`, `/api/logins.json`): they count only inside a user's home and a
/// profile directory ([`browser_profile_file`]).
const BROWSER_PROFILE_FILES: &[&[u8]] = &[
    b"cookies",
    b"login data",
    b"login data for account",
    b"web data",
    b"local state",
    b"history",
    b"logins.json",
];

/// Whether `name` (lower case), the last segment of the rooted path `b` (which has its
/// directories before `cut`), is one of [`BROWSER_PROFILE_FILES`] in a user's home
/// ([`user_home_len`]) under a browser's profile directory: Chromium's `User Data`, its
/// `Default` and `Profile <n>` profiles, Firefox's `<id>.default…` profiles.
fn browser_profile_file(b: &[u8], cut: usize, name: &[u8]) -> bool {
    if !BROWSER_PROFILE_FILES.contains(&name) {
        return false;
    }
    let Some(home) = user_home_len(b) else {
        return false;
    };
    b[home.min(cut)..cut]
        .split(|&c| c == b'/')
        .take(64)
        .any(|d| {
            d.eq_ignore_ascii_case(b"user data")
                || d.eq_ignore_ascii_case(b"default")
                || (d.len() > 8
                    && d[..8].eq_ignore_ascii_case(b"profile ")
                    && d[8..].iter().all(u8::is_ascii_digit))
                || d.windows(8).any(|w| w.eq_ignore_ascii_case(b".default"))
        })
}

/// The length of the user's home that opens the rooted path `b` (`~/`, `/root/`,
/// `/home/<user>/`, `/Users/<user>/`, `c:/users/<user>/`, `c:/documents and
/// settings/<user>/`), with its `/`.
fn user_home_len(b: &[u8]) -> Option<usize> {
    if b.starts_with(b"~/") {
        return Some(2);
    }
    let mut at = match b {
        [b'/', ..] => 1,
        [d, b':', b'/', ..] if d.is_ascii_alphabetic() => 3,
        _ => return None,
    };
    let seg = |from: usize| {
        let end = memchr::memchr(b'/', &b[from..]).map(|e| from + e)?;
        Some((&b[from..end], end + 1))
    };
    let (first, next) = seg(at)?;
    if at == 1 && first.eq_ignore_ascii_case(b"root") {
        return Some(next);
    }
    if !(first.eq_ignore_ascii_case(b"users")
        || (at == 1 && first.eq_ignore_ascii_case(b"home"))
        || (at == 3 && first.eq_ignore_ascii_case(b"documents and settings")))
    {
        return None;
    }
    at = next;
    let (user, next) = seg(at)?;
    (!user.is_empty() && user[0] != b'.').then_some(next)
}

/// Whether `file`, the last name of a path into a network share, names a secret: a file of
/// [`SECRET_NAMES`], a credential dot-file, a key or password store by its shape
/// ([`secret_name`]), or a document named for secrets or passwords (`secret.txt`,
/// `Passwords.xlsx`, `credentials-old.csv`).
pub(super) fn secret_share_file(file: &[u8]) -> bool {
    if file.is_empty() || file.len() > 96 {
        return false;
    }
    let mut buf = [0u8; 96];
    let lower = &mut buf[..file.len()];
    lower.copy_from_slice(file);
    lower.make_ascii_lowercase();
    let stem = &lower[..memchr::memchr(b'.', &lower[1..]).map_or(lower.len(), |d| d + 1)];
    SECRET_NAMES.contains(&&*lower)
        || app_secret_name(lower)
        || secret_dot_file(lower)
        || secret_name(lower)
        || [&b"secret"[..], b"passw", b"credential"]
            .iter()
            .any(|w| memchr::memmem::find(stem, w).is_some())
}

/// Whether the value is one bare file name or one path relative to the application's
/// directory (`settings.py`, `config/application-prod.yml`, `./backup.sql.gz`,
/// `.vscode/sftp.json`) whose last name is a file an application keeps in its own tree and
/// whose contents are its secrets ([`app_secret_name`]). A download, include or template
/// parameter resolves such a value against the application's own directory, which is
/// where these files live, so naming one is a request to read it: scanners and testers
/// send exactly these names. Only a whole value counts: prose that names one (`edit
/// settings.py and restart`) has blanks, and a URL has a scheme. A rooted path is
/// [`secret_file`]'s, a climb the walk's.
pub fn app_secret_file(canon: &str) -> bool {
    let t = trim_quotes(canon);
    let b = t.as_bytes();
    if b.is_empty() || b.len() > MAX_SECRET_PATH || b[0] == b'/' || b[0] == b'~' {
        return false;
    }
    if !b
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-'))
    {
        return false;
    }
    let cut = memchr::memrchr(b'/', b).map_or(0, |i| i + 1);
    let last = &b[cut..];
    if last.is_empty() || last.len() > 96 || b[..cut].split(|&c| c == b'/').any(|d| d == b"..") {
        return false;
    }
    let mut buf = [0u8; 96];
    let lower = &mut buf[..last.len()];
    lower.copy_from_slice(last);
    lower.make_ascii_lowercase();
    app_secret_name(strip_backup(lower))
}

/// Whether `name` (lower case) is a file an application keeps in its own tree whose contents
/// are its secrets, by the file's role: framework settings with the database password or
/// signing key ([`FRAMEWORK_SETTINGS`], Spring's `application[-profile].yml|properties`,
/// .NET's `appsettings[.Env].json`), private keys ([`PRIVATE_KEYS`], PuTTY's `.ppk`), database
/// dumps and files ([`DATABASE_EXTENSIONS`]), cloud and infrastructure secrets
/// ([`CLOUD_SECRETS`], Terraform's `.tfstate` and `.tfvars`) and deployment configurations
/// with server passwords ([`DEPLOY_CONFIGS`], `docker-compose[.env].yml`). Upload names of
/// ordinary documents and images (`report.pdf`, `settings.png`) are none of these: each
/// entry is a whole name or an extension no document has.
pub(super) fn app_secret_name(name: &[u8]) -> bool {
    if FRAMEWORK_SETTINGS.contains(&name)
        || PRIVATE_KEYS.contains(&name)
        || CLOUD_SECRETS.contains(&name)
        || DEPLOY_CONFIGS.contains(&name)
    {
        return true;
    }
    let Some(dot) = memchr::memchr(b'.', name).filter(|&d| d > 0) else {
        return false;
    };
    let (stem, ext) = (&name[..dot], &name[dot + 1..]);
    // Spring's `application.yml`, `bootstrap-prod.properties`: the configuration files
    // Spring Boot and Spring Cloud read, one per profile
    let spring = [&b"application"[..], b"bootstrap"].iter().any(|base| {
        stem.strip_prefix(*base).is_some_and(|p| {
            p.is_empty()
                || (p.len() > 1
                    && p[0] == b'-'
                    && p[1..]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'_'))
        })
    });
    if spring && matches!(ext, b"yml" | b"yaml" | b"properties") {
        return true;
    }
    // `docker-compose.yml`, `docker-compose.prod.yaml`: service definitions with their
    // environment (database passwords, API keys)
    if stem == b"docker-compose"
        && (ext.ends_with(b".yml") || ext.ends_with(b".yaml") || matches!(ext, b"yml" | b"yaml"))
    {
        return true;
    }
    // ASP.NET Core's `appsettings.json`, `appsettings.Production.json`: connection strings
    if stem.starts_with(b"appsettings") && ext.ends_with(b"json") {
        return true;
    }
    // Google's OAuth client (`client_secret_1234-abc.apps.googleusercontent.com.json`)
    if stem.starts_with(b"client_secret") && ext.ends_with(b"json") {
        return true;
    }
    // `terraform.tfvars`, `prod.auto.tfvars`, `x.tfvars.json`: variable values, secrets
    // included
    if name.ends_with(b".tfvars") || name.ends_with(b".tfvars.json") {
        return true;
    }
    // PuTTY's private keys
    if name.ends_with(b".ppk") {
        return true;
    }
    // a database dump or file, also compressed (`dump.sql.gz`, `backup.sql.zip`)
    let (data, compressed) = match memchr::memchr(b'.', ext) {
        Some(d) => (&ext[..d], &ext[d + 1..]),
        None => (ext, &b""[..]),
    };
    DATABASE_EXTENSIONS.contains(&data)
        && (compressed.is_empty() || COMPRESSED_EXTENSIONS.contains(&compressed))
}

/// Framework settings files that hold the database password or the signing key, by the
/// names the frameworks give them (see [`app_secret_name`]).
const FRAMEWORK_SETTINGS: &[&[u8]] = &[
    // Django; Flask's `config.py` (`app.config.from_pyfile`: `SECRET_KEY`, the database URI)
    b"settings.py",
    b"local_settings.py",
    b"config.py",
    // Joomla, MediaWiki, phpMyAdmin, WordPress
    b"configuration.php",
    b"localsettings.php",
    b"config.inc.php",
    b"wp-config.php",
    // Magento 2 (`app/etc/env.php`)
    b"env.php",
    // Rails, Symfony 2-3
    b"database.yml",
    b"secrets.yml",
    b"master.key",
    b"parameters.yml",
    // ASP.NET's connection strings kept out of `web.config`
    b"connectionstrings.config",
    // Node's database configurations: TypeORM's and Knex's (host, user, password)
    b"ormconfig.json",
    b"ormconfig.js",
    b"ormconfig.yml",
    b"ormconfig.env",
    b"knexfile.js",
    b"knexfile.ts",
];

/// `id_rsa`, `ID_ED25519`: a private key's bare name, which has no dot or separator for the
/// detector's other tests to find (see [`app_secret_file`]).
pub fn bare_private_key(value: &str) -> bool {
    let t = value.trim().as_bytes();
    t.len() >= 6
        && t.len() <= 16
        && t[..3].eq_ignore_ascii_case(b"id_")
        && PRIVATE_KEYS.iter().any(|k| t.eq_ignore_ascii_case(k))
}

/// Private keys by the names their tools give them: OpenSSH's user keys (`.pub` is the
/// public half, another name), TLS keys of servers and ACME clients.
const PRIVATE_KEYS: &[&[u8]] = &[
    b"id_rsa",
    b"id_dsa",
    b"id_ecdsa",
    b"id_ed25519",
    b"id_ecdsa_sk",
    b"id_ed25519_sk",
    b"server.key",
    b"private.key",
    b"privkey.pem",
];

/// Cloud credentials and infrastructure state: AWS and Google credential files, Firebase
/// and Google service-account keys, .NET's user secrets, Terraform's state (every managed
/// secret in clear).
const CLOUD_SECRETS: &[&[u8]] = &[
    b"credentials.json",
    b"secrets.json",
    b"client_secrets.json",
    b"serviceaccountkey.json",
    b"service-account.json",
    b"service_account.json",
    b"service-account-key.json",
    b"terraform.tfstate",
    b"terraform.tfstate.backup",
];

/// Deployment configurations that hold a server's password: Sublime SFTP's
/// `sftp-config.json`, Atom's `.ftpconfig` and `.remote-sync.json`, Sublime FTPSync's
/// settings.
const DEPLOY_CONFIGS: &[&[u8]] = &[
    b"sftp-config.json",
    b".ftpconfig",
    b".remote-sync.json",
    b"ftpsync.settings",
];

/// Extensions of database dumps and database files.
const DATABASE_EXTENSIONS: &[&[u8]] = &[b"sql", b"dump", b"sqlite", b"sqlite3"];

/// Extensions a dump is compressed or archived under.
const COMPRESSED_EXTENSIONS: &[&[u8]] = &[b"gz", b"zip", b"bz2", b"xz", b"7z", b"tgz", b"tar.gz"];

/// Files of secrets named alone that live outside the application's tree (client, browser
/// and system stores of credentials and keys), so that only a rooted path reaches them; the
/// application's own are [`app_secret_name`]'s.
const SECRET_NAMES: &[&[u8]] = &[
    b"login data",
    // PowerShell's PSReadLine history (`ConsoleHost_history.txt`): every command an
    // administrator typed, passwords given on command lines included; the browsers'
    // password, key and cookie stores under names no site uses (Firefox's `key4.db`,
    // `key3.db`, `signons.sqlite`, `cookies.sqlite`; Safari's `Cookies.binarycookies`).
    b"consolehost_history.txt",
    b"key4.db",
    b"key3.db",
    b"signons.sqlite",
    b"cookies.sqlite",
    b"cookies.binarycookies",
    b"credentials",
    b"credentials.xml",
    b"credentials.db",
    b"application_default_credentials.json",
    b"access_tokens.db",
    b"sitemanager.xml",
    b"recentservers.xml",
    b"filezilla.xml",
    // Other servers' and clients' stores of accounts and saved passwords: FileZilla Server's
    // and Serv-U's user databases, WinSCP's, MobaXterm's and mRemoteNG's saved sessions,
    // UltraVNC's password, the Sublime SFTP plugin's `sftp-config.json` (a server password
    // in clear, often deployed with the site: an application-tree file, [`DEPLOY_CONFIGS`]).
    b"filezilla server.xml",
    b"servudaemon.ini",
    b"winscp.ini",
    b"mobaxterm.ini",
    b"confcons.xml",
    b"ultravnc.ini",
    b"ntds.dit",
    b"wallet.dat",
    b"dbconfig.xml",
    b"global.asa",
];

/// Whether `name` (lower case, no blank) is a key, keystore or settings file by its shape:
/// a key or certificate store's extension, an SSH host key, a list of passwords.
pub(super) fn secret_name(name: &[u8]) -> bool {
    if name.starts_with(b"ssh_host_") && !name.ends_with(b".pub") {
        return true;
    }
    // `passwords.txt`, `password.kdbx`, `passwd.xlsx`: a list of passwords kept as a
    // document (`passwd` alone is also the program, `passwd-helper` another one).
    let stem = &name[..memchr::memchr(b'.', name).unwrap_or(name.len())];
    if matches!(stem, b"password" | b"passwords")
        || (matches!(stem, b"passwd" | b"passwds") && stem.len() < name.len())
    {
        return true;
    }
    // `htpasswd.users` (Nagios), `htpasswd.conf`: Apache's password file under another
    // name; the program that writes it is named `htpasswd` alone.
    if stem == b"htpasswd" && stem.len() < name.len() {
        return true;
    }
    let Some(dot) = memchr::memrchr(b'.', name) else {
        return false;
    };
    matches!(
        &name[dot + 1..],
        b"pem"
            | b"p12"
            | b"pfx"
            | b"jks"
            | b"keystore"
            | b"kdbx"
            | b"kdb"
            | b"keychain"
            | b"keychain-db"
            | b"ppk"
            | b"ovpn"
            | b"tfstate"
            // Java applications' settings (`application.properties`: the database URL and
            // password, signing keys) and database dumps.
            | b"properties"
            | b"sql"
            | b"dump"
    ) && dot > 0
}

/// Multi-component sensitive paths whose separators an encoding fuzzer may have mangled
/// beyond any decoder (`etc%uF025passwd`, `etc%%35%%63passwd`): matched on the skeleton of
/// letters, digits and dots with up to [`MAX_JUNK`] stray characters between components.
const LOOSE: &[&[&str]] = &[
    &["etc", "passwd"],
    &["etc", "shadow"],
    &["etc", "hosts"],
    &["etc", "issue"],
    &["etc", "group"],
    &["windows", "system32"],
    &["winnt", "system32"],
    &["windows", "win.ini"],
    &["boot.ini"],
    &["win.ini"],
    &["proc", "self"],
    &["var", "log"],
    &["var", "www"],
    &["web-inf", "web.xml"],
];

/// Stray characters tolerated between two components of a [`LOOSE`] path.
const MAX_JUNK: usize = 4;

/// What one pass over the dots of a value tells [`climbs`](super) and [`dotted_junk_path`]:
/// whether two dots touch (`..`) and whether two are at most one byte apart (`..`, `.?`,
/// `. .`, `.x.`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dots {
    pub adjacent: bool,
    near: bool,
}

impl Dots {
    pub fn of(b: &[u8]) -> Dots {
        // The searcher for dots set up once, not at each dot (see [`first_hit_end`]).
        #[cfg(target_arch = "x86_64")]
        {
            static ONE: OnceLock<Option<memchr::arch::x86_64::avx2::memchr::One>> = OnceLock::new();
            let one = ONE.get_or_init(|| memchr::arch::x86_64::avx2::memchr::One::new(b'.'));
            if let Some(one) = one {
                return Dots::from_dots(b, one.iter(b));
            }
        }
        Dots::from_dots(b, memchr::memchr_iter(b'.', b))
    }

    /// [`Dots::of`] given the offsets of the dots in `b`, in order.
    fn from_dots(b: &[u8], dots: impl Iterator<Item = usize>) -> Dots {
        let mut d = Dots {
            adjacent: false,
            near: false,
        };
        for i in dots {
            let next = b.get(i + 1);
            d.adjacent |= next == Some(&b'.');
            d.near |= matches!(next, Some(b'.' | b'?')) || b.get(i + 2) == Some(&b'.');
            // `..` settles both.
            if d.adjacent {
                break;
            }
        }
        d
    }
}

/// Whether the skeleton of `b` (its first [`SKELETON_BYTES`] bytes) has two dots in a row,
/// given the [`Dots`] of `b`: asked only of a value with dots near each other, after that
/// cheaper test.
fn skeleton_pair(b: &[u8], dots: Dots) -> bool {
    if b.len() > SKELETON_BYTES {
        return skeleton_has_dot_pair(b);
    }
    // The whole value is in the skeleton: a `..` is a pair, and so are two dots with only
    // bytes the skeleton drops between them (each dot's gap read up to the next dot, so the
    // value is read once).
    dots.adjacent || {
        let mut previous: Option<usize> = None;
        memchr::memchr_iter(b'.', b).any(|j| {
            let pair = previous.is_some_and(|i| !b[i + 1..j].iter().any(|&c| skeleton_byte(c)));
            previous = Some(j);
            pair
        })
    }
}

/// A value with a run of two or more dots (the climb, however mangled) and a sensitive path
/// whose separators were replaced by junk.
#[cfg(test)]
pub fn dotted_junk_path(canon: &str) -> bool {
    dotted_junk_path_with(canon, Dots::of(canon.as_bytes()))
}

/// [`dotted_junk_path`] given the [`Dots`] of `canon`.
pub fn dotted_junk_path_with(canon: &str, dots: Dots) -> bool {
    // Dots are never dropped by the skeleton, only the junk between them: a value with no
    // two dots at most one byte apart has no climb to mangle.
    if !dots.near || !skeleton_pair(canon.as_bytes(), dots) {
        return false;
    }
    // A path's components are found whole in the skeleton (only junk between them), so
    // every pair of bytes inside a component is a pair of neighbours in it. One pass over
    // the value collects those pairs and turns away most values (prose with an ellipsis)
    // before the skeleton is built and searched.
    let pairs = skeleton_pairs(canon.as_bytes());
    let candidate = |path: usize| {
        LOOSE_PAIRS[path]
            .iter()
            .all(|&(first, second)| pairs[usize::from(first)] & (1 << second) != 0)
    };
    if !(0..LOOSE.len()).any(candidate) {
        return false;
    }
    // Every kept character is ASCII, so filtering bytes keeps exactly the same ones. Folded
    // to lower case: a canonical form already is; a plain ASCII value judged without its
    // canonical copy may not be.
    let skeleton = skeleton_of(canon.as_bytes());
    let finders = loose_finders();
    LOOSE
        .iter()
        .zip(finders)
        .enumerate()
        .any(|(path, (parts, first))| candidate(path) && loose_match(&skeleton, parts, first))
}

/// Number of distinct bytes the skeleton keeps ([`skeleton_byte`], lower-cased).
const SKELETON_ALPHABET: usize = 38;

/// No byte of the skeleton in [`SKELETON_INDEX`].
const NOT_KEPT: u8 = u8::MAX;

/// The index of each byte the skeleton keeps, as its lower case (letters 0–25, digits 26–35,
/// `.` 36, `-` 37), else [`NOT_KEPT`].
static SKELETON_INDEX: [u8; 256] = {
    let mut t = [NOT_KEPT; 256];
    let mut c = 0;
    while c < 256 {
        let b = (c as u8).to_ascii_lowercase();
        t[c] = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            b'.' => 36,
            b'-' => 37,
            _ => NOT_KEPT,
        };
        c += 1;
    }
    t
};

/// The pairs of neighbours in the skeleton of all of `b` (not cut at [`SKELETON_BYTES`]: a
/// superset of the skeleton's): row `first` holds bit `second` of their [`SKELETON_INDEX`]es;
/// the last row stands for the start, before any byte.
fn skeleton_pairs(b: &[u8]) -> [u64; SKELETON_ALPHABET + 1] {
    let mut pairs = [0u64; SKELETON_ALPHABET + 1];
    let mut previous = SKELETON_ALPHABET;
    for &c in b {
        let i = SKELETON_INDEX[usize::from(c)];
        if i != NOT_KEPT {
            pairs[previous] |= 1 << i;
            previous = usize::from(i);
        }
    }
    pairs
}

/// Most neighbour pairs inside the components of one [`LOOSE`] path.
const MAX_LOOSE_PAIRS: usize = 16;

/// The neighbour pairs inside the components of each [`LOOSE`] path, as the
/// [`SKELETON_INDEX`]es of the two bytes (checked to fit where built).
static LOOSE_PAIRS: [&[(u8, u8)]; LOOSE.len()] = {
    const fn pairs_of(parts: &[&str]) -> ([(u8, u8); MAX_LOOSE_PAIRS], usize) {
        let mut out = [(0u8, 0u8); MAX_LOOSE_PAIRS];
        let mut n = 0;
        let mut j = 0;
        while j < parts.len() {
            let part = parts[j].as_bytes();
            let mut k = 1;
            while k < part.len() {
                let a = SKELETON_INDEX[part[k - 1] as usize];
                let b = SKELETON_INDEX[part[k] as usize];
                assert!(
                    a != NOT_KEPT && b != NOT_KEPT,
                    "components are skeleton bytes"
                );
                assert!(
                    n < MAX_LOOSE_PAIRS,
                    "MAX_LOOSE_PAIRS holds every path's pairs"
                );
                out[n] = (a, b);
                n += 1;
                k += 1;
            }
            j += 1;
        }
        (out, n)
    }
    const ALL: [([(u8, u8); MAX_LOOSE_PAIRS], usize); LOOSE.len()] = {
        let mut all = [([(0u8, 0u8); MAX_LOOSE_PAIRS], 0usize); LOOSE.len()];
        let mut i = 0;
        while i < LOOSE.len() {
            all[i] = pairs_of(LOOSE[i]);
            i += 1;
        }
        all
    };
    let mut out: [&[(u8, u8)]; LOOSE.len()] = [&[]; LOOSE.len()];
    let mut i = 0;
    while i < LOOSE.len() {
        let (whole, _) = ALL[i].0.split_at(ALL[i].1);
        out[i] = whole;
        i += 1;
    }
    out
};

/// A searcher for the first component of each [`LOOSE`] path, built once (a searcher built
/// per call costs more than the search on a short skeleton).
fn loose_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    FINDERS.get_or_init(|| {
        LOOSE
            .iter()
            .map(|parts| memchr::memmem::Finder::new(parts.first().copied().unwrap_or("")))
            .collect()
    })
}

/// Bytes of the skeleton kept at most.
const SKELETON_BYTES: usize = 4096;

/// The skeleton of `b`: its first [`SKELETON_BYTES`] bytes that [`skeleton_byte`] keeps,
/// lower-cased. Each byte is written at the end of what is kept so far, and kept by moving
/// the end past it ([`SKELETON_LOWER`] is 0 for a byte dropped): no branch on the byte.
fn skeleton_of(b: &[u8]) -> Vec<u8> {
    let cap = b.len().min(SKELETON_BYTES);
    let mut skeleton = vec![0u8; cap];
    let mut kept = 0;
    for &c in b {
        if kept == cap {
            break;
        }
        let lower = SKELETON_LOWER[usize::from(c)];
        skeleton[kept] = lower;
        kept += usize::from(lower != 0);
    }
    skeleton.truncate(kept);
    skeleton
}

/// A byte [`skeleton_byte`] keeps, lower-cased; 0 for one it drops (NUL is dropped).
static SKELETON_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if skeleton_byte(b) {
            t[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    t
};

/// The bytes the skeleton keeps: ASCII letters, digits, dots and dashes.
const fn skeleton_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'.' || c == b'-'
}

/// Whether the skeleton (its first [`SKELETON_BYTES`] bytes) has two dots in a row, decided
/// without building it.
fn skeleton_has_dot_pair(b: &[u8]) -> bool {
    let mut prev_dot = false;
    b.iter()
        .filter(|&&c| skeleton_byte(c))
        .take(SKELETON_BYTES)
        .any(|&c| {
            let pair = prev_dot && c == b'.';
            prev_dot = c == b'.';
            pair
        })
}

/// Whether the skeleton `s` goes on from `pos` with the components `rest` in order, each
/// within [`MAX_JUNK`] stray bytes of the one before.
fn loose_continues(s: &[u8], rest: &[&str], mut pos: usize) -> bool {
    for p in rest {
        let p = p.as_bytes();
        let window_end = (pos + MAX_JUNK + p.len()).min(s.len());
        match s.get(pos..window_end).and_then(|w| find_in_window(w, p)) {
            Some(off) => pos += off + p.len(),
            None => return false,
        }
    }
    true
}

/// Whether the skeleton `s` has the components `parts` in order, the first found by `first`
/// and each next one within [`MAX_JUNK`] stray bytes of the one before.
fn loose_match(s: &[u8], parts: &[&str], first: &memchr::memmem::Finder<'static>) -> bool {
    let Some((head, rest)) = parts.split_first() else {
        return false;
    };
    occurrences(s, first).any(|at| loose_continues(s, rest, at + head.len()))
}

/// The first offset of `needle` in the short `window` (a few bytes: a direct comparison at
/// each offset), as `str::find` gives it.
fn find_in_window(window: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    window.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The word before a quoted path is cut after a NO-BREAK SPACE (two bytes) at a char
    /// boundary (a fuzzer's crash: `…\u{a0}'''''id_ed25519/`).
    #[test]
    fn the_last_word_after_a_two_byte_blank() {
        assert!(super::sql_file_clause("LOAD DATA\u{a0}INFILE"));
        assert!(!super::sql_file_clause("H\u{a0}"));
        let v =
            "a..\u{ff}id_ed2\u{8}\u{10}\0\0\0.H\u{a0}'''''id_ed25\u{a9}/H\u{a0}'''''id_ed25519/";
        let _ = crate::traversal::detect(v, crate::Context::Param);
    }

    fn hit(v: &str) -> bool {
        super::super::detect(v, crate::Context::Param).is_some()
    }

    #[test]
    fn finders_index_is_a_request_only_as_a_path() {
        let detect = super::super::detect;
        assert!(detect(".DS_Store", crate::Context::PathSegment).is_some());
        assert!(detect("/.DS_Store", crate::Context::Param).is_some());
        assert!(detect("../.DS_Store", crate::Context::Param).is_some());
        // an upload of a folder from a Mac, a file name in a form
        assert!(detect(".DS_Store", crate::Context::Param).is_none());
        assert!(detect(".DS_Store", crate::Context::Cookie).is_none());
    }

    #[test]
    fn macos_system_files_are_named_as_the_linux_ones_are() {
        for v in [
            "/System/Library/CoreServices/SystemVersion.plist",
            "/System/Library/CoreServices/ServerVersion.plist",
            "/Library/Preferences/SystemConfiguration/com.apple.airport.preferences.plist",
            "/Library/Preferences/com.apple.loginwindow.plist",
            "/private/var/db/dslocal/nodes/Default/users/root.plist",
            "/var/db/dslocal/nodes/Default/users/admin.plist",
            "../../../private/var/db/dslocal/nodes/Default/users/root.plist",
            "/private/var/db/shadow/hash/0A1B",
            "/private/etc/master.passwd",
            "/private/etc/sudoers",
            "/PRIVATE/ETC/hosts",
            "/private/var/root/.bash_history",
            "/var/root/Library/Preferences/x.plist",
            "file:///System/Library/CoreServices/SystemVersion.plist",
            "/Users/bob/.ssh/id_ed25519",
            "/Users/bob/Library/Keychains/login.keychain-db",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "/Library/Application Support/MyApp/settings.json",
            "/System/Library/Fonts/Helvetica.ttc",
            "/home/private/etc.txt",
            "private/etc/notes.txt",
            "/photos/private/etc/",
            "Library/Preferences is where macOS keeps settings",
            "/Applications/Safari.app/Contents/Info.plist",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn autostart_folders_client_credential_stores_and_a_macos_homes_library() {
        for v in [
            // the Start menu's startup folder, all users and one user, any spelling
            "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp",
            "c:/programdata/microsoft/windows/start menu/programs/startup/run.bat",
            "D:\\Users\\kim\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\u.lnk",
            "C:\\Documents and Settings\\All Users\\Start Menu\\Programs\\Startup\\x.exe",
            "C:%5CProgramData%5CMicrosoft%5CWindows%5CStart%20Menu%5CPrograms%5CStartup",
            // macOS and desktop Linux autostart
            "/Library/LaunchDaemons/com.example.helper.plist",
            "/Library/LaunchAgents/",
            "/Users/kim/Library/LaunchAgents/com.x.plist",
            "/home/kim/.config/autostart/updater.desktop",
            // servers' and clients' stores of accounts and saved passwords
            "C:\\Program Files\\FileZilla Server\\FileZilla Server.xml",
            "C:\\Program Files (x86)\\FileZilla Server\\FileZilla Server.xml",
            "C:\\xampp\\FileZillaFTP\\FileZilla Server.xml",
            "C:\\ProgramData\\filezilla-server\\users.xml",
            "/home/kim/.config/filezilla/sitemanager.xml",
            "C:\\Program Files\\WinSCP\\WinSCP.ini",
            "C:\\Users\\kim\\AppData\\Roaming\\mRemoteNG\\confCons.xml",
            "C:\\Program Files\\UltraVNC\\ultravnc.ini",
            "C:\\Serv-U\\ServUDaemon.ini",
            "/var/www/html/sftp-config.json",
            // a macOS home's Library stores
            "/Users/admin/Library/Preferences/com.apple.loginwindow.plist",
            "/Users/bob/Library/Preferences/com.apple.finder.plist",
            "/users/kim/library/keychains/",
            "/Users/kim/Library/Messages/chat.db",
            "/Users/kim/Library/Safari/History.db",
            "/Users/kim/Library/Mail/V10/MailData/Accounts.plist",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "C:\\Users\\Anna\\Documents\\cv.pdf",
            "/Users/anna/Desktop/photo.jpg",
            "C:\\fakepath\\resume.pdf",
            "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Word.lnk",
            "C:\\Users\\Anna\\Documents\\startup\\pitch deck.pptx",
            "C:\\Program Files\\FileZilla FTP Client\\filezilla.exe",
            "/downloads/filezilla/FileZilla_3.66.exe",
            "settings.xml",
            // (a bare `sftp-config.json` is a deployment secret: [`app_secret_file`])
            "sftp-config.png",
            "/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/cv.pdf",
            "/Users/anna/Library/Application Support/MyApp/notes.txt",
            "~/Library/Preferences/com.apple.finder.plist",
            "/library/preferences-guide.html",
            "/home/kim/.config/autostart is where desktop entries go",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_question_a_php_error_location_and_an_ssh_config_name_paths_as_text() {
        for v in [
            "Where is the hosts file on Windows? C:\\Windows\\System32\\drivers\\etc\\hosts?",
            "Is it this one? /etc/passwd",
            "Warning: mysqli_connect(): (HY000/2002): Connection refused in /var/www/html/db.php on line 5",
            "PHP Fatal error:  Uncaught Error: Call to undefined function foo() in C:\\xampp\\htdocs\\wp-config.php on line 12",
            "Host github.com\n  IdentityFile ~/.ssh/id_ed25519",
            "Host *\n    IdentityFile=~/.ssh/id_rsa\n    UserKnownHostsFile /dev/null",
            "HostKey /etc/ssh/ssh_host_ed25519_key",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        for v in [
            "/etc/passwd",
            "C:\\Windows\\System32\\drivers\\etc\\hosts",
            "../../var/www/html/db.php",
            "/var/www/html/config.php",
            "cat ~/.ssh/id_ed25519",
            "IdentityFile;cat /etc/passwd",
            "../../etc/passwd?",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn browser_stores_shell_history_and_macos_logs_by_construct() {
        for v in [
            "C:\\Users\\admin\\AppData\\Roaming\\Microsoft\\Windows\\PowerShell\\PSReadLine\\ConsoleHost_history.txt",
            "c:/users/svc/appdata/roaming/microsoft/windows/powershell/psreadline/consolehost_history.txt",
            "C:\\Users\\bob\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Network\\Cookies",
            "C:\\Users\\bob\\AppData\\Local\\Microsoft\\Edge\\User Data\\Local State",
            "C:\\Users\\bob\\AppData\\Local\\BraveSoftware\\Brave-Browser\\User Data\\Profile 2\\Web Data",
            "C:\\Users\\bob\\AppData\\Roaming\\Mozilla\\Firefox\\Profiles\\ab12.default-release\\logins.json",
            "C:/Users/bob/AppData/Roaming/Mozilla/Firefox/Profiles/ab12.default-release/key4.db",
            "/home/u/.config/google-chrome/Default/Cookies",
            "/home/u/.config/chromium/Profile 1/History",
            "/Users/admin/Library/Cookies/Cookies.binarycookies",
            "~/Library/Application Support/Google/Chrome/Default/Login Data",
            "/Users/dev/Library/Application Support/Firefox/Profiles/x.default/cookies.sqlite",
            "/Library/Logs/DiagnosticReports/",
            "/Library/Logs/DiagnosticReports/kernel_2024.panic",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            // a site's own pages named like a profile's files
            "/account/cookies",
            "/api/logins.json",
            "/user/history",
            "/settings/default/cookies",
            // (a bare `cookies.sqlite` is a database file: [`app_secret_file`])
            "cookies.txt",
            // prose after a home path, a profile path with no store named
            "/Users/bob/notes about login data",
            "/home/u/.ssh/id_rsa is my key",
            "~/Library/Application Support/Google/Chrome/Default/Preferences",
            "/Users/me/Documents/My Resume.pdf",
            "/library/books/logs",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_secret_file_is_judged_by_the_last_segment_of_an_absolute_path() {
        for v in [
            "/usr/local/tomcat/conf/tomcat-users.xml",
            "/usr/share/tomcat9/conf/server.xml",
            "/opt/jboss/standalone/configuration/standalone.xml",
            "/var/atlassian/application-data/confluence/confluence.cfg.xml",
            "C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\DATA\\master.mdf",
            "C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Log\\ERRORLOG",
            "/Library/Application Support/com.apple.TCC/TCC.db",
            "/data/data/com.example.app/shared_prefs/prefs.xml",
            "C:\\ProgramData\\ssh\\ssh_host_rsa_key",
            "C:\\Users\\bob\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Login Data",
            "C:\\Users\\admin\\AppData\\Roaming\\Microsoft\\Credentials",
            "%APPDATA%\\FileZilla\\sitemanager.xml",
            "~/.config/gcloud/application_default_credentials.json",
            "/Library/Keychains/System.keychain",
            "/tmp/sess_abcdef1234567890",
            "/var/lib/php/sessions/sess_9a8b7c",
            "/etc/ssl/private/server.key",
            "/srv/app/privkey.pem",
            "/var/jenkins_home/secrets/initialAdminPassword",
            "/opt/atlassian/jira/dbconfig.xml",
            "/home/u/site/appsettings.Production.json",
            "/var/www/html/wp-config.php.bak",
            "web.config.",
            "C:/inetpub/wwwroot/global.asa",
            "c:\\inetpub\\wwwroot\\index.asp",
            "/var/www/aa.php",
            // dot-files of secrets wherever the path starts, VCS metadata
            ".env",
            ".env.production",
            "config/.my.cnf",
            ".npmrc",
            ".git/index",
            ".svn/wc.db",
            ".hg/hgrc",
            "/app/.wp-config.php.swp",
            // Java settings, dumps, backups and password lists at an absolute path;
            // Finder's directory index; tokens under a tool's `~/.config` directory
            "/opt/app/application.properties",
            "D:\\backup\\db.bak",
            "/srv/backups/shop.sql",
            "/var/backups/site.dump",
            "C:\\Users\\Administrator\\Desktop\\passwords.txt",
            "/home/u/password.kdbx",
            "/var/www/html/.DS_Store",
            "images/.DS_Store",
            "~/.config/gh/hosts.yml",
            // memory and port devices, the kernel's firmware tables, Spring Boot's jar
            "/dev/mem",
            "/u01/app/oracle/product/11.2.0/dbhome_1/network/admin/tnsnames.ora",
            "/var/opt/mssql/mssql.conf",
            "/dev/kmem",
            "/dev/port",
            "/sys/firmware/dmi/tables/DMI",
            "/sys/hypervisor/uuid",
            "/etc/passwd-",
            "/etc/shadow-",
            "BOOT-INF/classes/application.properties",
            "META-INF/MANIFEST.MF",
            "/home/dev/.config/rclone/rclone.conf",
            // any hidden entry of a user's home, by an absolute path
            "/home/git/.gitconfig",
            "/home/alice/.netrc",
            "/root/.my.cnf",
            "/root/.viminfo",
            "/Users/x/.git-credentials",
            "/Users/x/.zsh_history",
            "C:\\Users\\x\\.aws\\credentials",
            "C:\\Users\\x\\.gitconfig",
            "/home/deploy/.vault-token",
            "/home/alice/.mozilla/firefox/x.default/logins.json",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
        for v in [
            "/var/www/html",
            "/var/www/example.com/public_html",
            "/var/www/html/uploads/image.png",
            "/srv/http",
            "/opt/myapp/logs",
            "/opt/app/config.yml",
            "C:\\inetpub\\wwwroot",
            "C:\\Windows\\Fonts\\arial.ttf",
            "/ad/maiores.key",
            // (a bare `server.key`, `settings.py`, `appsettings.json` is an
            // application-tree secret since round 37: [`app_secret_file`])
            "server.pdf",
            "settings.pyc.txt",
            "appsettings.md",
            ".env.example",
            "win.ini.txt",
            "web.config.txt",
            // a hyphen goes on with another file's name; Finder's index uploaded alone
            "win.ini-tutorial.pdf",
            "win.ini-style-notes.txt",
            "web.config-notes.md",
            ".DS_Store",
            "/dev/memory-leaks",
            "/docs/network/administration",
            "/opt/mssql-tools/bin",
            "/blog/dev/port-forwarding",
            "docs/etc/hosts-generator",
            "/developer/port",
            "boot.ini.png",
            "id_rsa.pub",
            "/home/u/keys/id_rsa.pub",
            "C:/x is where i keep server.key",
            "https://github.com/user/repo.git/",
            "/usr/bin/passwd-helper",
            "/usr/bin/passwd",
            "C:\\Users\\me\\Documents\\cv.docx",
            "/home/me/photos/a.jpg",
            "/home/me/notes/password-policy.md",
            "my .DS_Store keeps showing up",
            "~/.config/Code/User/settings.json",
            // a home's visible folders, `~` (no file API expands it), a file name alone,
            // prose, a dot-file outside a home
            "~/Downloads/report.pdf",
            "/home/alice/projects/app",
            "/home/alice/projects/app/.eslintrc",
            "/Users/me/Documents/cv.docx",
            "~/.config/nvim/init.lua",
            "/home/me/.local/share/fonts/x.ttf",
            "/home/me/.cache/pip",
            ".gitconfig",
            "Edit ~/.bashrc to add the alias",
            "edit /home/alice/.bashrc to add the alias",
            "/home/.hidden",
            // (a relative `backup.sql` or `application.properties` is an application-tree
            // secret: [`app_secret_file`])
            "backup.png",
            "application.pdf",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
    }

    #[test]
    fn a_path_a_sentence_talks_about_after_a_drive_a_determiner_or_a_shebang() {
        for v in [
            "Error in file C:\\inetpub\\wwwroot\\index.aspx line 12",
            "Error in 'C:\\inetpub\\wwwroot\\web.config' on save",
            "the /bin/bash shell",
            "my ~/.ssh/id_rsa.pub key",
            "#!/bin/bash tutorial for beginners",
            "#!/bin/bash\necho hello",
            "Your /etc/passwd file lists accounts",
            "/etc/ (in linux this folder holds config)",
            "/var/log (where the logs live)",
        ] {
            assert!(!hit(v), "flagged {v:?}");
        }
        for v in [
            "C:\\inetpub\\wwwroot\\web.config",
            "file=C:\\inetpub\\wwwroot\\web.config",
            "type C:\\inetpub\\wwwroot\\web.config",
            "cat /etc/passwd",
            "/bin/bash",
            "../../../../bin/bash",
            "x;cat /etc/passwd",
            "/etc/passwd (",
            "/etc/passwd ('x')",
            "cat /etc/passwd ($(id))",
        ] {
            assert!(hit(v), "missed {v:?}");
        }
    }

    #[test]
    fn server_logs_answer_files_and_stored_credentials() {
        for v in [
            "c:/apache/logs/access.log",
            "/opt/lampp/logs/access_log",
            "c:/xampp/apache/conf/httpd.conf",
            "c:/windows/panther/unattend.xml",
            "c:/sysprep.inf",
            "c:/users/administrator/ntuser.dat",
            "/home/u/.pgpass",
            "~/.git-credentials",
            "/app/.env",
            "../../.env",
            "c:/program files/apache group/apache/logs/access.log",
            "c:/documents and settings/administrator/ntuser.dat",
            "/var/lib/mysql/mysql/user.myd",
            "/usr/local/pureftpd/etc/pureftpd.pdb",
        ] {
            assert!(names_sensitive_file(v), "missed {v:?}");
        }
        // a dot-file named alone, a template of it, a method, a URL segment
        for v in [
            "copy .env.example to .env",
            "the default location of the .netrc file",
            "program.env('PORT')",
            "/app/.env.example",
            "https://stackoverflow.com/tags/.netrc/info",
            "logs/access.log",
            "c: the drive holds win.ini",
        ] {
            assert!(!names_sensitive_file(v), "flagged {v:?}");
        }
    }

    #[test]
    fn serverless_code_and_container_app_settings() {
        for v in [
            "/var/task/index.js",
            "/var/task/lambda_function.py",
            "/var/runtime/bootstrap.py",
            "/data/gitea/conf/app.ini",
            "../custom/conf/app.ini",
        ] {
            assert!(names_sensitive_file(v), "missed {v:?}");
        }
        // not rooted: a page of a site, a sentence
        for v in ["/blog/var/task/list", "my var/task is done", "app.ini"] {
            assert!(!names_sensitive_file(v), "flagged {v:?}");
        }
        for name in ["config.py", "ormconfig.json", "knexfile.js", "settings.py"] {
            assert!(app_secret_name(name.as_bytes()), "missed {name:?}");
        }
        for name in ["config.png", "knexfile.md", "myconfig.py"] {
            assert!(!app_secret_name(name.as_bytes()), "flagged {name:?}");
        }
    }

    #[test]
    fn occurrences_are_those_of_match_indices() {
        let long = "etc".repeat(40);
        for (hay, needle) in [
            ("aaaa", "aa"),
            ("etcetc..etc", "etc"),
            ("", "etc"),
            ("etc", ""),
            ("x.windows.windowswindows", "windows"),
            (long.as_str(), "etc"),
            (long.as_str(), "tce"),
        ] {
            let want: Vec<usize> = hay
                .match_indices(needle)
                .map(|(i, _)| i)
                .take(MAX_HITS_PER_ENTRY)
                .collect();
            let finder = memchr::memmem::Finder::new(needle).into_owned();
            assert_eq!(
                occurrences(hay.as_bytes(), &finder).collect::<Vec<_>>(),
                want,
                "{hay} {needle}"
            );
        }
    }

    #[test]
    fn overlapping_walk_from_the_first_hit_finds_every_hit() {
        let long = "x/".repeat(300) + "etc/passwd and /proc/self/environ";
        for v in [
            "../../etc/passwd",
            "/etc/passwd%00/etc/shadow/etc/hosts",
            "c:/windows/system32/config/sam and win.ini boot.ini",
            "a.htaccess.htpasswd id_rsa.pub authorized_keys",
            "/var/log/apache2/access.log",
            long.as_str(),
            "WEB-INF/web.xml",
        ] {
            let ac = automaton();
            let first = ac.find(v).expect("names an entry");
            let all: Vec<_> = ac.find_overlapping_iter(v).collect();
            let from_first: Vec<_> = overlapping_hits(ac, v, first.end()).collect();
            assert_eq!(from_first, all, "{v}");
        }
        assert!(automaton().find("nothing sensitive here").is_none());
    }

    #[test]
    fn every_entry_holds_an_anchor_at_its_first_one() {
        for entry in ANYWHERE.iter().chain(ROOTED.iter()) {
            let at = first_anchor(entry.as_bytes());
            assert!(at.is_some(), "{entry} has no anchor");
            // Upper-cased as the automaton also matches it: the same anchor.
            assert_eq!(
                first_anchor(entry.to_ascii_uppercase().as_bytes()),
                at,
                "{entry}"
            );
        }
    }

    #[test]
    fn the_anchor_prefilter_finds_what_the_automaton_finds() {
        let long = "word ".repeat(40) + "x/etc/passwd";
        let sparse = "e.g. ".to_owned() + &"word ".repeat(40) + "id_rsa and " + &"x ".repeat(30);
        let joined = "a.b".repeat(30) + "/etc/shadow" + &"_".repeat(50) + "win.ini";
        let late = "x_".to_owned() + &"y".repeat(60) + "system32/config/sam";
        let dense = "<a href=\"docs/a_b.html\">x</a> ".repeat(20) + "see etc/passwd";
        let dense_clean = "<a href=\"docs/a_b.html\">x</a> ".repeat(20) + "the end";
        for v in [
            sparse.as_str(),
            dense.as_str(),
            dense_clean.as_str(),
            joined.as_str(),
            late.as_str(),
            "etc/passwd",
            "/etc/x_",
            "web-inf/web.xml win.ini",
            "aaaa_bbbb.c_d/e.htaccess",
            "see the list, etc. and more",
            "wait... what?",
            "</p><p>text</p>",
            "e.g. id_rsa",
            "/etc/passwd",
            "ETC/PASSWD",
            "a boot.ini b",
            long.as_str(),
            "3.5 cups",
            "_",
            "",
        ] {
            let by_automaton = automaton().find(v).map(|m| m.end());
            assert_eq!(first_hit_end(automaton(), v), by_automaton, "{v}");
            if by_automaton.is_some() {
                assert!(first_anchor(v.as_bytes()).is_some(), "{v}");
            }
        }
        assert!(first_anchor(b"see the list, etc. and </p>").is_none());
    }

    #[test]
    fn every_entry_is_kept_at_its_key_anchor_in_any_case_and_surrounding() {
        let mut next = crate::lcg(0x51_7cc1_b727_220a);
        const AROUND: &[&str] = &[
            "", "x", "/", ".", "_", " ", "é", "9", "-", "\n", "a/", "..", "~",
        ];
        for entry in ANYWHERE.iter().chain(ROOTED.iter()) {
            let k = key_anchor(entry.as_bytes());
            assert!(is_key_anchor(entry.as_bytes(), k), "{entry}");
            for _ in 0..40 {
                // the entry with each ASCII letter in a random case, between random neighbours
                let cased: String = entry
                    .chars()
                    .map(|c| {
                        if next(2) == 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                let before = AROUND[next(AROUND.len())];
                let text = format!("{before}{cased}{}", AROUND[next(AROUND.len())]);
                assert!(
                    is_key_anchor(text.as_bytes(), before.len() + k),
                    "{entry} in {text:?}"
                );
                let whole = automaton().find(text.as_str()).map(|m| m.end());
                assert!(whole.is_some(), "{text:?}");
                assert_eq!(first_hit_end(automaton(), &text), whole, "{text:?}");
            }
        }
    }

    #[test]
    fn anchors_no_entry_matches_around_open_no_window() {
        for (text, at) in [
            ("index.html", 5),
            ("docs/x", 4),
            ("ab.sql", 2),
            ("e.x", 1),
            ("3.5", 1),
            ("<img/>", 4),
            ("user_id", 4),
            ("example.com/path", 11),
        ] {
            assert!(is_anchor(text.as_bytes(), at), "{text}");
            assert!(!is_key_anchor(text.as_bytes(), at), "{text}");
        }
        for (text, at) in [
            ("/etc/x", 4),
            ("id_rsa", 2),
            ("a.htaccess", 1),
            ("WIN.INI", 3),
            ("c:\\WINDOWS/x", 10),
            ("~/.SSH/", 2),
        ] {
            assert!(is_key_anchor(text.as_bytes(), at), "{text}");
        }
    }

    #[test]
    fn windowed_search_agrees_with_the_whole_text_on_generated_texts() {
        // Texts glued from pieces of entries, anchors, markup and prose, long enough for
        // windows to join and to stay apart.
        const PIECES: &[&str] = &[
            "etc",
            "/",
            "passwd",
            "_",
            ".",
            "ini",
            "win",
            " ",
            "x",
            "a.b",
            "id_rsa",
            "proc/self/",
            "<p>",
            "</p>",
            "Boot",
            "system32",
            "-",
            "..",
            "word ",
            "longer prose here ",
        ];
        let mut next = crate::lcg(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let pieces = next(60);
            let text: String = (0..pieces).map(|_| PIECES[next(PIECES.len())]).collect();
            let whole = automaton().find(text.as_str()).map(|m| m.end());
            assert_eq!(first_hit_end(automaton(), &text), whole, "{text}");
        }
    }

    #[test]
    fn window_search_is_that_of_str_find() {
        for (w, n) in [
            ("xxpasswd", "passwd"),
            ("passwd", "passwd"),
            ("passw", "passwd"),
            ("", "etc"),
            ("abc", ""),
            ("ssshadow", "shadow"),
        ] {
            assert_eq!(
                find_in_window(w.as_bytes(), n.as_bytes()),
                w.find(n),
                "{w} {n}"
            );
        }
    }

    #[test]
    fn dot_pairs_found_per_dot_are_those_of_the_skeleton() {
        let long = "a.b ".repeat(1100) + "../..%%etc%%passwd";
        for v in [
            "..%%etc%%passwd",
            ". , .etc/passwd",
            "e.g. etc.",
            "wait... what etc/passwd",
            ".?.?windows??win.ini",
            ".",
            "a.b.c",
            long.as_str(),
        ] {
            let b = v.as_bytes();
            let per_dot = memchr::memchr_iter(b'.', b)
                .any(|i| b[i + 1..].iter().find(|&&c| skeleton_byte(c)) == Some(&b'.'));
            if b.len() <= SKELETON_BYTES {
                assert_eq!(per_dot, skeleton_has_dot_pair(b), "{v}");
            }
        }
        assert!(dotted_junk_path(&long));
    }

    #[test]
    fn one_pass_over_the_dots_answers_as_the_separate_scans() {
        let long = "a.b ".repeat(1100) + ". .";
        for v in [
            "..",
            ". .",
            ".?",
            ".x.",
            "a.b",
            "e.g. etc.",
            "wait... what",
            "x. , .y",
            ".",
            "",
            "..%%etc%%passwd",
            "a.)",
            long.as_str(),
        ] {
            let b = v.as_bytes();
            let d = Dots::of(b);
            assert_eq!(d.adjacent, memchr::memmem::find(b, b"..").is_some(), "{v}");
            let near = memchr::memchr_iter(b'.', b)
                .any(|i| matches!(b.get(i + 1), Some(b'.' | b'?')) || b.get(i + 2) == Some(&b'.'));
            assert_eq!(d.near, near, "{v}");
            if near {
                assert_eq!(skeleton_pair(b, d), skeleton_has_dot_pair(b), "{v}");
            }
        }
    }

    #[test]
    fn the_skeleton_keeps_what_the_byte_filter_keeps() {
        let long = "A.b-C d%e ".repeat(600);
        for v in [
            "",
            "..%%ETC%%passwd",
            "a\0b\u{e9}c/..//D-1.2",
            "é東京 x",
            "....",
            long.as_str(),
        ] {
            let by_filter: Vec<u8> = v
                .bytes()
                .filter(|&c| skeleton_byte(c))
                .take(SKELETON_BYTES)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            assert_eq!(skeleton_of(v.as_bytes()), by_filter, "{v}");
        }
        for c in 0..=255u8 {
            assert_eq!(SKELETON_LOWER[usize::from(c)] != 0, skeleton_byte(c), "{c}");
        }
    }

    #[test]
    fn the_searchers_set_up_once_find_what_the_dispatched_ones_find() {
        let long = "<a href=\"docs/a_b.html\">x</a> e.g. ".repeat(30) + "see etc/passwd..";
        for v in [
            "",
            ".",
            "a_b/c.d",
            "wait... what",
            "/etc/passwd",
            "x_".repeat(40).as_str(),
            long.as_str(),
        ] {
            let b = v.as_bytes();
            assert_eq!(
                first_hit_end(automaton(), v),
                first_hit_end_from(automaton(), v, memchr::memchr3_iter(b'/', b'_', b'.', b)),
                "{v}"
            );
            assert_eq!(
                Dots::of(b),
                Dots::from_dots(b, memchr::memchr_iter(b'.', b)),
                "{v}"
            );
        }
    }

    /// [`dotted_junk_path`] by its plain definition: dots near each other, two dots in a
    /// row in the skeleton, and a [`LOOSE`] path searched for in the whole skeleton, without
    /// the pairs that turn values away first.
    fn dotted_junk_path_plain(canon: &str) -> bool {
        let b = canon.as_bytes();
        let near = memchr::memchr_iter(b'.', b)
            .any(|i| matches!(b.get(i + 1), Some(b'.' | b'?')) || b.get(i + 2) == Some(&b'.'));
        let skeleton = skeleton_of(b);
        near && skeleton_has_dot_pair(b)
            && LOOSE
                .iter()
                .zip(loose_finders())
                .any(|(parts, first)| loose_match(&skeleton, parts, first))
    }

    #[test]
    fn the_pairs_turn_away_only_values_without_a_loose_path() {
        let mut next = crate::lcg(0x1005e);
        let words = [
            "etc", "passwd", "shadow", "windows", "system32", "win.ini", "boot.ini", "proc",
            "self", "var", "log", "www", "web-inf", "web.xml", "hosts", "group", "..", ".", "?",
            " ", "%", "/", "x", "wait...", "e.g.",
        ];
        for _ in 0..20_000 {
            let n = 1 + next(8);
            let v: String = (0..n).map(|_| words[next(words.len())]).collect();
            assert_eq!(dotted_junk_path(&v), dotted_junk_path_plain(&v), "{v:?}");
        }
        let long = "a.b ".repeat(1100) + "..etc%%passwd";
        assert_eq!(dotted_junk_path(&long), dotted_junk_path_plain(&long));
        for (path, pairs) in LOOSE.iter().zip(LOOSE_PAIRS.iter()) {
            let expected: usize = path.iter().map(|p| p.len() - 1).sum();
            assert_eq!(pairs.len(), expected, "{path:?}");
        }
    }

    #[test]
    fn mangled_separators_between_dots() {
        assert!(dotted_junk_path("..%%etc%%passwd"));
        assert!(dotted_junk_path("..?..?windows??win.ini"));
        assert!(!dotted_junk_path("wait... the etc. list"));
    }

    /// A dev server's file route with its query (`/@fs/…/.env.production?raw`) and Apache's
    /// password file under another name are secrets; the `htpasswd` program and a dotenv
    /// template are not.
    #[test]
    fn secret_files_behind_a_query_or_renamed() {
        use crate::{traversal::detect, Context};
        for v in [
            "/@fs/home/node/app/.env.production?import&?raw",
            "/srv/app/.env.local?raw",
            "/usr/local/nagios/etc/htpasswd.users",
            // an XML document's text (a file server's include list)
            "<INCLUDE>/etc/passwd</INCLUDE>",
            "/srv/app/instance/config.py",
        ] {
            assert!(detect(v, Context::Param).is_some(), "missed {v:?}");
        }
        for v in [
            "/usr/bin/htpasswd",
            "/app/.env.example?raw",
            "htpasswd.users is missing",
            // a path quoted in rich text is documentation, no XML document of data
            "<code>/etc/passwd</code>",
        ] {
            assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
        }
    }
}
