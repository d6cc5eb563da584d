//! SQL keyword classes across dialects, and the functions that only SQL injections call.
//!
//! Classes group keywords by the role they play in the grammar ([`super::grammar`]), not by
//! dialect: the detector must accept MySQL, PostgreSQL, MSSQL, Oracle and SQLite alike.

/// Grammar role of a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    And,
    Or,
    Xor,
    Not,
    /// `UNION`, `INTERSECT`, `EXCEPT`, `MINUS`.
    Union,
    /// `ALL`, `DISTINCT` (after UNION / SELECT).
    SetQuantifier,
    Select,
    /// Words that start a statement after `;` (stacked queries).
    Statement,
    From,
    Where,
    /// `GROUP`, `ORDER`.
    GroupOrder,
    By,
    Having,
    /// `LIMIT`, `OFFSET`, `FETCH`, `TOP`.
    Limit,
    Into,
    /// `OUTFILE`, `DUMPFILE`.
    Outfile,
    Procedure,
    As,
    /// Binary keyword operators: `LIKE`, `RLIKE`, `REGEXP`, `GLOB`, `DIV`, `MOD`, `COLLATE`,
    /// `SOUNDS`, `ILIKE`, `SIMILAR`, `ESCAPE`.
    BinOp,
    Is,
    In,
    Between,
    /// `NULL`, `TRUE`, `FALSE`, `UNKNOWN`, and niladic functions (`CURRENT_USER`, ...).
    Literal,
    Case,
    When,
    Then,
    Else,
    End,
    /// `DELAY` / `TIME` after `WAITFOR`.
    Delay,
    Waitfor,
    /// `JOIN`, `ON`, `USING`, `INNER`, `LEFT` ... kept apart so they never count as operators.
    Join,
}

/// Every keyword (lower case) and its class.
pub(super) const KEYWORDS: [(&[u8], Kw); 109] = [
    (b"and", Kw::And),
    (b"or", Kw::Or),
    (b"xor", Kw::Xor),
    (b"not", Kw::Not),
    (b"union", Kw::Union),
    (b"intersect", Kw::Union),
    (b"except", Kw::Union),
    (b"minus", Kw::Union),
    (b"all", Kw::SetQuantifier),
    (b"distinct", Kw::SetQuantifier),
    (b"distinctrow", Kw::SetQuantifier),
    (b"select", Kw::Select),
    (b"insert", Kw::Statement),
    (b"update", Kw::Statement),
    (b"delete", Kw::Statement),
    (b"drop", Kw::Statement),
    (b"create", Kw::Statement),
    (b"alter", Kw::Statement),
    (b"truncate", Kw::Statement),
    (b"exec", Kw::Statement),
    (b"execute", Kw::Statement),
    (b"declare", Kw::Statement),
    (b"shutdown", Kw::Statement),
    (b"grant", Kw::Statement),
    (b"revoke", Kw::Statement),
    (b"replace", Kw::Statement),
    (b"merge", Kw::Statement),
    (b"call", Kw::Statement),
    (b"load", Kw::Statement),
    (b"handler", Kw::Statement),
    (b"rename", Kw::Statement),
    (b"set", Kw::Statement),
    (b"begin", Kw::Statement),
    (b"show", Kw::Statement),
    (b"kill", Kw::Statement),
    (b"use", Kw::Statement),
    (b"backup", Kw::Statement),
    (b"restore", Kw::Statement),
    (b"copy", Kw::Statement),
    (b"attach", Kw::Statement),
    (b"pragma", Kw::Statement),
    (b"prepare", Kw::Statement),
    (b"deallocate", Kw::Statement),
    (b"commit", Kw::Statement),
    (b"rollback", Kw::Statement),
    (b"dbcc", Kw::Statement),
    (b"bulk", Kw::Statement),
    (b"openrowset", Kw::Statement),
    (b"reconfigure", Kw::Statement),
    (b"waitfor", Kw::Waitfor),
    (b"delay", Kw::Delay),
    (b"time", Kw::Delay),
    (b"from", Kw::From),
    (b"where", Kw::Where),
    (b"group", Kw::GroupOrder),
    (b"order", Kw::GroupOrder),
    (b"by", Kw::By),
    (b"having", Kw::Having),
    (b"limit", Kw::Limit),
    (b"offset", Kw::Limit),
    (b"fetch", Kw::Limit),
    (b"top", Kw::Limit),
    (b"into", Kw::Into),
    (b"outfile", Kw::Outfile),
    (b"dumpfile", Kw::Outfile),
    (b"procedure", Kw::Procedure),
    (b"as", Kw::As),
    (b"like", Kw::BinOp),
    (b"rlike", Kw::BinOp),
    (b"regexp", Kw::BinOp),
    (b"glob", Kw::BinOp),
    (b"div", Kw::BinOp),
    (b"mod", Kw::BinOp),
    (b"collate", Kw::BinOp),
    (b"sounds", Kw::BinOp),
    (b"ilike", Kw::BinOp),
    (b"similar", Kw::BinOp),
    (b"escape", Kw::BinOp),
    (b"match", Kw::BinOp),
    (b"against", Kw::BinOp),
    (b"is", Kw::Is),
    (b"in", Kw::In),
    (b"between", Kw::Between),
    (b"null", Kw::Literal),
    (b"true", Kw::Literal),
    (b"false", Kw::Literal),
    (b"unknown", Kw::Literal),
    (b"current_user", Kw::Literal),
    (b"session_user", Kw::Literal),
    (b"system_user", Kw::Literal),
    (b"current_date", Kw::Literal),
    (b"current_time", Kw::Literal),
    (b"current_timestamp", Kw::Literal),
    (b"localtime", Kw::Literal),
    (b"sysdate", Kw::Literal),
    (b"rownum", Kw::Literal),
    (b"dual", Kw::Literal),
    (b"case", Kw::Case),
    (b"when", Kw::When),
    (b"then", Kw::Then),
    (b"else", Kw::Else),
    (b"end", Kw::End),
    (b"join", Kw::Join),
    (b"on", Kw::Join),
    (b"using", Kw::Join),
    (b"inner", Kw::Join),
    (b"outer", Kw::Join),
    (b"cross", Kw::Join),
    (b"natural", Kw::Join),
];

