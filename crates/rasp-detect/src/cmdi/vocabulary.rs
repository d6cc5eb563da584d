//! Known executables and shell built-ins (Unix, Windows cmd, PowerShell). A command
//! vocabulary is domain knowledge: it says which words a shell would run, not which payloads
//! were seen.

/// How much evidence a command word needs before it counts as a started command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// An ordinary English word too (`cat`, `time`, `find`, `echo`): needs shell-shaped
    /// arguments (options, absolute paths, variables, redirections) or a tight context.
    Word,
    /// A tool name people also write in prose about software (`python`, `curl`, `docker`):
    /// needs a tight separator or arguments.
    Tool,
    /// Never anything but a command (`whoami`, `ifconfig`, `/bin/sh`).
    Exotic,
}

/// Sorted for binary search; lower-case; Windows names without `.exe`. PowerShell's own
/// aliases (`sl`, `gps`, `spps`, `sls`, `gcm`, …) are [`Tier::Word`]: a separator or
/// arguments must go with them. Aliases that are also abbreviations in prose (`gl` good
/// luck, `gal` gallon, `ft`, `mi`, `gi`) are left out.
static COMMANDS: &[(&str, Tier)] = &[
    ("7z", Tool),
    ("aa-complain", Exotic),
    ("aa-disable", Exotic),
    ("aa-enforce", Exotic),
    ("aa-exec", Exotic),
    ("aa-status", Exotic),
    ("alias", Word),
    ("ansible", Tool),
    ("ansible-config", Exotic),
    ("ansible-playbook", Exotic),
    ("apachectl", Exotic),
    ("apt", Tool),
    ("apt-get", Exotic),
    ("aptitude", Exotic),
    ("aria2c", Tool),
    ("arp", Tool),
    ("attrib", Exotic),
    ("awk", Exotic),
    // Cloud CLIs act with the server's own cloud credentials (`aws s3 ls`, `az account
    // show`, `gsutil cat gs://…`).
    ("aws", Tool),
    ("az", Tool),
    ("base32", Exotic),
    ("base64", Exotic),
    ("bash", Exotic),
    ("bcdboot", Exotic),
    ("bcdedit", Exotic),
    ("bitsadmin", Exotic),
    ("busybox", Exotic),
    ("bzcat", Exotic),
    ("bzip2", Tool),
    ("c89", Tool),
    ("c99", Tool),
    ("cacls", Exotic),
    ("calc", Tool),
    ("call", Word),
    ("capsh", Exotic),
    ("cat", Word),
    ("cc", Word),
    ("cd", Word),
    ("certutil", Exotic),
    ("chattr", Exotic),
    ("chcp", Exotic),
    ("chef", Tool),
    ("chef-client", Exotic),
    ("chef-run", Exotic),
    ("chef-shell", Exotic),
    ("chgrp", Exotic),
    ("chmod", Exotic),
    ("chown", Exotic),
    ("chroot", Exotic),
    ("cls", Tool),
    ("clv", Word),
    ("cmd", Tool),
    ("cmdkey", Exotic),
    ("cmstp", Exotic),
    ("compgen", Exotic),
    ("copy", Word),
    ("cp", Tool),
    ("cpi", Word),
    ("cpulimit", Exotic),
    ("crackmapexec", Exotic),
    ("crontab", Exotic),
    ("csc", Tool),
    ("cscli", Exotic),
    ("cscript", Exotic),
    ("csh", Exotic),
    ("csvde", Exotic),
    ("curl", Tool),
    ("cut", Word),
    ("dash", Word),
    ("date", Word),
    ("dd", Word),
    ("del", Word),
    ("deno", Tool),
    ("df", Tool),
    ("diff", Word),
    ("dig", Word),
    ("dir", Word),
    ("diskpart", Exotic),
    ("diskshadow", Exotic),
    ("disown", Exotic),
    ("dmesg", Exotic),
    ("dnf", Tool),
    ("doas", Exotic),
    ("docker", Tool),
    ("dotnet", Tool),
    ("dpkg", Exotic),
    ("driverquery", Exotic),
    ("dsquery", Exotic),
    ("du", Word),
    ("echo", Word),
    ("egrep", Exotic),
    ("elinks", Exotic),
    ("emacs", Tool),
    ("env", Word),
    ("epcsv", Word),
    ("erl", Tool),
    ("esentutl", Exotic),
    ("eval", Word),
    ("ex", Word),
    ("exec", Word),
    ("expr", Tool),
    ("extrac32", Exotic),
    ("false", Word),
    ("fdisk", Exotic),
    ("fetch", Word),
    ("fgrep", Exotic),
    ("file", Word),
    ("find", Word),
    ("findstr", Exotic),
    ("finger", Word),
    ("flock", Exotic),
    ("for", Word),
    ("forfiles", Exotic),
    ("free", Word),
    ("fsutil", Exotic),
    ("ftp", Tool),
    ("gawk", Exotic),
    // PowerShell's alias of Get-Content; "GC" is garbage collection in prose (see ENGLISH).
    ("gc", Word),
    ("gcb", Word),
    ("gcc", Tool),
    ("gci", Exotic),
    ("gcim", Word),
    ("gcloud", Tool),
    ("gcm", Word),
    ("gdb", Tool),
    ("getcap", Exotic),
    ("getenforce", Exotic),
    ("getent", Exotic),
    ("getfacl", Exotic),
    ("git", Tool),
    ("gjb", Word),
    ("gpresult", Exotic),
    ("gps", Word),
    ("grep", Exotic),
    ("groups", Word),
    ("gsutil", Tool),
    ("gsv", Word),
    ("gunzip", Exotic),
    ("gwmi", Exotic),
    ("gzip", Tool),
    ("halt", Word),
    ("head", Word),
    ("hexdump", Exotic),
    ("history", Word),
    ("host", Word),
    ("hostname", Tool),
    ("hostnamectl", Exotic),
    ("hping3", Exotic),
    ("htop", Exotic),
    ("icacls", Exotic),
    ("icm", Tool),
    ("id", Word),
    ("ie4uinit", Exotic),
    ("iex", Exotic),
    ("ifconfig", Exotic),
    ("ifdown", Exotic),
    ("ifup", Exotic),
    ("insmod", Exotic),
    ("installutil", Exotic),
    ("invoke-expression", Exotic),
    ("invoke-restmethod", Exotic),
    ("invoke-webrequest", Exotic),
    ("ionice", Exotic),
    ("ip", Word),
    ("ipconfig", Exotic),
    ("ipcsv", Word),
    ("ipmo", Exotic),
    ("iptables", Exotic),
    ("irb", Exotic),
    ("irm", Exotic),
    ("iwconfig", Exotic),
    ("iwmi", Exotic),
    ("iwr", Exotic),
    ("java", Tool),
    ("jjs", Exotic),
    ("journalctl", Exotic),
    ("jrunscript", Exotic),
    ("kill", Word),
    ("killall", Exotic),
    ("klist", Exotic),
    ("knife", Tool),
    ("ksh", Exotic),
    ("kubectl", Exotic),
    ("last", Word),
    ("lastlog", Exotic),
    ("lastlogin", Exotic),
    ("ldd", Exotic),
    ("less", Word),
    ("ln", Word),
    ("locate", Word),
    ("loginctl", Exotic),
    ("logname", Exotic),
    ("losetup", Exotic),
    ("ls", Exotic),
    ("lsattr", Exotic),
    ("lsb_release", Exotic),
    ("lsblk", Exotic),
    ("lscpu", Exotic),
    ("lsmod", Exotic),
    ("lsns", Exotic),
    ("lsof", Exotic),
    ("lspci", Exotic),
    ("lsusb", Exotic),
    ("ltrace", Exotic),
    ("lua", Tool),
    ("lwp-download", Exotic),
    ("lwp-request", Exotic),
    ("lynx", Tool),
    ("mail", Word),
    ("man", Word),
    ("masscan", Exotic),
    ("mawk", Exotic),
    ("md5sum", Exotic),
    ("mesg", Exotic),
    ("mimikatz", Exotic),
    ("mkdir", Exotic),
    ("mkfifo", Exotic),
    ("mkfs", Exotic),
    ("mklink", Exotic),
    ("mknod", Exotic),
    ("modprobe", Exotic),
    ("mongo", Tool),
    ("mongosh", Exotic),
    ("more", Word),
    ("mount", Word),
    ("move", Word),
    ("msbuild", Exotic),
    ("msfvenom", Exotic),
    ("mshta", Exotic),
    ("msiexec", Exotic),
    ("mspaint", Exotic),
    ("mv", Tool),
    ("mysql", Tool),
    ("nawk", Exotic),
    ("nbtstat", Exotic),
    ("nc", Tool),
    ("ncat", Exotic),
    ("net", Word),
    ("net1", Exotic),
    ("netcat", Exotic),
    ("netsh", Exotic),
    ("netstat", Exotic),
    ("nginx", Tool),
    ("nl", Word),
    ("nltest", Exotic),
    ("nmap", Exotic),
    ("nmcli", Exotic),
    ("nmo", Word),
    ("node", Tool),
    ("nohup", Exotic),
    ("notepad", Tool),
    ("nping", Exotic),
    ("nproc", Exotic),
    ("nsenter", Exotic),
    ("nslookup", Exotic),
    ("ntdsutil", Exotic),
    ("nvram", Exotic),
    ("odbcconf", Exotic),
    ("openfiles", Exotic),
    ("openssl", Tool),
    ("openvpn", Tool),
    ("passwd", Tool),
    ("pathping", Exotic),
    ("pcalua", Exotic),
    ("perf", Tool),
    ("perl", Tool),
    ("pgrep", Exotic),
    ("php", Tool),
    ("php-cgi", Exotic),
    ("ping", Word),
    ("pip", Tool),
    ("pip3", Exotic),
    ("pipx", Exotic),
    ("pkexec", Exotic),
    ("pkill", Exotic),
    ("plink", Exotic),
    ("popd", Exotic),
    ("poweroff", Exotic),
    ("powershell", Exotic),
    ("powershell_ise", Exotic),
    ("print", Word),
    ("printenv", Exotic),
    ("printf", Tool),
    ("procdump", Exotic),
    ("ps", Word),
    ("pscp", Exotic),
    ("psexec", Exotic),
    ("psql", Tool),
    ("pushd", Exotic),
    ("pwd", Exotic),
    ("pwsh", Exotic),
    ("python", Tool),
    ("python2", Exotic),
    ("python3", Exotic),
    ("quser", Exotic),
    ("qwinsta", Exotic),
    ("rcp", Exotic),
    ("rd", Word),
    ("readlink", Exotic),
    ("reboot", Word),
    ("redis-cli", Exotic),
    ("reg", Word),
    ("regasm", Exotic),
    ("regedit", Exotic),
    ("regsvcs", Exotic),
    ("regsvr32", Exotic),
    ("ren", Word),
    ("rev", Word),
    ("rjb", Word),
    ("rlogin", Exotic),
    ("rm", Tool),
    ("rmdir", Exotic),
    ("rmmod", Exotic),
    ("rmt", Exotic),
    ("rni", Word),
    ("robocopy", Exotic),
    ("route", Word),
    ("rpcclient", Exotic),
    ("rpm", Tool),
    ("rsh", Exotic),
    ("rsync", Tool),
    ("ruby", Tool),
    ("run-parts", Exotic),
    ("runas", Exotic),
    ("rundll32", Exotic),
    ("runuser", Exotic),
    ("rvpa", Word),
    ("rwmi", Word),
    ("sajb", Word),
    ("saps", Exotic),
    ("sasv", Word),
    ("sc", Word),
    ("scb", Word),
    ("schtasks", Exotic),
    ("scp", Tool),
    ("screen", Word),
    ("sed", Tool),
    ("service", Word),
    ("sestatus", Exotic),
    ("set", Word),
    ("setcap", Exotic),
    ("setenforce", Exotic),
    ("setfacl", Exotic),
    ("setsid", Exotic),
    ("setspn", Exotic),
    ("setx", Exotic),
    ("sftp", Tool),
    ("sh", Tool),
    ("sha1sum", Exotic),
    ("sha256sum", Exotic),
    ("showmount", Exotic),
    ("shred", Tool),
    ("shuf", Exotic),
    ("shutdown", Tool),
    ("sl", Word),
    ("sleep", Word),
    ("sls", Word),
    ("smbclient", Exotic),
    ("smbexec", Exotic),
    ("socat", Exotic),
    ("sort", Word),
    ("source", Word),
    ("spps", Word),
    ("spsv", Word),
    ("sqlcmd", Exotic),
    ("sqlite3", Tool),
    ("sqlmap", Exotic),
    ("ss", Word),
    ("ssh", Tool),
    ("ssh-copy-id", Exotic),
    ("ssh-keygen", Exotic),
    ("sshpass", Exotic),
    ("start", Word),
    ("stat", Word),
    ("stdbuf", Exotic),
    ("strace", Exotic),
    ("strings", Word),
    ("su", Word),
    ("sudo", Tool),
    ("sudoedit", Exotic),
    ("swmi", Word),
    ("sysctl", Exotic),
    ("sysinfo", Exotic),
    ("systemctl", Exotic),
    ("systemd-run", Exotic),
    ("systeminfo", Exotic),
    ("tac", Word),
    ("tail", Word),
    ("takeown", Exotic),
    ("tar", Tool),
    ("taskkill", Exotic),
    ("tasklist", Exotic),
    ("taskset", Exotic),
    ("tclsh", Exotic),
    ("tcpdump", Exotic),
    ("tcsh", Exotic),
    ("tee", Word),
    ("telnet", Tool),
    ("telnetd", Exotic),
    ("terraform", Tool),
    ("test", Word),
    ("tftp", Exotic),
    ("time", Word),
    ("timedatectl", Exotic),
    ("timeout", Word),
    ("tmux", Tool),
    ("top", Word),
    ("touch", Word),
    ("tr", Word),
    ("traceroute", Exotic),
    ("tracert", Exotic),
    ("trap", Word),
    ("true", Word),
    ("tshark", Exotic),
    ("tskill", Exotic),
    ("type", Word),
    // OpenWrt's configuration tool: `uci set …; uci commit` rewrites a router's settings.
    ("uci", Tool),
    ("uconv", Exotic),
    ("ufw", Exotic),
    ("ulimit", Exotic),
    ("umask", Exotic),
    ("uname", Exotic),
    ("uniq", Word),
    ("unset", Word),
    ("unshare", Exotic),
    ("unzip", Tool),
    ("uptime", Tool),
    ("useradd", Exotic),
    ("usermod", Exotic),
    ("usleep", Exotic),
    ("uudecode", Exotic),
    ("uuencode", Exotic),
    ("ver", Word),
    ("vi", Word),
    ("vim", Tool),
    ("visudo", Exotic),
    ("vssadmin", Exotic),
    ("w3m", Exotic),
    ("wall", Word),
    ("wbadmin", Exotic),
    ("wc", Word),
    ("wevtutil", Exotic),
    ("wget", Exotic),
    ("whereis", Exotic),
    ("which", Word),
    ("who", Word),
    ("whoami", Exotic),
    ("whois", Tool),
    ("winrs", Exotic),
    ("wipefs", Exotic),
    ("wmic", Exotic),
    ("wmiexec", Exotic),
    ("write", Word),
    ("wscript", Exotic),
    ("wsl", Exotic),
    ("xargs", Exotic),
    ("xcopy", Exotic),
    ("xmrig", Exotic),
    ("xterm", Exotic),
    ("xxd", Exotic),
    ("xzcat", Exotic),
    ("yum", Tool),
    ("zcat", Exotic),
    ("zip", Word),
    ("zsh", Exotic),
    ("zstdcat", Exotic),
];

