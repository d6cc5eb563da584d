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
        | b"exec" | b"execute" | b"declare" | b"shutdown" | b"grant" | b"revoke" | b"replace"
        | b"merge" | b"call" | b"load" | b"handler" | b"rename" | b"set" | b"begin" | b"show"
        | b"kill" | b"use" | b"backup" | b"restore" | b"copy" | b"attach" | b"pragma"
        | b"prepare" | b"deallocate" | b"commit" | b"rollback" | b"dbcc" | b"bulk"
        | b"openrowset" | b"reconfigure" => Kw::Statement,
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
    let w = &buf[..word.len()];
    matches!(
        w,
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
    if word.len() < 4 || word.len() > 32 {
        return false;
    }
    let mut buf = [0u8; 32];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    matches!(
        w,
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
            | b"randomblob"
            | b"load_extension"
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