/// Multiplier and seed of [`kw_hash`], chosen (by search) so that no two keywords share a
/// slot of [`KW_SLOTS`]: a keyword lookup is one hash and one comparison.
const KW_MUL: u32 = 0xc621_8b37;
const KW_SEED: u32 = 0x7f5b_2cad;

/// FNV-style hash of a lower-case word onto the 512 slots of [`KW_SLOTS`].
const fn kw_hash(w: &[u8]) -> usize {
    let mut x = KW_SEED;
    let mut i = 0;
    while i < w.len() {
        x = (x ^ w[i] as u32).wrapping_mul(KW_MUL);
        i += 1;
    }
    (x >> 23) as usize
}

/// Slot → 1 + index into [`KEYWORDS`] (0: no keyword hashes there). Built at compile time;
/// a collision fails the build.
static KW_SLOTS: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut k = 0;
    while k < KEYWORDS.len() {
        let h = kw_hash(KEYWORDS[k].0);
        assert!(t[h] == 0, "keyword hash collision");
        t[h] = (k + 1) as u8;
        k += 1;
    }
    t
};

/// Classify a word (any case). Returns `None` for identifiers.
pub fn classify(word: &str) -> Option<Kw> {
    classify_bytes(word.as_bytes())
}

/// [`classify`] of a word's bytes.
#[inline]
pub fn classify_bytes(word: &[u8]) -> Option<Kw> {
    if word.len() < 2 || word.len() > 16 {
        return None;
    }
    // Lower-cased into a stack buffer and hashed in the same pass: no allocation, one
    // comparison (every keyword is ASCII, so a non-ASCII word matches nothing).
    let mut buf = [0u8; 16];
    let mut x = KW_SEED;
    for (d, &s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
        x = (x ^ u32::from(*d)).wrapping_mul(KW_MUL);
    }
    let slot = KW_SLOTS[(x >> 23) as usize];
    let (kw, class) = KEYWORDS.get(usize::from(slot).checked_sub(1)?)?;
    (*kw == &buf[..word.len()]).then_some(*class)
}

/// `word` lower-cased into a stack buffer, if it is `min..=32` bytes long (function names
/// are compared without allocating).
fn lower_name(word: &str, min: usize) -> Option<([u8; 32], usize)> {
    if word.len() < min || word.len() > 32 {
        return None;
    }
    let mut buf = [0u8; 32];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some((buf, word.len()))
}