use Tier::{Exotic, Tool, Word};

/// PowerShell verbs whose cmdlets run code, fetch data or change the system.
const PS_VERBS: &[&str] = &[
    "add",
    "copy",
    "get",
    "invoke",
    "new",
    "out",
    "remove",
    "set",
    "start",
    "stop",
    "write",
    "import",
    "convertto",
    "convertfrom",
    "select",
    "where",
    "foreach",
    "format",
    "measure",
    "test",
    "restart",
    "resolve",
];

/// Bytes in the longest verb of [`PS_VERBS`].
pub const LONGEST_PS_VERB: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < PS_VERBS.len() {
        if PS_VERBS[i].len() > longest {
            longest = PS_VERBS[i].len();
        }
        i += 1;
    }
    longest
};

/// Nouns of PowerShell cmdlets (with a verb from [`PS_VERBS`]) that an attacker uses.
const PS_NOUNS: &[&str] = &[
    "acl",
    "sleep",
    "alias",
    "childitem",
    "ciminstance",
    "command",
    "content",
    "executionpolicy",
    "expression",
    "item",
    "itemproperty",
    "localuser",
    "object",
    "process",
    "restmethod",
    "service",
    "variable",
    "webrequest",
    "wmiobject",
    "securestring",
    "list",
    "table",
    "connection",
    "netconnection",
    "computer",
    "dnsname",
    "job",
    "module",
];

