//! Code that runs a command without a shell's syntax around it: calls of `system`, `exec`
//! and friends in PHP, Python, Ruby, Perl, Java and Groovy, PHP's own syntax, server-side
//! includes, template expressions, Log4j lookups, Exim's `${run}`.
//!
//! Separate because these are other languages' constructs; what they have in common is a
//! string that is a command line, which [`string_runs_command`] judges.

use super::classify::{known_command, path_to_run};
use super::judge::judge_start;
use super::scan::Start;
use super::shell::dev_tcp;
use super::{MAX_ARGS, MAX_STARTS};

/// `new java.lang.ProcessBuilder(#cmd)).(#p.start())`, `new ProcessBuilder("id").start()`:
/// Java's process API constructed and started. Its argument is often a variable of the
/// expression language the value is evaluated in (OGNL's `#cmd`), so the command is not
/// checked: constructing the builder and calling `start()` spawns a process, and no data
/// value or sentence writes both.
pub(super) fn process_builder(v: &[u8]) -> bool {
    const NAME: &[u8] = b"ProcessBuilder(";
    // Each `ProcessBuilder(` found from its `B` (a capital rare in values: one byte search
    // costs less to start than a substring search). The name has one `B` and no border (no
    // proper prefix is also a suffix), so its matches never overlap and these are the
    // substring's matches, in order.
    memchr::memchr_iter(b'B', v)
        .filter_map(|b| b.checked_sub(7).filter(|&p| v[p..].starts_with(NAME)))
        .take(MAX_STARTS)
        .any(|p| {
            let before = &v[..p];
            let before = before.strip_suffix(b"java.lang.").unwrap_or(before);
            let args = &v[p + b"ProcessBuilder(".len()..];
            // Kotlin and Groovy construct without `new`: `ProcessBuilder("bash","-c","id")
            // .start()`, its arguments string literals glued to the name.
            let constructed = before.ends_with(b"new ")
                || (before
                    .last()
                    .is_none_or(|&c| !c.is_ascii_alphanumeric() && c != b'_' && c != b'.')
                    && matches!(args.first(), Some(b'"' | b'\'')));
            constructed && memchr::memmem::find(&v[p..], b".start()").is_some()
        })
}

/// `open(F,"id|")`, `open(my $f, "| sh")`: Perl's two-argument `open` with a pipe at either
/// end of the string runs it as a command line.
pub(super) fn perl_pipe_open(v: &[u8]) -> bool {
    static OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"open("));
    OPEN.find_iter(v).take(MAX_STARTS).any(|p| {
        if p > 0 && (v[p - 1].is_ascii_alphanumeric() || v[p - 1] == b'_') {
            return false;
        }
        let args = &v[p + 5..v.len().min(p + 5 + MAX_ARGS)];
        let Some(comma) = args.iter().take(32).position(|&b| b == b',') else {
            return false;
        };
        let rest = args[comma + 1..].trim_ascii_start();
        let Some(&q @ (b'\'' | b'"')) = rest.first() else {
            return false;
        };
        let Some(close) = rest[1..].iter().position(|&b| b == q) else {
            return false;
        };
        let body = rest[1..=close].trim_ascii();
        let body = match (body.first(), body.last()) {
            (Some(b'|'), _) => body[1..].trim_ascii_start(),
            (_, Some(b'|')) => body[..body.len() - 1].trim_ascii_end(),
            _ => return false,
        };
        !body.is_empty() && string_runs_command(body)
    })
}

/// `<!--#exec cmd=…-->` and friends: server-side include directives that run commands.
pub(super) fn server_side_include(v: &[u8]) -> bool {
    // One vectorised search for the directive's opening: markup holds many `<`, and
    // testing each of them cost more than the search.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(b"<!--#"));
    if finder.find(v).is_none() {
        return false;
    }
    v.windows(5).take(1 << 14).enumerate().any(|(i, w)| {
        w == b"<!--#" && {
            let d: Vec<u8> = v[i + 5..]
                .iter()
                .take(8)
                .map(u8::to_ascii_lowercase)
                .collect();
            d.starts_with(b"exec") || d.starts_with(b"include") || d.starts_with(b"echo")
        }
    })
}