/// Functions whose call is a strong sign of injected SQL (timing, file access, error-based
/// extraction, fingerprinting, string building used to dodge quotes). Ordinary text almost
/// never writes these names directly followed by `(`.
pub fn is_attack_function(word: &str) -> bool {
    let Some((buf, len)) = lower_name(word, 2) else {
        return false;
    };
    matches!(
        &buf[..len],
        b"sleep"
            | b"benchmark"
            | b"pg_sleep"
            | b"pg_sleep_for"
            | b"pg_read_file"
            | b"pg_ls_dir"
            | b"lo_import"
            | b"load_file"
            | b"extractvalue"
            | b"updatexml"
            | b"exp"
            | b"floor"
            | b"rand"
            | b"geometrycollection"
            | b"polygon"
            | b"multipoint"
            | b"linestring"
            | b"name_const"
            | b"char"
            | b"chr"
            | b"nchar"
            | b"concat"
            | b"concat_ws"
            | b"group_concat"
            | b"string_agg"
            | b"ascii"
            | b"ord"
            | b"hex"
            | b"unhex"
            | b"substring"
            | b"substr"
            | b"mid"
            | b"length"
            | b"len"
            | b"version"
            | b"database"
            | b"schema"
            | b"user"
            | b"current_user"
            | b"system_user"
            | b"db_name"
            | b"user_name"
            | b"host_name"
            | b"suser_name"
            | b"is_srvrolemember"
            | b"convert"
            | b"cast"
            | b"if"
            | b"iif"
            | b"ifnull"
            | b"nullif"
            | b"isnull"
            | b"coalesce"
            | b"count"
            | b"xp_cmdshell"
            | b"sp_executesql"
            | b"sp_password"
            | b"xp_dirtree"
            | b"utl_inaddr"
            | b"utl_http"
            | b"dbms_pipe"
            | b"receive_message"
            | b"request"
            | b"get_host_address"
            | b"dbms_lock"
            | b"ctxsys"
            | b"drithsx"
            | b"sysdate"
            | b"randomblob"
            | b"sqlite_version"
            | b"load_extension"
            | b"md5"
            | b"sha1"
            | b"elt"
            | b"make_set"
            | b"bin"
            | b"conv"
            | b"instr"
            | b"locate"
            | b"position"
            | b"regexp_substring"
            | b"json_keys"
            | b"json_extract"
            | b"row"
            | b"exists"
            | b"current_setting"
            | b"query_to_xml"
            | b"xmltype"
            | b"dbms_xmlgen"
            | b"to_char"
            | b"waitfor"
            | b"openrowset"
            | b"opendatasource"
            | b"procedure_analyse"
            | b"analyse"
            | b"uuid"
            | b"connection_id"
            | b"last_insert_id"
            | b"@@version"
    )
}

/// Functions that ordinary text and ordinary application values never call: timing, file and
/// network access, error-based extraction, system fingerprinting.
pub fn is_strong_function(word: &str) -> bool {
    let Some((buf, len)) = lower_name(word, 4) else {
        return false;
    };
    matches!(
        &buf[..len],
        b"sleep"
            | b"benchmark"
            | b"pg_sleep"
            | b"pg_sleep_for"
            | b"pg_read_file"
            | b"pg_ls_dir"
            | b"lo_import"
            | b"load_file"
            | b"extractvalue"
            | b"updatexml"
            | b"name_const"
            | b"geometrycollection"
            | b"multipoint"
            | b"multilinestring"
            | b"multipolygon"
            | b"xp_cmdshell"
            | b"sp_executesql"
            | b"xp_dirtree"
            | b"utl_inaddr"
            | b"utl_http"
            | b"dbms_pipe"
            | b"receive_message"
            | b"get_host_address"
            | b"dbms_lock"
            | b"ctxsys"
            | b"drithsx"
            | b"httpuritype"
            | b"randomblob"
            | b"load_extension"
            // PostgreSQL large objects and server files: read or write files on the server
            | b"lo_get"
            | b"lo_export"
            | b"lo_from_bytea"
            | b"lo_put"
            | b"pg_read_binary_file"
            | b"pg_stat_file"
            | b"sqlite_version"
            | b"procedure_analyse"
            | b"query_to_xml"
            | b"dbms_xmlgen"
            | b"xmltype"
            | b"current_setting"
            | b"openrowset"
            | b"opendatasource"
            | b"group_concat"
            | b"concat_ws"
            | b"is_srvrolemember"
            | b"db_name"
            | b"user_name"
            | b"suser_name"
            | b"version"
            | b"database"
            | b"connection_id"
            | b"last_insert_id"
            | b"make_set"
            | b"json_keys"
            | b"sqlite_master"
    )
}