/// Commands that are never a word, a name or a product in any language, and that an
/// attacker runs bare to learn who and where they are: such a word alone as a whole value is a
/// command line. (Tool names people search for, `netstat`, `nslookup`, stay out; so do
/// the short abbreviations ordinary data writes, `ls` and `pwd` ("password") like `id`,
/// `ps`, `env` and `who`: a sort key, a field name or a search term, and what they print
/// alone is no secret.)
const ALONE: &[&str] = &[
    "driverquery",
    "getenforce",
    "gpresult",
    "hostnamectl",
    "ifconfig",
    "ipconfig",
    "lsb_release",
    "printenv",
    "qwinsta",
    "sestatus",
    "systeminfo",
    "tasklist",
    "uname",
    "whoami",
];

/// [`Tier::Word`] commands that are everyday English words (`more`, `date`, `sort`) or
/// abbreviations prose uses (`gc`, garbage collection), as opposed to abbreviations only a
/// shell knows (`id`, `dir`, `ver`, `env`): after a number or
/// an address (`Save 10% & more`, `3 | date`) they are prose unless shell arguments follow.
/// Also [`Tier::Tool`] names that are everyday nouns (`knife`, `chef`, `java`, `ruby`):
/// `fork & knife` joins two nouns.
const ENGLISH: &[&str] = &[
    "alias", "call", "cat", "chef", "copy", "cut", "dash", "date", "diff", "dig", "false", "fetch",
    "file", "gc", "find", "finger", "for", "free", "groups", "head", "history", "host", "java",
    "kill", "knife", "last", "less", "locate", "mail", "man", "more", "mount", "move", "net",
    "node", "ping", "print", "route", "ruby", "screen", "service", "set", "shred", "sleep", "sort",
    "source", "start", "stat", "strings", "tail", "test", "time", "timeout", "top", "touch",
    "trap", "true", "type", "wall", "which", "who", "write", "zip",
];