/// PHP code only PHP writes: complex variable syntax around a call (`{${sleep(3)}}`,
/// `${@print(…)}`) and request superglobals (`$_GET[…]`, `{$_POST…}`).
pub(super) fn php_code(v: &[u8]) -> bool {
    // Every pattern opens with or holds a `$`: one pass over the dollars checks them all
    // in place (no substring searcher built per pattern and value). A superglobal counts
    // at its first [`MAX_GLOBAL_USES`] occurrences.
    let mut seen = [0u8; SUPERGLOBALS.len()];
    memchr::memchr_iter(b'$', v).any(|p| {
        let rest = &v[p..];
        (p > 0 && v[p - 1] == b'{' && rest.starts_with(b"${"))
            || rest.starts_with(b"${@")
            || SUPERGLOBALS.iter().zip(seen.iter_mut()).any(|(g, n)| {
                rest.starts_with(g) && *n < MAX_GLOBAL_USES && {
                    *n += 1;
                    matches!(rest.get(g.len()), Some(b'[' | b'}' | b')' | b';'))
                }
            })
    })
}

/// PHP's request superglobals.
pub(super) const SUPERGLOBALS: [&[u8]; 6] = [
    b"$_GET",
    b"$_POST",
    b"$_REQUEST",
    b"$_COOKIE",
    b"$_SERVER",
    b"$_FILES",
];

/// Occurrences of each superglobal examined.
const MAX_GLOBAL_USES: u8 = 8;

/// Exim's `${run{/usr/bin/id}}` string expansion, which runs a program: it reaches Exim
/// through `sendmail -be` or a header Exim expands (CVE-2019-10149 style).
pub(super) fn exim_run(v: &[u8]) -> bool {
    memchr::memmem::find(v, b"${run{").is_some()
}

/// A Log4j lookup that loads remote code: `${jndi:ldap://…}`, also with nested lookups
/// hiding the braces (`${:-x$}{jndi:…}`, `${${lower:j}ndi:…}` is caught once decoded).
pub(super) fn jndi_lookup(v: &[u8]) -> bool {
    memchr::memchr_iter(b'$', v).any(|p| v.get(p + 1) == Some(&b'{'))
        && v.windows(5)
            .take(1 << 14)
            .any(|w| w.eq_ignore_ascii_case(b"jndi:"))
}

/// Functions that run a shell command or evaluate code, called with a string, a variable or
/// nothing (`system('id')`, `passthru($_GET[x])`, `phpinfo()`).
const EXEC_FUNCTIONS: &[&[u8]] = &[
    b"system",
    b"exec",
    b"shell_exec",
    b"passthru",
    b"popen",
    b"proc_open",
    b"pcntl_exec",
    b"phpinfo",
    b"phpversion",
    b"assert",
    b"eval",
    b"spawn",
    b"execsync",
    b"getruntime",
    b"os.system",
    b"os.popen",
    b"subprocess.call",
    b"subprocess.popen",
    b"subprocess.run",
    b"subprocess.check_output",
    b"subprocess.check_call",
    b"child_process",
];

/// Methods that run their string argument as a command line, called on any receiver
/// (`Runtime.getRuntime().exec("id")`, `__import__('os').popen('id')`,
/// `require('child_process').execSync('id')`). The same names run regular expressions
/// (`re.exec('abc')`), so the argument must itself be a command.
const EXEC_METHODS: &[&[u8]] = &[
    b"exec",
    b"execute",
    b"system",
    b"popen",
    b"spawn",
    b"execsync",
    b"spawnsync",
    b"getoutput",
    b"check_output",
    b"shell_exec",
    b"passthru",
];

/// A call that runs or evaluates code: a function of [`EXEC_FUNCTIONS`] called with a
/// variable or backticks (`passthru($_GET[x])`), an info function called bare
/// (`phpinfo()`), or a call whose string argument is a command line (`system('id')`,
/// `x.exec("ls -la")`, `eval('system("id")')`, `[Diagnostics.Process]::Start('calc')`).
/// A string that is no command (`eval('x = 1')`, `os.system("mycmd" + …)`) is code
/// documentation, not an attack.
pub(super) fn code_exec_call(v: &[u8]) -> bool {
    code_exec_call_at_depth(v, 0)
}