/// Oracle's packages and object types whose every member reaches outside the query: the
/// network (`UTL_INADDR`, `UTL_HTTP`, `UTL_TCP`, `UTL_SMTP`, `HTTPURITYPE`), files
/// (`UTL_FILE`), timing (`DBMS_PIPE`, `DBMS_LOCK`), Java and XML query generation, Oracle
/// Text's error-based `CTXSYS.DRITHSX`. A call through one (`UTL_INADDR.GET_HOST_NAME(…)`)
/// is an attack primitive whatever the member is called.
pub fn is_attack_package(word: &str) -> bool {
    let Some((buf, len)) = lower_name(word, 6) else {
        return false;
    };
    matches!(
        &buf[..len],
        b"utl_inaddr"
            | b"utl_http"
            | b"utl_tcp"
            | b"utl_smtp"
            | b"utl_file"
            | b"dbms_pipe"
            | b"dbms_lock"
            | b"dbms_java"
            | b"dbms_xmlgen"
            | b"dbms_xmlquery"
            | b"ctxsys"
            | b"drithsx"
            | b"httpuritype"
    )
}

/// Schemas and tables that hold the database's own catalog (its list of tables, columns and
/// users). An injection reads them to map the database; applications and people name them
/// only in SQL, so a qualified reference (`information_schema.tables`) is SQL structure.
pub fn is_system_catalog(word: &str) -> bool {
    let Some((buf, len)) = lower_name(word, 6) else {
        return false;
    };
    matches!(
        &buf[..len],
        b"information_schema"
            | b"pg_catalog"
            | b"sqlite_master"
            | b"sqlite_schema"
            | b"all_tables"
            | b"all_tab_columns"
            | b"user_tables"
            | b"dba_users"
            | b"pg_shadow"
    )
}

/// A quick filter before [`is_system_catalog`]: every catalog name is 9 to 18 bytes long and
/// has an `_`, which most words do not.
pub fn may_be_catalog(word: &str) -> bool {
    let b = word.as_bytes();
    (9..=18).contains(&b.len()) && b.contains(&b'_')
}

/// Column and parameter types of SQL data definitions (`CREATE TABLE t (id INT, …)`,
/// `CREATE FUNCTION f (s CHAR(20))`): a name followed by one of these inside a definition's
/// parentheses is a column or parameter declaration.
pub fn is_column_type(word: &str) -> bool {
    let Some((buf, len)) = lower_name(word, 3) else {
        return false;
    };
    matches!(
        &buf[..len],
        b"int"
            | b"integer"
            | b"bigint"
            | b"smallint"
            | b"tinyint"
            | b"char"
            | b"varchar"
            | b"nvarchar"
            | b"nchar"
            | b"text"
            | b"blob"
            | b"bool"
            | b"boolean"
            | b"float"
            | b"double"
            | b"real"
            | b"decimal"
            | b"numeric"
            | b"date"
            | b"datetime"
            | b"timestamp"
            | b"varchar2"
            | b"number"
            | b"bytea"
            | b"serial"
    )
}

/// Whether a call of the strong function `name` with (`empty == false`) or without arguments
/// can be SQL: `VERSION()`, `DATABASE()` take none (`version('wheel')` is Python's
/// `importlib.metadata`), `SLEEP(n)`, `BENCHMARK(n, e)`, `LOAD_FILE(f)` need theirs (a bare
/// `sleep()` is a program's call, a SQL error). Functions not listed accept either.
///
/// `empty` is `None` when the value ends right after the `(` (the application's text
/// supplies the rest).
pub fn arity_fits(name: &str, empty: Option<bool>) -> bool {
    let Some(empty) = empty else {
        return true;
    };
    let Some((buf, len)) = lower_name(name, 4) else {
        return true;
    };
    match &buf[..len] {
        b"version" | b"database" | b"connection_id" | b"sqlite_version" => empty,
        b"sleep" | b"benchmark" | b"pg_sleep" | b"pg_sleep_for" | b"load_file"
        | b"extractvalue" | b"updatexml" | b"name_const" | b"pg_read_file" | b"pg_ls_dir"
        | b"randomblob" | b"load_extension" | b"make_set" | b"concat_ws" | b"group_concat"
        | b"xp_cmdshell" | b"xp_dirtree" => !empty,
        _ => true,
    }
}