/// [`Tier::Word`] commands that Windows' cmd also runs. cmd and PowerShell ignore case; a
/// Unix shell does not, so `Cat` or `Head` at the start of a value runs nothing on Linux.
const WINDOWS_WORDS: &[&str] = &[
    "call", "cd", "copy", "date", "del", "dir", "echo", "find", "for", "more", "move", "net",
    "ping", "print", "rd", "reg", "ren", "route", "sc", "set", "sort", "start", "time", "timeout",
    "type", "ver",
];

/// Whether a [`Tier::Word`] command runs under Windows too, where its case does not matter.
pub fn is_windows_word(word: &[u8]) -> bool {
    std::str::from_utf8(word).is_ok_and(|w| WINDOWS_WORDS.contains(&w))
}

/// Commands cmd runs besides [`WINDOWS_WORDS`]: its other built-ins (`del`, `md`, `cls`)
/// and programs Windows ships (or installs with its usual tools) that an attacker runs.
const WINDOWS_PROGRAMS: &[&str] = &[
    "arp",
    "assoc",
    "attrib",
    "bcdedit",
    "bitsadmin",
    "cacls",
    "calc",
    "certutil",
    "cipher",
    "cls",
    "cmd",
    "cmdkey",
    "cscript",
    "curl",
    "del",
    "diskpart",
    "dsquery",
    "erase",
    "expand",
    "explorer",
    "findstr",
    "forfiles",
    "ftp",
    "ftype",
    "getmac",
    "hostname",
    "icacls",
    "ipconfig",
    "klist",
    "makecab",
    "md",
    "mkdir",
    "mshta",
    "msiexec",
    "nbtstat",
    "net1",
    "netsh",
    "netstat",
    "nltest",
    "notepad",
    "nslookup",
    "pathping",
    "powershell",
    "pwsh",
    "query",
    "quser",
    "qwinsta",
    "rasdial",
    "regsvr32",
    "rmdir",
    "robocopy",
    "rundll32",
    "runas",
    "schtasks",
    "setx",
    "shutdown",
    "systeminfo",
    "tar",
    "taskkill",
    "tasklist",
    "tftp",
    "tracert",
    "tree",
    "vssadmin",
    "wevtutil",
    "where",
    "whoami",
    "wmic",
    "wscript",
    "xcopy",
];