fn code_exec_call_at_depth(v: &[u8], depth: u8) -> bool {
    memchr::memchr_iter(b'(', v).take(MAX_STARTS).any(|i| {
        // Every call below passes a variable, backticks, a string or nothing.
        if !matches!(v.get(i + 1), Some(b'$' | b'`' | b')' | b'\'' | b'"' | b'[')) {
            return false;
        }
        // `…__subclasses__()[396]('id', shell=True)`: Python's subprocess told to hand its
        // string to a shell, whatever the callable was reached through.
        if let Some(&q @ (b'\'' | b'"')) = v.get(i + 1) {
            if shell_true_call(&v[i + 2..], q) {
                let body = &v[i + 2..v.len().min(i + 2 + MAX_ARGS)];
                let close = body.iter().position(|&b| b == q).unwrap_or(0);
                if string_runs_command(&body[..close]) {
                    return true;
                }
            }
        }
        let name_start = v[..i]
            .iter()
            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.'))
            .map_or(0, |p| p + 1);
        let mut name = &v[name_start..i];
        // `cycler.__init__.__globals__.os.popen('id')`: a long receiver chain ends in the
        // same method; keep its last segments.
        while name.len() > 24 {
            match name.iter().position(|&b| b == b'.') {
                Some(p) => name = &name[p + 1..],
                None => return false,
            }
        }
        if name.is_empty() {
            return false;
        }
        // `f()`, the commonest call: only an info function (`php…`) or `.execute` can run
        // bare (see the `)` arm below), so other names skip the lower-casing and lookups.
        if v.get(i + 1) == Some(&b')')
            && !name
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"php"))
            && !name.eq_ignore_ascii_case(b".execute")
        {
            return false;
        }
        let mut buf = [0u8; 24];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        let lower: &[u8] = lower;
        let method = lower.rsplit(|&b| b == b'.').next().unwrap_or(lower);
        let function = EXEC_FUNCTIONS.contains(&lower);
        let runs_string = function
            || (method != lower && EXEC_METHODS.contains(&method))
            || (method == b"start"
                && (process_type_before(&v[..name_start]) || lower.ends_with(b"process.start")));
        match v.get(i + 1) {
            Some(b'$' | b'`') => function,
            // Only the info functions are called bare: prose names `exec()` all the time.
            Some(b')') => {
                (function && lower.starts_with(b"php"))
                    || (lower == b".execute" && string_receiver_runs(&v[..name_start]))
            }
            // `subprocess.check_output(['id'])`, `Popen(['/bin/sh', '-c', x])`: Python's
            // process API given the argument vector as a list, its first element the
            // program it runs.
            Some(b'[') => {
                (lower.starts_with(b"subprocess.") || method == b"popen")
                    && argv_list_runs(&v[i + 2..])
            }
            // `array_map('system', …)`, `{{['id']|filter('system')}}`,
            // `call_user_func('passthru', …)`: an executing function handed over by name as
            // a callback.
            Some(&q @ (b'\'' | b'"')) if exec_callback(&v[i + 2..], q) => true,
            Some(&q @ (b'\'' | b'"')) if runs_string => {
                let body = &v[i + 2..v.len().min(i + 2 + MAX_ARGS)];
                let body = &body[..body.iter().position(|&b| b == q).unwrap_or(body.len())];
                string_runs_command(body)
                    || (matches!(method, b"eval" | b"assert")
                        && depth < 2
                        && code_exec_call_at_depth(body, depth + 1))
            }
            _ => false,
        }
    })
}