/// PostgreSQL type names an injection casts to with `::` (`password::int` makes the server
/// print the value in its error; `'…'::jsonb` builds operands). Lower or upper case only:
/// code namespaces (`Foo::Text`, `System::Int32`) write CamelCase, and names that double as
/// ordinary identifiers (`name`, `date`, `char`) are left out.
pub fn is_cast_type(word: &str) -> bool {
    let lower = word.bytes().all(|b| !b.is_ascii_uppercase());
    let upper = word.bytes().all(|b| !b.is_ascii_lowercase());
    if !(lower || upper) || word.len() > 16 {
        return false;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..word.len()],
        b"int"
            | b"int2"
            | b"int4"
            | b"int8"
            | b"integer"
            | b"bigint"
            | b"smallint"
            | b"numeric"
            | b"text"
            | b"varchar"
            | b"bool"
            | b"boolean"
            | b"float4"
            | b"float8"
            | b"json"
            | b"jsonb"
            | b"bytea"
            | b"regclass"
            | b"double"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition the hashed lookup must agree with.
    fn classify_reference(word: &str) -> Option<Kw> {
        if word.len() < 2 || word.len() > 16 {
            return None;
        }
        // Lower-cased into a stack buffer and matched as bytes: no allocation and no UTF-8
        // re-validation per word (every keyword is ASCII, so a non-ASCII word matches nothing).
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(word.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let w = &buf[..word.len()];
        Some(match w {
            b"and" => Kw::And,
            b"or" => Kw::Or,
            b"xor" => Kw::Xor,
            b"not" => Kw::Not,
            b"union" | b"intersect" | b"except" | b"minus" => Kw::Union,
            b"all" | b"distinct" | b"distinctrow" => Kw::SetQuantifier,
            b"select" => Kw::Select,
            b"insert" | b"update" | b"delete" | b"drop" | b"create" | b"alter" | b"truncate"
            | b"exec" | b"execute" | b"declare" | b"shutdown" | b"grant" | b"revoke"
            | b"replace" | b"merge" | b"call" | b"load" | b"handler" | b"rename" | b"set"
            | b"begin" | b"show" | b"kill" | b"use" | b"backup" | b"restore" | b"copy"
            | b"attach" | b"pragma" | b"prepare" | b"deallocate" | b"commit" | b"rollback"
            | b"dbcc" | b"bulk" | b"openrowset" | b"reconfigure" => Kw::Statement,
            b"waitfor" => Kw::Waitfor,
            b"delay" | b"time" => Kw::Delay,
            b"from" => Kw::From,
            b"where" => Kw::Where,
            b"group" | b"order" => Kw::GroupOrder,
            b"by" => Kw::By,
            b"having" => Kw::Having,
            b"limit" | b"offset" | b"fetch" | b"top" => Kw::Limit,
            b"into" => Kw::Into,
            b"outfile" | b"dumpfile" => Kw::Outfile,
            b"procedure" => Kw::Procedure,
            b"as" => Kw::As,
            b"like" | b"rlike" | b"regexp" | b"glob" | b"div" | b"mod" | b"collate" | b"sounds"
            | b"ilike" | b"similar" | b"escape" | b"match" | b"against" => Kw::BinOp,
            b"is" => Kw::Is,
            b"in" => Kw::In,
            b"between" => Kw::Between,
            b"null" | b"true" | b"false" | b"unknown" | b"current_user" | b"session_user"
            | b"system_user" | b"current_date" | b"current_time" | b"current_timestamp"
            | b"localtime" | b"sysdate" | b"rownum" | b"dual" => Kw::Literal,
            b"case" => Kw::Case,
            b"when" => Kw::When,
            b"then" => Kw::Then,
            b"else" => Kw::Else,
            b"end" => Kw::End,
            b"join" | b"on" | b"using" | b"inner" | b"outer" | b"cross" | b"natural" => Kw::Join,
            _ => return None,
        })
    }

    #[test]
    fn hashed_lookup_agrees_with_the_keyword_match() {
        for (w, class) in KEYWORDS {
            let w = std::str::from_utf8(w).unwrap();
            // (words over 16 bytes, `current_timestamp`, are never classified)
            let expect = (w.len() <= 16).then_some(class);
            assert_eq!(classify(w), expect, "{w}");
            assert_eq!(classify(&w.to_ascii_uppercase()), expect, "{w}");
            assert_eq!(classify_reference(w), expect, "{w}");
        }
        for w in [
            "",
            "a",
            "x",
            "selects",
            "unions",
            "O'Reilly",
            "Grüße",
            "ünion",
            "select_",
            "current_timestamps",
            "abcdefghijklmnopq",
            "SeLeCt",
            "Or",
            "fromage",
            "dual",
        ] {
            assert_eq!(classify(w), classify_reference(w), "{w}");
        }
    }
}