/// Whether `word` (as read: any case, with a directory or not, `.exe` or not) is a command
/// cmd can run: one of its built-ins or a program Windows ships.
pub fn runs_on_windows(word: &[u8]) -> bool {
    let base = word
        .rsplit(|&c| c == b'/' || c == b'\\')
        .next()
        .unwrap_or(word);
    let lower = base.to_ascii_lowercase();
    let name = lower.strip_suffix(b".exe").unwrap_or(&lower);
    std::str::from_utf8(name)
        .is_ok_and(|w| WINDOWS_WORDS.contains(&w) || WINDOWS_PROGRAMS.contains(&w))
}

/// Whether `word` is a command name that is also an everyday English word ([`ENGLISH`]).
pub fn is_english(word: &[u8]) -> bool {
    std::str::from_utf8(word).is_ok_and(|w| ENGLISH.contains(&w))
}

/// Whether `word` (lower-case, without `.exe`) is a command that runs bare (see [`ALONE`]).
pub fn runs_alone(word: &str) -> bool {
    ALONE.contains(&word)
}

/// Whether `verb` (lower-case) is one of the PowerShell verbs of [`PS_VERBS`].
pub fn is_powershell_verb(verb: &str) -> bool {
    PS_VERBS.contains(&verb)
}

/// Whether `word` (lower-case) is a PowerShell `Verb-Noun` cmdlet of [`PS_VERBS`] and
/// [`PS_NOUNS`] (`get-process`, `invoke-webrequest`).
pub fn is_cmdlet(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(verb, noun)| PS_VERBS.contains(&verb) && PS_NOUNS.contains(&noun))
        || word.starts_with("invoke-")
}

/// The tier of a command word (lower-case, without directory or `.exe`), if it is one.
pub fn lookup(word: &str) -> Option<Tier> {
    lookup_bytes(word.as_bytes())
}

/// [`lookup`] of a word given as bytes: the names compared are ASCII, so a word read from a
/// value needs no UTF-8 check first.
pub fn lookup_bytes(word: &[u8]) -> Option<Tier> {
    if !may_name_command(word) {
        return None;
    }
    lookup_unfiltered(word)
}

/// [`lookup_bytes`] without the [`may_name_command`] filter.
fn lookup_unfiltered(word: &[u8]) -> Option<Tier> {
    if let Some(t) = exact(word) {
        return Some(t);
    }
    // Families of DevOps tools (`ansible-galaxy`, `chef-vault`, `docker-compose`).
    if matches!(word.first(), Some(b'a' | b'c' | b'd' | b'k' | b'r'))
        && FAMILIES
            .iter()
            .any(|p| word.len() > p.len() + 1 && word.starts_with(p.as_bytes()))
        // The project, not a program: `kubectl`, `kubeadm`, `kubelet` are.
        && !word.starts_with(b"kubernetes")
    {
        return Some(Exotic);
    }
    // The first `-` found byte by byte: words are short, and most have none.
    let dash = word.iter().position(|&b| b == b'-');
    if let Some((verb, noun)) = dash.map(|d| (&word[..d], &word[d + 1..])) {
        if PS_VERBS.iter().any(|v| v.as_bytes() == verb)
            && PS_NOUNS.iter().any(|n| n.as_bytes() == noun)
        {
            return Some(Exotic);
        }
    }
    None
}