/// `'id'.execute()`, `"id".execute().text`, `['sh','-c','id'].execute()`: Groovy's
/// `String.execute()` and `List.execute()` (Jenkins script consoles, Grails and GString
/// templates) start the string's command line or the list's argument vector. `before` is
/// the value up to the method's dot: it must end in a string literal that is a command line
/// or a list whose first element is a program (`"query".execute()` is no command).
fn string_receiver_runs(before: &[u8]) -> bool {
    let tail = &before[before.len().saturating_sub(MAX_ARGS)..];
    match tail.last() {
        Some(&q @ (b'\'' | b'"')) => {
            let body = &tail[..tail.len() - 1];
            body.iter()
                .rposition(|&b| b == q)
                .is_some_and(|open| open + 1 < body.len() && string_runs_command(&body[open + 1..]))
        }
        Some(b']') => tail
            .iter()
            .rposition(|&b| b == b'[')
            .is_some_and(|open| argv_list_runs(&tail[open + 1..])),
        _ => false,
    }
}

/// Whether the list opening `rest` (after its `[`) starts with a quoted program: a command
/// word or a path to run (`'id'`, `"/bin/sh"`), as the first element of an argument
/// vector is.
fn argv_list_runs(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    let Some(&q @ (b'\'' | b'"')) = rest.first() else {
        return false;
    };
    let body = &rest[1..rest.len().min(1 + 64)];
    body.iter().position(|&b| b == q).is_some_and(|close| {
        let program = &body[..close];
        known_command(program) || path_to_run(program)
    })
}

/// Whether the call whose first argument is the string opening `rest` (closed by `quote`)
/// passes `shell=True` before its closing parenthesis.
fn shell_true_call(rest: &[u8], quote: u8) -> bool {
    let rest = &rest[..rest.len().min(MAX_ARGS)];
    let Some(close) = rest.iter().position(|&b| b == quote) else {
        return false;
    };
    let args = &rest[close + 1..];
    let args = &args[..args.iter().position(|&b| b == b')').unwrap_or(args.len())];
    memchr::memmem::find(args, b"shell").is_some_and(|p| {
        let after = args[p + 5..].trim_ascii_start();
        after.first() == Some(&b'=') && after[1..].trim_ascii_start().starts_with(b"True")
    })
}

/// `"freemarker.template.utility.Execute"?new()`: FreeMarker's `?new` built-in instantiates
/// a class by name, and the classes it is pointed at by attackers (`Execute`,
/// `ObjectConstructor`, `JythonRuntime`) run command lines or arbitrary code. No template
/// instantiates them for any other purpose.
pub(super) fn freemarker_new(v: &[u8]) -> bool {
    static NEW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"?new("));
    NEW.find_iter(v).take(MAX_STARTS).any(|p| {
        let before = v[..p]
            .strip_suffix(b"\"")
            .or_else(|| v[..p].strip_suffix(b"'"));
        before.is_some_and(|b| {
            [&b"Execute"[..], b"ObjectConstructor", b"JythonRuntime"]
                .iter()
                .any(|c| b.ends_with(c))
        })
    })
}

/// Python's object-graph attributes a template expression walks to reach a class that
/// runs programs (`''.__class__.__mro__[1].__subclasses__()`, `config.__init__.__globals__`).
const OBJECT_WALK: [&[u8]; 9] = [
    b"class",
    b"mro",
    b"subclasses",
    b"globals",
    b"builtins",
    b"base",
    b"bases",
    b"init",
    b"import",
];

