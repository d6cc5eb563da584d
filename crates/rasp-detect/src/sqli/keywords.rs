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

/// Classify a word (any case). Returns `None` for identifiers.
pub fn classify(word: &str) -> Option<Kw> {
    if word.len() < 2 || word.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let w = std::str::from_utf8(&buf[..word.len()]).ok()?;
    Some(match w {
        "and" => Kw::And,
        "or" => Kw::Or,
        "xor" => Kw::Xor,
        "not" => Kw::Not,
        "union" | "intersect" | "except" | "minus" => Kw::Union,
        "all" | "distinct" | "distinctrow" => Kw::SetQuantifier,
        "select" => Kw::Select,
        "insert" | "update" | "delete" | "drop" | "create" | "alter" | "truncate" | "exec"
        | "execute" | "declare" | "shutdown" | "grant" | "revoke" | "replace" | "merge"
        | "call" | "load" | "handler" | "rename" | "set" | "begin" | "show" | "kill" | "use"
        | "backup" | "restore" | "copy" | "attach" | "pragma" | "prepare" | "deallocate"
        | "commit" | "rollback" | "dbcc" | "bulk" | "openrowset" | "reconfigure" => Kw::Statement,
        "waitfor" => Kw::Waitfor,
        "delay" | "time" => Kw::Delay,
        "from" => Kw::From,
        "where" => Kw::Where,
        "group" | "order" => Kw::GroupOrder,
        "by" => Kw::By,
        "having" => Kw::Having,
        "limit" | "offset" | "fetch" | "top" => Kw::Limit,
        "into" => Kw::Into,
        "outfile" | "dumpfile" => Kw::Outfile,
        "procedure" => Kw::Procedure,
        "as" => Kw::As,
        "like" | "rlike" | "regexp" | "glob" | "div" | "mod" | "collate" | "sounds" | "ilike"
        | "similar" | "escape" | "match" | "against" => Kw::BinOp,
        "is" => Kw::Is,
        "in" => Kw::In,
        "between" => Kw::Between,
        "null" | "true" | "false" | "unknown" | "current_user" | "session_user" | "system_user"
        | "current_date" | "current_time" | "current_timestamp" | "localtime" | "sysdate"
        | "rownum" | "dual" => Kw::Literal,
        "case" => Kw::Case,
        "when" => Kw::When,
        "then" => Kw::Then,
        "else" => Kw::Else,
        "end" => Kw::End,
        "join" | "on" | "using" | "inner" | "outer" | "cross" | "natural" => Kw::Join,
        _ => return None,
    })
}

/// Functions whose call is a strong sign of injected SQL (timing, file access, error-based
/// extraction, fingerprinting, string building used to dodge quotes). Ordinary text almost
/// never writes these names directly followed by `(`.
pub fn is_attack_function(word: &str) -> bool {
    if word.len() < 2 || word.len() > 32 {
        return false;
    }
    let mut buf = [0u8; 32];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let Ok(w) = std::str::from_utf8(&buf[..word.len()]) else {
        return false;
    };
    matches!(
        w,
        "sleep"
            | "benchmark"
            | "pg_sleep"
            | "pg_sleep_for"
            | "pg_read_file"
            | "pg_ls_dir"
            | "lo_import"
            | "load_file"
            | "extractvalue"
            | "updatexml"
            | "exp"
            | "floor"
            | "rand"
            | "geometrycollection"
            | "polygon"
            | "multipoint"
            | "linestring"
            | "name_const"
            | "char"
            | "chr"
            | "nchar"
            | "concat"
            | "concat_ws"
            | "group_concat"
            | "string_agg"
            | "ascii"
            | "ord"
            | "hex"
            | "unhex"
            | "substring"
            | "substr"
            | "mid"
            | "length"
            | "len"
            | "version"
            | "database"
            | "schema"
            | "user"
            | "current_user"
            | "system_user"
            | "db_name"
            | "user_name"
            | "host_name"
            | "suser_name"
            | "is_srvrolemember"
            | "convert"
            | "cast"
            | "if"
            | "iif"
            | "ifnull"
            | "nullif"
            | "isnull"
            | "coalesce"
            | "count"
            | "xp_cmdshell"
            | "sp_executesql"
            | "sp_password"
            | "xp_dirtree"
            | "utl_inaddr"
            | "utl_http"
            | "dbms_pipe"
            | "receive_message"
            | "request"
            | "get_host_address"
            | "dbms_lock"
            | "ctxsys"
            | "drithsx"
            | "sysdate"
            | "randomblob"
            | "sqlite_version"
            | "load_extension"
            | "md5"
            | "sha1"
            | "elt"
            | "make_set"
            | "bin"
            | "conv"
            | "instr"
            | "locate"
            | "position"
            | "regexp_substring"
            | "json_keys"
            | "json_extract"
            | "row"
            | "exists"
            | "current_setting"
            | "query_to_xml"
            | "xmltype"
            | "dbms_xmlgen"
            | "to_char"
            | "waitfor"
            | "openrowset"
            | "opendatasource"
            | "procedure_analyse"
            | "analyse"
            | "uuid"
            | "connection_id"
            | "last_insert_id"
            | "@@version"
    )
}

/// Functions that ordinary text and ordinary application values never call: timing, file and
/// network access, error-based extraction, system fingerprinting.
pub fn is_strong_function(word: &str) -> bool {
    if word.len() < 4 || word.len() > 32 {
        return false;
    }
    let mut buf = [0u8; 32];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let Ok(w) = std::str::from_utf8(&buf[..word.len()]) else {
        return false;
    };
    matches!(
        w,
        "sleep"
            | "benchmark"
            | "pg_sleep"
            | "pg_sleep_for"
            | "pg_read_file"
            | "pg_ls_dir"
            | "lo_import"
            | "load_file"
            | "extractvalue"
            | "updatexml"
            | "name_const"
            | "geometrycollection"
            | "multipoint"
            | "multilinestring"
            | "multipolygon"
            | "xp_cmdshell"
            | "sp_executesql"
            | "xp_dirtree"
            | "utl_inaddr"
            | "utl_http"
            | "dbms_pipe"
            | "receive_message"
            | "get_host_address"
            | "dbms_lock"
            | "ctxsys"
            | "drithsx"
            | "randomblob"
            | "load_extension"
            | "sqlite_version"
            | "procedure_analyse"
            | "query_to_xml"
            | "dbms_xmlgen"
            | "xmltype"
            | "current_setting"
            | "openrowset"
            | "opendatasource"
            | "group_concat"
            | "concat_ws"
            | "is_srvrolemember"
            | "db_name"
            | "user_name"
            | "suser_name"
            | "version"
            | "database"
            | "connection_id"
            | "last_insert_id"
            | "make_set"
            | "json_keys"
            | "sqlite_master"
    )
}