/// Whether [`lookup_bytes`] can know `word` or a name `word` opens (a versioned name such as
/// `python3.10` is looked up by its leading name, which shares the word's first two bytes):
/// every name it answers for opens with the first two bytes of a name in [`COMMANDS`], of a
/// DevOps family prefix or of a PowerShell verb. Most words of prose and data open with a
/// pair no command has, and skip the lookups.
pub fn may_name_command(word: &[u8]) -> bool {
    match word {
        [a, b, ..] => {
            let i = pair_index(*a, *b);
            PREFIX_PAIRS[i / 64] & (1 << (i % 64)) != 0
        }
        // A one-byte word (or none) is looked up as it is.
        _ => true,
    }
}

/// The DevOps families [`lookup_bytes`] knows by prefix.
const FAMILIES: [&str; 5] = ["ansible-", "chef-", "docker-", "kube", "rmt-"];

/// Index of a pair of bytes in [`PREFIX_PAIRS`]; a pair with a non-ASCII byte shares a slot
/// with an ASCII pair, which can only make [`may_name_command`] answer yes more often.
const fn pair_index(a: u8, b: u8) -> usize {
    ((a & 0x7f) as usize) << 7 | (b & 0x7f) as usize
}

/// The first two bytes of every name [`lookup_bytes`] can answer for (see
/// [`may_name_command`]), one bit per pair of 7-bit bytes, built at compile time.
static PREFIX_PAIRS: [u64; 128 * 128 / 64] = {
    let mut t = [0u64; 128 * 128 / 64];
    let mut i = 0;
    while i < COMMANDS.len() {
        t = with_pair(t, COMMANDS[i].0.as_bytes());
        i += 1;
    }
    let mut i = 0;
    while i < PS_VERBS.len() {
        t = with_pair(t, PS_VERBS[i].as_bytes());
        i += 1;
    }
    let mut i = 0;
    while i < FAMILIES.len() {
        t = with_pair(t, FAMILIES[i].as_bytes());
        i += 1;
    }
    let mut i = 0;
    while i < KEYWORDS.len() {
        t = with_pair(t, KEYWORDS[i].as_bytes());
        i += 1;
    }
    t
};

/// Shell keywords the command judge reads in command position although no lookup knows
/// them (`function f { id; }`): their pairs must pass [`may_name_command`] too.
const KEYWORDS: [&str; 1] = ["function"];

/// `t` with the bit of the first two bytes of `name` set (a shorter name sets none: the
/// one-byte words are never filtered).
const fn with_pair(mut t: [u64; 128 * 128 / 64], name: &[u8]) -> [u64; 128 * 128 / 64] {
    if name.len() >= 2 {
        let i = pair_index(name[0], name[1]);
        t[i / 64] |= 1 << (i % 64);
    }
    t
}

/// Start of each first letter's range in [`COMMANDS`]: `FIRST[c - b'0']..FIRST[c - b'0' + 1]`
/// for a first byte `c` in `'0'..='z'`, computed at compile time.
static FIRST: [u16; 76] = {
    let mut t = [0u16; 76];
    let mut c = 0;
    while c < 76 {
        // The first entry whose first byte is not below `'0' + c`.
        let mut i = 0;
        while i < COMMANDS.len() && COMMANDS[i].0.as_bytes()[0] < b'0' + c as u8 {
            i += 1;
        }
        t[c] = i as u16;
        c += 1;
    }
    t
};