/// A server-side template expression (`{{…}}`, `{%…%}`, `${…}`, `#{…}`) that walks
/// Python's object graph through two of [`OBJECT_WALK`]'s dunder attributes
/// (`{{''.__class__.__mro__[1].__subclasses__()}}`), or names the JVM's process classes
/// with SpEL's type operator (`${T(java.lang.Runtime)}`): the template engine evaluates
/// it, and those steps lead only to `Popen`/`exec`. A page that shows a class name writes
/// one step (`{{ x.__class__.__name__ }}`); prose writes `__init__.py` outside any braces.
pub(super) fn template_object_walk(v: &[u8]) -> bool {
    // Whether `__` or `T(` occurs, found from a byte of each (a substring search would build
    // its searcher on every call).
    let dunder = || memchr::memchr_iter(b'_', v).any(|i| v.get(i + 1) == Some(&b'_'));
    let type_op = || memchr::memchr_iter(b'(', v).any(|i| i > 0 && v[i - 1] == b'T');
    if !dunder() && !type_op() {
        return false;
    }
    memchr::memchr_iter(b'{', v).take(16).any(|open| {
        let opener = (open > 0 && matches!(v[open - 1], b'$' | b'#'))
            || matches!(v.get(open + 1), Some(b'{' | b'%'));
        if !opener {
            return false;
        }
        let body = &v[open + 1..v.len().min(open + 257)];
        let body = &body[..body.iter().position(|&b| b == b'}').unwrap_or(body.len())];
        let type_op = memchr::memmem::find_iter(body, b"T(").take(4).any(|p| {
            let name = &body[p + 2..];
            let name = &name[name.iter().take_while(|&&b| b == b' ').count()..];
            [&b"java.lang.Runtime"[..], b"java.lang.ProcessBuilder"]
                .iter()
                .any(|c| name.starts_with(c))
                && (p == 0 || !body[p - 1].is_ascii_alphanumeric())
        });
        let steps = memchr::memmem::find_iter(body, b"__")
            .take(32)
            .filter(|&p| {
                let name = &body[p + 2..];
                let n = name
                    .iter()
                    .take(12)
                    .take_while(|b| b.is_ascii_lowercase())
                    .count();
                let reached = p > 0 && matches!(body[p - 1], b'.' | b'\'' | b'"');
                reached && name[n..].starts_with(b"__") && OBJECT_WALK.contains(&&name[..n])
            })
            .count();
        type_op || steps >= 2
    })
}

/// Whether the string opening `rest` (closed by `quote`) names a PHP function that runs a
/// command line, as a callback argument does.
fn exec_callback(rest: &[u8], quote: u8) -> bool {
    let Some(close) = rest.iter().take(16).position(|&b| b == quote) else {
        return false;
    };
    let name = &rest[..close];
    [
        &b"system"[..],
        b"passthru",
        b"shell_exec",
        b"exec",
        b"popen",
        b"proc_open",
        b"pcntl_exec",
    ]
    .iter()
    .any(|f| name.eq_ignore_ascii_case(f))
}

/// Ruby's `%x(id)` / `%x{id}` and Perl's `qx{id}` / `qx(id)`: quoting operators whose body
/// runs as a command line, like backticks.
pub(super) fn command_quote(v: &[u8]) -> bool {
    // `%` and `q` are rarer than `x` in text: the scan stops at them and looks one on.
    memchr::memchr2_iter(b'%', b'q', v)
        .take(MAX_STARTS)
        .any(|q| {
            let word_start = q == 0 || !v[q - 1].is_ascii_alphanumeric();
            if !word_start || !matches!(v.get(q + 1), Some(b'x' | b'X')) {
                return false;
            }
            let close = match v.get(q + 2) {
                Some(b'(') => b')',
                Some(b'{') => b'}',
                Some(b'[') => b']',
                Some(b'/') => b'/',
                _ => return false,
            };
            let body = &v[q + 3..v.len().min(q + 3 + MAX_ARGS)];
            body.iter()
                .position(|&b| b == close)
                .is_some_and(|end| string_runs_command(&body[..end]))
        })
}

/// Whether a string handed to an executing call is a command line: its first word is in
/// command position as tightly as after `;` (`'id'`, `"ping 1.2.3.4"`), or it opens a
/// socket (`/dev/tcp/…`).
pub(super) fn string_runs_command(body: &[u8]) -> bool {
    judge_start(body, 0, Start::Tight, false).is_some() || dev_tcp(body)
}

/// `[System.Diagnostics.Process]::`, `[Diagnostics.Process]::` right before a method name:
/// PowerShell's .NET call that starts a program.
fn process_type_before(before: &[u8]) -> bool {
    let Some(rest) = before.strip_suffix(b"]::") else {
        return false;
    };
    let open = rest.iter().rposition(|&b| b == b'[').unwrap_or(0);
    let ty = &rest[open..];
    ty.len() >= 8 && ty[ty.len() - 8..].eq_ignore_ascii_case(b".process")
}