/// A set of [`SHAPE_BITS`] bits, the [`shape`]s of the names in [`COMMANDS`], built at
/// compile time: most words of prose have a shape no command has and skip the search (with
/// a few hundred names, about one word in twenty that is no command shares a shape).
static SHAPES: [u64; SHAPE_BITS / 64] = {
    let mut t = [0u64; SHAPE_BITS / 64];
    let mut i = 0;
    while i < COMMANDS.len() {
        let h = shape(COMMANDS[i].0.as_bytes());
        t[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    t
};

/// Bits in [`SHAPES`].
const SHAPE_BITS: usize = 8192;

/// A hash of a word's length and its first, second and last bytes, below [`SHAPE_BITS`].
const fn shape(w: &[u8]) -> usize {
    if w.is_empty() {
        return 0;
    }
    let second = if w.len() > 1 { w[1] } else { 0 };
    let mut h: u32 = 0x811c_9dc5;
    let parts = [w.len() as u8, w[0], second, w[w.len() - 1]];
    let mut i = 0;
    while i < parts.len() {
        h = (h ^ parts[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    (h ^ (h >> 16)) as usize % SHAPE_BITS
}

/// The tier of `word` in [`COMMANDS`]: a binary search within its first letter's range.
fn exact(word: &[u8]) -> Option<Tier> {
    let h = shape(word);
    if SHAPES[h / 64] & (1 << (h % 64)) == 0 {
        return None;
    }
    let first = usize::from(*word.first()?);
    if !(usize::from(b'0')..=usize::from(b'z')).contains(&first) {
        return None;
    }
    let c = first - usize::from(b'0');
    let range = &COMMANDS[usize::from(FIRST[c])..usize::from(FIRST[c + 1])];
    range
        .binary_search_by(|(w, _)| w.as_bytes().cmp(word))
        .ok()
        .map(|i| range[i].1)
}

/// Whether a glob (`c?t`, `ca*`, `[c]at`) matches a known command of at least `min` tier.
pub fn glob_matches_command(pattern: &str, min: Tier) -> bool {
    // The letters before the first wildcard must open the command: only the commands with
    // that prefix (a range of the sorted table) can match.
    let p = pattern.as_bytes();
    let literal = p
        .iter()
        .position(|c| matches!(c, b'?' | b'*' | b'['))
        .unwrap_or(p.len());
    let prefix = &p[..literal];
    // Each element but `*` matches one byte: a command of another length cannot match.
    let (elements, star) = glob_elements(p);
    if prefix.is_empty() {
        // No literal letters open it (`?at`, `[c]at`, `*mi`): every command is a candidate,
        // so only those of a length it can match are tried.
        let t = by_length();
        let lo = elements.min(t.len());
        let hi = if star {
            t.len()
        } else {
            (elements + 1).min(t.len())
        };
        return t[lo..hi]
            .iter()
            .flatten()
            .map(|&i| &COMMANDS[usize::from(i)])
            .any(|(w, t)| *t >= min && glob_match(p, w.as_bytes()));
    }
    let from = COMMANDS.partition_point(|(w, _)| w.as_bytes() < prefix);
    COMMANDS[from..]
        .iter()
        .take_while(|(w, _)| w.as_bytes().starts_with(prefix))
        .filter(|(w, _)| w.len() == elements || (star && w.len() > elements))
        .any(|(w, t)| *t >= min && glob_match(p, w.as_bytes()))
}

/// Positions in [`COMMANDS`] of the names of each length, built once.
fn by_length() -> &'static [Vec<u16>] {
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<u16>>> = std::sync::OnceLock::new();
    BY_LENGTH.get_or_init(|| {
        let longest = COMMANDS.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let mut t = vec![Vec::new(); longest + 1];
        for (i, (w, _)) in COMMANDS.iter().enumerate() {
            t[w.len()].push(u16::try_from(i).expect("the command table has under 65,536 names"));
        }
        t
    })
}

/// How many one-byte elements a glob has (a literal, `?`, or a closed `[...]` class, as
/// [`glob_match`] reads them) and whether it has a `*`.
fn glob_elements(p: &[u8]) -> (usize, bool) {
    let (mut n, mut star, mut i) = (0, false, 0);
    while i < p.len() {
        match p[i] {
            b'*' => star = true,
            b'[' => {
                n += 1;
                if let Some(close) = p[i + 1..].iter().position(|&x| x == b']') {
                    i += close + 1;
                }
            }
            _ => n += 1,
        }
        i += 1;
    }
    (n, star)
}

/// Glob matcher for `?`, `*` and `[...]` (with `!`/`^` negation): the classic two-pointer
/// algorithm that backtracks only to the last `*`, so it is O(pattern × text).
pub fn glob_match(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                b'*' => {
                    star = Some((pi, si));
                    pi += 1;
                    continue;
                }
                b'?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                b'[' => {
                    if let Some((ok, next)) = class_match(p, pi, s[si]) {
                        if ok {
                            pi = next;
                            si += 1;
                            continue;
                        }
                    } else if s[si] == b'[' {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                }
                c if c == s[si] => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// Match `c` against the class starting at `p[at] == b'['`: (matched, index after `]`).
fn class_match(p: &[u8], at: usize, c: u8) -> Option<(bool, usize)> {
    let close = at + 1 + p[at + 1..].iter().position(|&x| x == b']')?;
    let class = &p[at + 1..close];
    let (neg, class) = match class.first() {
        Some(b'!' | b'^') => (true, &class[1..]),
        _ => (false, class),
    };
    Some((class.contains(&c) != neg, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pair filter passes every name the lookup knows: each command, each DevOps family
    /// and each cmdlet, with a version glued on too.
    #[test]
    fn pair_filter_passes_every_known_name() {
        for (name, _) in COMMANDS {
            assert!(may_name_command(name.as_bytes()), "{name}");
            assert!(may_name_command(format!("{name}3.10").as_bytes()), "{name}");
        }
        for verb in PS_VERBS {
            for noun in PS_NOUNS {
                let cmdlet = format!("{verb}-{noun}");
                assert!(may_name_command(cmdlet.as_bytes()), "{cmdlet}");
                assert_eq!(lookup_bytes(cmdlet.as_bytes()), Some(Exotic), "{cmdlet}");
            }
        }
        for family in FAMILIES {
            let tool = format!("{family}tool");
            assert_eq!(lookup_bytes(tool.as_bytes()), Some(Exotic), "{tool}");
        }
        assert!(PS_VERBS.iter().all(|v| v.len() <= LONGEST_PS_VERB));
        assert!(PS_VERBS.iter().any(|v| v.len() == LONGEST_PS_VERB));
        assert!(may_name_command(b"w"));
        assert!(may_name_command(b""));
    }

    /// Whatever the pair filter turns away, the full lookup knows nothing of either: every
    /// pair of name bytes (and non-ASCII ones), alone and opening longer words.
    #[test]
    fn pair_filter_turns_away_only_unknown_words() {
        let bytes: Vec<u8> = (b'a'..=b'z')
            .chain(b'0'..=b'9')
            .chain([b'-', b'_', b'.', b'/', 0xc3, 0xa9])
            .collect();
        let mut turned_away = 0;
        for &a in &bytes {
            for &b in &bytes {
                for tail in [
                    &b""[..],
                    b"t",
                    b"sh",
                    b"at",
                    b"-get",
                    b"ctl",
                    b"3.10",
                    b"-12",
                ] {
                    let w = [&[a, b][..], tail].concat();
                    if !may_name_command(&w) {
                        turned_away += 1;
                        assert_eq!(lookup_unfiltered(&w), None, "{w:?}");
                        assert_eq!(lookup_bytes(&w), None, "{w:?}");
                    }
                }
            }
        }
        // The filter does turn words away (prose: `qz`, `xq`…).
        assert!(turned_away > 1000, "{turned_away}");
        assert!(!may_name_command(b"qzxy"));
    }

    #[test]
    fn sorted_for_binary_search() {
        assert!(COMMANDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_command_is_found_in_its_first_letter_range() {
        for (w, t) in COMMANDS {
            assert_eq!(exact(w.as_bytes()), Some(*t), "{w}");
        }
        assert_eq!(exact(b"zzz"), None);
        assert_eq!(exact(b"{"), None);
        assert_eq!(exact(b""), None);
    }

    #[test]
    fn exact_is_a_scan_of_the_table() {
        // Words and near-misses of every length: the shape filter drops none that is a name.
        let mut words: Vec<String> = COMMANDS
            .iter()
            .flat_map(|(w, _)| {
                [
                    format!("{w}x"),
                    w[..w.len() - 1].to_owned(),
                    w.to_uppercase(),
                ]
            })
            .collect();
        words.extend(
            [
                "the", "and", "hello", "a", "i", "x1", "über", "-", "_", "9", "catx", "pythons",
            ]
            .map(str::to_owned),
        );
        for w in &words {
            let scan = COMMANDS.iter().find(|(c, _)| c == w).map(|(_, t)| *t);
            assert_eq!(exact(w.as_bytes()), scan, "{w}");
        }
    }

    #[test]
    fn glob_ranges_agree_with_a_full_scan() {
        let patterns = [
            "c?t",
            "ca*",
            "*at",
            "w*",
            "[c]at",
            "[a-z]*",
            "[]at",
            "[ca",
            "?",
            "*",
            "wh??mi",
            "/b",
            "i?",
            "*o*i",
            "[!q]s",
            "n[ce]t*",
            "zz*",
            "??",
            "???",
            "?h??mi",
            "*??",
            "[c]?t",
            "[w]*",
            "????????????????????????????????????????",
            "[a-z][a-z]",
        ];
        for p in patterns {
            for min in [Tier::Word, Tier::Tool, Tier::Exotic] {
                let full = COMMANDS
                    .iter()
                    .any(|(w, t)| *t >= min && glob_match(p.as_bytes(), w.as_bytes()));
                assert_eq!(glob_matches_command(p, min), full, "{p}");
            }
        }
    }

    #[test]
    fn globs() {
        assert!(glob_matches_command("c?t", Tier::Word));
        assert!(glob_matches_command("wh*mi", Tier::Word));
        assert!(glob_matches_command("[c]at", Tier::Word));
        assert!(!glob_matches_command("q?q", Tier::Word));
        assert!(!glob_match(
            b"****************x",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        ));
        assert!(glob_match(b"/e??/p*d", b"/etc/passwd"));
        assert!(glob_match(b"/etc/[!q]asswd", b"/etc/passwd"));
    }

    #[test]
    fn powershell_cmdlets() {
        assert_eq!(lookup("invoke-expression"), Some(Tier::Exotic));
        assert_eq!(lookup("get-content"), Some(Tier::Exotic));
        assert_eq!(lookup("start-up"), None);
    }
}
