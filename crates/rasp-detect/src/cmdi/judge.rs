//! The judge: whole-value checks (Shellshock, code execution, encodings of a start) and the
//! judgment of each command start the scan found, combining the word's class, its
//! arguments and its context into a reason or nothing.
//!
//! Separate from the entry in `mod.rs` so that the entry reads as the order of tests, and
//! the long rule chain of a start stays in one place.

use super::arguments::{
    alone_in_value, command_syntax, dotfile_argument, duration_len, ends_line, file_argument,
    has_argument, has_shell_arguments, operand_with_dot_or_slash, pipes_into_tool, quote_spliced,
    skip_wrapper_options, spliced_path_operand, submitted_line, BARE_PRINTERS, FILE_READERS,
    WRAPPERS,
};
use super::classify::{
    classify, executable_name, in_scratch_dir, oddly_cased, path_to_run, program_variable,
    transformed_expansion, CommandWord,
};
use super::code::{
    code_exec_call, command_quote, exim_run, freemarker_new, jndi_lookup, perl_pipe_open, php_code,
    process_builder, server_side_include, template_object_walk,
};
use super::harmless::{harmless_command_line, interpreter_name};
use super::markup::{
    closing_span_of_words, code_span_end, code_span_in_question, html_start_tag,
    markdown_code_span, span_in_sentence, span_runs_probe,
};
use super::powershell::{
    alias_to_command, char_code_call, cmdlet_redirected_to_file, cmdlet_with_parameters,
    file_writer_cmdlet, powershell_array_subexpression, powershell_call_operator,
    powershell_engine, powershell_new_object, powershell_parameter, powershell_subexpression,
    powershell_subexpression_cmdlet, powershell_type_member, script_block_invoker,
    wmi_process_cast,
};
use super::probe::{
    alone_after_address, dropped_program, probe_after_host, unknown_command_after_separator,
};
use super::prose::{
    and_another_word, capitalised_name, man_page_reference, nouns_joined, placeholder_in_sentence,
    placeholders_between_words, prose_ampersand, prose_pipe_into_filter, prose_tail,
    sentence_after_name, sentence_follows, sentence_runs_on, tex_math, title_case,
    unclosed_contraction, verb_after_arguments, whole_value_prose,
};
use super::scan::{dead_value_start, scan_starts, Scan, Start, Starts};
use super::shell::{
    alias_definition, assembled_from_assigned, assigned_before, boolean_literals, case_body,
    compound_condition, compound_opened, dev_tcp, function_body, history_clear,
    leading_redirection, precommand_operand, shell_expansion, shell_syntax,
    shell_variable_here_string, shellshock, spaced_system_redirection, substitution_reads_file,
    token_then_redirection, trap_handler, variable_then_command,
};
use super::token::{
    brand_ampersand, capitalised_item_before, command_after_one_token, few_plain_words_to_end,
    glued_ampersand_word, glued_word_piece, lone_after_one_token, one_token_before,
    one_token_to_end, only_pictographs_to_end, opens_with_line_break, operand_command_in_name_list,
    product_comment_field, product_list_field, quote_breakout, trim_blanks,
    versioned_comment_field,
};
use super::tool::{
    escape_after_keystroke, git_ext_transport, imagemagick_coder, imagemagick_pipe,
    interactive_escape, prefixed_escape,
};
use super::vocabulary::Tier;
use super::windows::{
    cmd_delimited_switch, cmd_substring, windows_arguments, windows_for, windows_if,
    windows_switch, windows_variable_path, windows_wait,
};
use super::word::{read_command_word, read_command_word_in_place};
use super::{
    is_blank, is_sep, options, vocabulary, ByteSet, AMP, ANGLE, BACKSLASH, BACKTICK, BRACE,
    BRACKET, CR, DASH, DOLLAR, ESCAPE, HASH, LF, LT, MAX_ARGS, PAREN, PERCENT, PIPE, PLUS,
    QUESTION, QUOTE, SEMI, SEP, SLASH, STRUCTURE,
};

/// Most script blocks nested in one another that [`judge_start`] walks.
const MAX_NESTED_BLOCKS: usize = 8;

/// [`judge`] for a value without [`STRUCTURE`] bytes: no separator, substitution, quote or
/// escape can start or hide a command, so the sub-checks that need those bytes cannot fire
/// and the only command start is the value's beginning. Decides exactly as [`judge`] does.
pub(super) fn judge_plain(v: &[u8], bytes: ByteSet) -> Option<&'static str> {
    if v.is_empty() {
        return None;
    }
    if bytes.any(SLASH) && dev_tcp(v) {
        return Some("dev-tcp");
    }
    if bytes.any(BRACKET) && powershell_type_member(v) {
        return Some("powershell-type-member");
    }
    if bytes.all(BRACKET | PAREN) && char_code_call(v) {
        return Some("powershell-char-codes");
    }
    if bytes.any(DASH) && options::option_injection(v) {
        return Some("option-injection");
    }
    if options::sed_execute(v) {
        return Some("option-injection");
    }
    if memchr::memchr(0xAD, v).is_some() && options::soft_hyphen_options(v) {
        return Some("option-injection");
    }
    if bytes.all(DOLLAR | PAREN | LT) && substitution_reads_file(v) {
        return Some("substitution");
    }
    if git_ext_transport(v) {
        return Some("git-ext-transport");
    }
    if bytes.any(DASH) && powershell_new_object(v) {
        return Some("powershell-new-object");
    }
    if matches!(v.first(), Some(b'!' | b':' | b' ')) && interactive_escape(v, false) {
        return Some("shell-escape");
    }
    if matches!(v.first(), Some(b'-' | b'+' | b'\'' | b'"')) && prefixed_escape(v, false) {
        return Some("shell-escape");
    }
    if bytes.any(SLASH) && imagemagick_coder(v) {
        return Some("imagemagick-coder");
    }
    if matches!(v.first(), Some(b'p' | b'P' | b'\'' | b'"')) && imagemagick_pipe(v) {
        return Some("imagemagick-coder");
    }
    // (a dead value start is judged `None` by [`judge_start`]: see [`dead_value_start`])
    if dead_value_start(v, false) {
        return None;
    }
    judge_start(v, 0, Start::Value, false)
}

/// [`judge`] for a decoded value, through [`judge_plain`] when it has no structure left
/// (`%2e%2e%2f` decodes to dots and slashes only).
pub(super) fn judge_any(v: &[u8]) -> Option<&'static str> {
    let bytes = ByteSet::of(v);
    if bytes.any(STRUCTURE) {
        judge(v, bytes)
    } else {
        judge_plain(v, bytes)
    }
}

/// `bytes` is the [`ByteSet`] of `raw` (blanks spelled `+` change no class the sub-checks use).
pub(super) fn judge(raw: &[u8], bytes: ByteSet) -> Option<&'static str> {
    if raw.is_empty() || boolean_literals(raw) {
        return None;
    }
    // A query string that was never form-decoded spells blanks as `+`: always when the value
    // has no other blank, and next to a separator (`&&+|+dir`) in any case.
    let plus_is_space = bytes.any(PLUS) && !raw.iter().any(|&b| b == b' ' || b == b'\t');
    let spaced;
    let plus_near_sep = || {
        memchr::memchr_iter(b'+', raw)
            .any(|i| (i > 0 && is_sep(raw[i - 1])) || raw.get(i + 1).is_some_and(|&c| is_sep(c)))
    };
    let v: &[u8] = if !plus_is_space && bytes.any(PLUS) && plus_near_sep() {
        spaced = raw
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                let near_sep =
                    (i > 0 && is_sep(raw[i - 1])) || raw.get(i + 1).is_some_and(|&c| is_sep(c));
                if b == b'+' && near_sep {
                    b' '
                } else {
                    b
                }
            })
            .collect::<Vec<u8>>();
        &spaced
    } else {
        raw
    };
    if bytes.all(BRACE | PAREN) && shellshock(v) {
        return Some("shellshock");
    }
    if bytes.any(SEP) && probe_after_host(v, plus_is_space) {
        return Some("separator+command");
    }
    if bytes.all(PAREN) && code_exec_call(v) {
        return Some("code-exec-call");
    }
    if bytes.any(PAREN | BRACE | BRACKET | SLASH) && command_quote(v) {
        return Some("command-quote");
    }
    if bytes.all(ANGLE | HASH) && server_side_include(v) {
        return Some("ssi-exec");
    }
    if bytes.all(PAREN | QUOTE | QUESTION) && freemarker_new(v) {
        return Some("template-execute");
    }
    if bytes.all(BRACE) && template_object_walk(v) {
        return Some("template-execute");
    }
    if git_ext_transport(v) {
        return Some("git-ext-transport");
    }
    if bytes.all(PAREN | QUOTE) && perl_pipe_open(v) {
        return Some("perl-pipe-open");
    }
    if bytes.any(DASH) && powershell_new_object(v) {
        return Some("powershell-new-object");
    }
    if bytes.all(DOLLAR) && php_code(v) {
        return Some("php-code");
    }
    if bytes.all(DOLLAR | BRACE) && jndi_lookup(v) {
        return Some("jndi-lookup");
    }
    if bytes.all(DOLLAR) && shell_expansion(v) {
        return Some("shell-expansion");
    }
    if bytes.all(SLASH) && dev_tcp(v) {
        return Some("dev-tcp");
    }
    if bytes.any(BRACKET) && powershell_type_member(v) {
        return Some("powershell-type-member");
    }
    // `$e=[char]105+[char]101+[char]120; & $e 'id'`: the call on a variable needs no
    // parenthesis, so any bracket lets the char-code check run.
    if bytes.any(BRACKET) && char_code_call(v) {
        return Some("powershell-char-codes");
    }
    if bytes.all(BRACKET | PAREN) && wmi_process_cast(v) {
        return Some("powershell-wmi-process");
    }
    if bytes.all(DOLLAR) && powershell_engine(v) {
        return Some("powershell-engine");
    }
    if bytes.any(PERCENT) && cmd_substring(v) {
        return Some("cmd-substring");
    }
    if bytes.all(ANGLE) && leading_redirection(v, plus_is_space) {
        return Some("redirection");
    }
    if bytes.all(ANGLE) && spaced_system_redirection(v, plus_is_space) {
        return Some("redirection");
    }
    if bytes.all(ANGLE) && token_then_redirection(v, plus_is_space) {
        return Some("redirection");
    }
    if matches!(v.first(), Some(b'!' | b':' | b' ')) && interactive_escape(v, plus_is_space) {
        return Some("shell-escape");
    }
    if matches!(v.first(), Some(b'-' | b'+' | b'\'' | b'"')) && prefixed_escape(v, plus_is_space) {
        return Some("shell-escape");
    }
    if bytes.any(LF) && escape_after_keystroke(v, plus_is_space) {
        return Some("shell-escape");
    }
    if bytes.any(SLASH) && imagemagick_coder(v) {
        return Some("imagemagick-coder");
    }
    if matches!(v.first(), Some(b'p' | b'P' | b'\'' | b'"')) && imagemagick_pipe(v) {
        return Some("imagemagick-coder");
    }
    if bytes.all(PAREN) && process_builder(v) {
        return Some("code-exec-call");
    }
    if bytes.any(BACKTICK) && code_span_in_question(v) {
        return None;
    }
    // [`prose_pipe_into_filter`] wants one `|` and none of the bytes these classes hold
    // (each class holds only bytes it turns away; `+` read as a blank is in none).
    if bytes.any(PIPE)
        && !bytes.any(
            SEMI | AMP
                | LF
                | CR
                | DOLLAR
                | BACKTICK
                | ANGLE
                | QUOTE
                | BACKSLASH
                | PAREN
                | BRACE
                | PERCENT,
        )
        && prose_pipe_into_filter(v, plus_is_space)
    {
        return None;
    }
    if bytes.all(SEP | DASH) && history_clear(v, plus_is_space) {
        return Some("history-clear");
    }
    if bytes.any(PAREN) && powershell_array_subexpression(v, plus_is_space) {
        return Some("powershell-subexpression");
    }
    // (It reads the starts after `;`, `&` and `|` only.)
    if bytes.any(SEMI | AMP | PIPE) && unknown_command_after_separator(v, plus_is_space) {
        return Some("separator+command");
    }
    if bytes.any(DASH) && options::option_injection(v) {
        return Some("option-injection");
    }
    if options::sed_execute(v) {
        return Some("option-injection");
    }
    if bytes.all(DOLLAR | PAREN | LT) && substitution_reads_file(v) {
        return Some("substitution");
    }
    if bytes.any(PERCENT) && options::ghostscript_pipe(v) {
        return Some("option-injection");
    }
    if (bytes.any(PERCENT) || memchr::memchr(0xAD, v).is_some()) && options::soft_hyphen_options(v)
    {
        return Some("option-injection");
    }
    if bytes.all(ESCAPE | BRACE) && options::tex_write18(v) {
        return Some("tex-write18");
    }
    if bytes.all(DOLLAR | BRACE) && exim_run(v) {
        return Some("exim-run");
    }
    let mut starts = Starts::default();
    // A value that opens with a quote or `<` closes the application's string or redirects
    // input: what follows is in command position, though not as tightly as after `;`.
    let lead = v
        .iter()
        .position(|&b| !is_blank(b, plus_is_space))
        .unwrap_or(0);
    let mention = matches!(v.get(lead), Some(b'\'' | b'"')) && quoted_mention(v, lead);
    match v.get(lead) {
        Some(b'\'' | b'"') if !mention => starts.push((lead + 1, Start::Loose)),
        // `<id;`, `<uname -a`; not a tag (`<dd>`): no `>` before the first blank.
        Some(b'<')
            if v.get(lead + 1).is_some_and(u8::is_ascii_alphabetic)
                && !v[lead..]
                    .iter()
                    .take_while(|&&b| !is_blank(b, plus_is_space) && !is_sep(b))
                    .any(|&b| b == b'>')
                && !html_start_tag(&v[lead..]) =>
        {
            // `<id;`: the word closed by a separator is as tight as after `;`.
            let token = v[lead..]
                .iter()
                .position(|&b| is_blank(b, plus_is_space) || is_sep(b))
                .map(|p| v[lead + p]);
            let kind = if token.is_some_and(is_sep) {
                Start::Tight
            } else {
                Start::Loose
            };
            starts.push((lead + 1, kind))
        }
        _ => {}
    }
    // A dead value start ([`dead_value_start`]: prose opening with a word no command, family
    // or verb opens, a path climbing out) is judged `None` by [`judge_start`]; it is still
    // pushed, so the scan's cap counts the same starts, and skipped when the starts are
    // judged.
    let value_dead = !mention && dead_value_start(v, plus_is_space);
    if !mention {
        starts.push((0, Start::Value));
    }
    // Without any byte of [`START_BYTE`] the scan finds nothing: skip it.
    if bytes.any(SEP | DOLLAR | ANGLE | BACKTICK | BRACE | ESCAPE) {
        let before_scan = starts.len();
        match scan_starts(v, bytes, plus_is_space, &mut starts, true) {
            Scan::Done => {}
            Scan::Hit(reason) => return Some(reason),
            // Dead starts were counted against the cap without knowing whether the exact
            // scan keeps them: scan again the exact way, so the same starts are judged.
            Scan::Capped => {
                starts.len = before_scan;
                if let Scan::Hit(reason) = scan_starts(v, bytes, plus_is_space, &mut starts, false)
                {
                    return Some(reason);
                }
            }
        }
    }
    let found = starts
        .iter()
        .filter(|&(at, kind)| !(value_dead && at == 0 && kind == Start::Value))
        .find_map(|(at, kind)| judge_start(v, at, kind, plus_is_space));
    found
}

/// For the value's start, or the start just after the quote that opens the value: where
/// that quote closes (the offset of the closing quote) when it closes on the same line
/// after a blank inside and before a blank or the end (a quoted phrase, `"free shipping"
/// -x`).
fn opening_quoted_phrase(v: &[u8], at: usize, kind: Start, plus: bool) -> Option<usize> {
    let at = match kind {
        Start::Value => at + v[at..].iter().take_while(|&&b| is_blank(b, plus)).count() + 1,
        _ => at,
    };
    let q = *v.get(at.checked_sub(1)?)?;
    if !matches!(q, b'\'' | b'"') || !v[..at - 1].iter().all(|&b| is_blank(b, plus)) {
        return None;
    }
    let span = &v[at..v.len().min(at + MAX_ARGS)];
    let close = span.iter().position(|&b| b == q || b == b'\n')?;
    (span[close] == q
        && span[..close].iter().any(|&b| is_blank(b, plus))
        && v.get(at + close + 1).is_none_or(|&b| is_blank(b, plus)))
    .then_some(at + close)
}

/// Whether the text of a command word has a caret and no other byte a shell removes from a
/// name (quotes, `\`, `$`, backtick): a name spelt with cmd's escape alone.
fn caret_spelt(raw: &[u8]) -> bool {
    memchr::memchr(b'^', raw).is_some()
        && !raw
            .iter()
            .any(|&c| matches!(c, b'\'' | b'"' | b'\\' | b'$' | b'`'))
}

/// The words [`judge_start`] reads by name before it classifies the word or when the word
/// is unknown to the vocabulary (besides [`WRAPPERS`]): a start on any other unknown plain
/// word decides nothing (see `scan::unknown_plain_word`). A rule that picks a new word by
/// name there must add it here.
const RULE_WORDS: &[&[u8]] = &[
    b"sleep",
    b"if",
    b"for",
    b"function",
    b"waitfor",
    b"choice",
    b"shell",
    b"case",
    b"coproc",
    b"taskset",
    b"stdbuf",
    b"nsenter",
    b"ionice",
    b"setsid",
    b"do",
    b"then",
    b"else",
    b"eval",
    b"trap",
    b"while",
    b"until",
    b"sal",
    b"nal",
];

/// Whether [`judge_start`] reads `word` (lower-case) by name: see [`RULE_WORDS`]. Most words
/// asked about are prose's (`in`, `to`, `all`): the length and the two end bytes of a named
/// word turn nearly all of them away before the lists are compared.
pub(super) fn named_by_a_rule(word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    let Some(&(firsts, lasts)) = NAMED_ENDS.get(word.len()) else {
        return false;
    };
    firsts & end_bit(first) != 0
        && lasts & end_bit(last) != 0
        && (RULE_WORDS.contains(&word) || WRAPPERS.contains(&word))
}

/// The bit of a word's first or last byte in [`NAMED_ENDS`] (each letter its own; other
/// bytes share bits with letters, which only lets more words through to the lists).
const fn end_bit(c: u8) -> u32 {
    1 << (c & 31)
}

/// For each length, the [`end_bit`]s of the first and of the last bytes of the words
/// [`named_by_a_rule`] lists (none is longer than eight bytes: a longer one would stop the
/// build here), built at compile time.
static NAMED_ENDS: [(u32, u32); 9] = {
    let mut t = [(0u32, 0u32); 9];
    let lists = [RULE_WORDS, WRAPPERS];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let w = lists[l][i];
            let (f, e) = t[w.len()];
            t[w.len()] = (f | end_bit(w[0]), e | end_bit(w[w.len() - 1]));
            i += 1;
        }
        l += 1;
    }
    t
};

pub(super) fn judge_start(v: &[u8], at: usize, kind: Start, plus: bool) -> Option<&'static str> {
    // A Markdown code span in prose (`` Why does `ls` show nothing? ``) shows the text
    // inside it: only that text is read as the command, the sentence after it is no
    // argument.
    let span_end =
        (kind == Start::Backtick && markdown_code_span(v, at, plus)).then(|| code_span_end(v, at));
    let code_span = span_end.is_some();
    let shown_in_sentence = span_end.is_some_and(|close| span_in_sentence(v, at, close));
    let whole = v;
    let v = span_end.map_or(v, |close| &v[..close]);
    // `"free shipping" -amazon`: a quoted phrase opening the value and ending before a
    // blank. Read as a command line of its own, its words are the command and its
    // arguments (`"sh -c id" x`); what follows the closing quote is the application's
    // command going on (the phrase closed its string and the next one), no argument of
    // theirs.
    let v = match (kind, span_end) {
        (Start::Loose | Start::Value, None) => {
            opening_quoted_phrase(v, at, kind, plus).map_or(v, |close| &v[..close])
        }
        _ => v,
    };
    if powershell_call_operator(v, at) {
        return Some("powershell-call");
    }
    if cmd_delimited_switch(v, at, plus) {
        return Some("cmd-switch");
    }
    // `; >/tmp/pwned`, `|>>/var/www/x.php`: after a separator a redirection alone creates or
    // truncates a file in a directory.
    if matches!(kind, Start::Tight | Start::Loose | Start::Data)
        && v.get(at..)
            .is_some_and(|rest| leading_redirection(rest, plus))
    {
        return Some("redirection");
    }
    if shell_variable_here_string(v, at) {
        return Some("here-string-shell");
    }
    // `;icm{whoami}`, `x|%{whoami}`, `|foreach {id}`: a PowerShell script block handed to
    // a command that runs it (see [`script_block_invoker`]); its text is a command line.
    // (The first bytes of the invokers' names, or a blank before one, let a start in.)
    if kind != Start::Value
        && matches!(
            v.get(at),
            Some(
                b'i' | b'I' | b'%' | b'f' | b'F' | b'?' | b'w' | b'W' | b's' | b'S' | b' ' | b'\t'
            )
        )
    {
        if let Some(mut brace) = script_block_invoker(v, at, plus) {
            // Nested blocks (`%{%{id}}`) are walked here, not by recursion, so the stack
            // stays bounded whatever the value; deeper nesting than any script writes is
            // obfuscation itself.
            for _ in 0..MAX_NESTED_BLOCKS {
                match script_block_invoker(v, brace + 1, plus) {
                    Some(inner) => brace = inner,
                    None => {
                        return judge_start(v, brace + 1, Start::Tight, plus)
                            .map(|_| "powershell-script-block");
                    }
                }
            }
            return Some("powershell-script-block");
        }
    }
    // `;u=who;$u'ami'`: a name assembled from a variable the value set (see
    // [`assembled_from_assigned`]); only after a separator, where the assignment ran.
    // (Its `$`, or a blank before it, lets a start in.)
    if kind != Start::Value
        && matches!(v.get(at), Some(b'$' | b' ' | b'\t'))
        && assembled_from_assigned(v, at, plus)
    {
        return Some("assembled-command");
    }
    let (word_buf, end, assigned) = read_command_word_in_place(v, at, kind, plus)?;
    let word: &[u8] = word_buf.as_slice();
    // `Elinks('elinks')`, `mknod()) were added`: a plain name glued to `(` is a function
    // call in code or prose. To sh it opens a function definition (`name()`), so the name
    // never runs; anything but `)` after the `(` is a syntax error. cmd's `echo(` prints,
    // and PowerShell passes a parenthesised argument to a command (`iex(…)`,
    // `Invoke-Expression('…')`): its code-running aliases and `Verb-Noun` cmdlets stay judged.
    // Only where code and prose put such a call, a value's or a line's start: after a
    // separator (`& whoami(x)`) PowerShell's reading is the likelier one.
    if matches!(kind, Start::Value | Start::Newline)
        && v.get(end) == Some(&b'(')
        && !matches!(
            word,
            b"echo" | b"iex" | b"icm" | b"saps" | b"start" | b"powershell" | b"pwsh" | b"cmd"
        )
        && !word.is_empty()
        && word
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
    {
        return None;
    }
    // `staple;correct;sleep;orange62` (a generated passphrase): `sleep` with no duration
    // fails at once and delays nothing, so it neither probes timing nor proves a shell ran.
    if word == b"sleep"
        && v[end..]
            .iter()
            .find(|&&b| !is_blank(b, plus))
            .is_none_or(|&b| matches!(b, b';' | b'|' | b'&' | b'\n'))
    {
        return None;
    }
    // A word opening with a non-ASCII byte (prose in another script) is no command: it
    // classifies as Unknown (see [`classify`]) and, with no ASCII verb before a `-`, is no
    // cmdlet either; none of the word rules before those apply to it.
    if word.first().is_some_and(|&c| c >= 0x80) {
        return None;
    }
    // `;(iP&L`, `|sU>90`: a short word with a capital after a small letter is a piece of a
    // random string (a password, a token). Unix names are lower case and cmd's are written
    // lower, upper or capitalised; obfuscated case (`wHoAmI`) spells a longer name.
    if word.len() <= 3 && oddly_cased(&v[at..end]) {
        return None;
    }
    // `i^d \bmod {p}` on a formula's second line: `^` is cmd's escape and no other shell's
    // (sh keeps it as a letter of the name, PowerShell escapes with a backtick), and cmd
    // ends a command line at a line feed. After a newline a name spelt with carets runs only
    // where a script is run line by line by cmd, so only as one of Windows' commands
    // (`who^ami`, `n^et user`); `i^d`, `l^s` name none.
    if kind == Start::Newline && caret_spelt(&v[at..end]) && !vocabulary::runs_on_windows(word) {
        return None;
    }
    // `Hello; ls isn't my thing`: an apostrophe inside a word after the command opens a
    // quote the line never closes, and sh refuses the whole line before running any of it.
    // Quotes that splice a name (`c'a't`, `/b'i'n/c'a't`) or the path handed to it
    // (`/e't'c/p'a's's'w'd`) are no contraction: prose writes neither, and the line is the
    // obfuscated command whatever quote the application closes it with.
    if matches!(
        kind,
        Start::Value | Start::Tight | Start::Loose | Start::Newline
    ) && unclosed_contraction(v, end)
        && !quote_spliced(&v[at..end])
        && !spliced_path_operand(v, end, plus)
    {
        return None;
    }
    // After a data token a start is judged as tightly as after `;id`; only English-word
    // commands keep asking for arguments (see the `Word` arm below).
    let data = kind == Start::Data;
    let kind = if data { Start::Tight } else { kind };
    // `&q=a b`: a query-string pair followed by prose is not `NAME=value cmd`.
    let kind = if assigned && kind == Start::Tight {
        Start::Loose
    } else {
        kind
    };
    // `if` and `for` are judged only as the Windows conditional and loop: as words they are
    // everywhere in prose.
    if word == b"if" || word == b"if/i" {
        if kind != Start::Loose && word == b"if" && compound_condition(v, end, plus) {
            return Some("compound-command");
        }
        return (kind != Start::Loose && windows_if(v, end)).then_some("cmd-if");
    }
    if word == b"for" {
        return windows_for(v, end).then_some("cmd-for");
    }
    // `;function f { id; }; f`: Bash's keyword form of a function definition. JavaScript
    // always writes `()` after the name, so `function NAME {` is shell; the body's first
    // word is in command position.
    if word == b"function" {
        return function_body(v, end, plus)
            .and_then(|body| judge_start(v, body, Start::Tight, plus))
            .map(|_| "function-definition");
    }
    // `& choice /t 5 /d y`: cmd's timing probe (the names are no Unix commands and the
    // vocabulary does not know them).
    if windows_wait(word, v, end, plus) {
        return Some("timing-probe");
    }
    // `$(shell id)`: make's (and Makefile-templating tools') function that runs its text
    // as a command line.
    if word == b"shell" && kind == Start::Subst {
        return judge_start(v, end, Start::Tight, plus).map(|_| "make-shell");
    }
    // `$(Get-Date)`, `$( Invoke-Foo )`: PowerShell's subexpression runs a `Verb-Noun`
    // cmdlet, known noun or not (a price or a currency in `$(…)` has no verb and dash).
    if kind == Start::Subst && powershell_subexpression_cmdlet(v, at, word) {
        return Some("powershell-subexpression");
    }
    // `; . {whoami}`: PowerShell's dot-sourcing of a script block runs the command inside
    // it in the current scope, as `& {whoami}` runs it in a child scope. The `.` then `{`
    // is that shape alone (sh's `.` takes a file), so a loose start qualifies too.
    if word == b"." && kind != Start::Value {
        let brace = end + v[end..].iter().take_while(|&&b| is_blank(b, plus)).count();
        if v.get(brace) == Some(&b'{') {
            return judge_start(v, brace + 1, Start::Tight, plus).map(|_| "dot-source");
        }
    }
    // `.shell cmd`, `.system cmd` (the SQLite shell's escapes to the OS) and `. shell`:
    // the next word is in command position.
    if matches!(word, b".shell" | b".system" | b".") && kind != Start::Loose {
        let mut at = end;
        if word == b"." {
            match read_command_word(v, end, Start::Tight, plus) {
                Some((w, e, _)) if matches!(w.as_slice(), b"shell" | b"system") => at = e,
                // `; . /tmp/x.sh`: the shell's `.` runs a script file in the current shell.
                // (A whole value too when the script is in a scratch directory.)
                Some((w, _, _))
                    if (kind != Start::Value || in_scratch_dir(w.as_slice()))
                        && path_to_run(w.as_slice()) =>
                {
                    return Some("dot-source")
                }
                _ => return None,
            }
        }
        // The inner word never starts with a dot, so this recursion is one level deep.
        let inner_is_dotted = read_command_word(v, at, Start::Tight, plus)
            .is_none_or(|(w, _, _)| w.as_slice().starts_with(b"."));
        if inner_is_dotted {
            return None;
        }
        return judge_start(v, at, Start::Tight, plus).map(|_| "sqlite-shell-command");
    }
    // `;.sh whoami`: a dot glued to a command after a tight separator still runs it. Not
    // an everyday word behind the dot: `c#;.net` names a platform, `;.com` a domain.
    let word = match word {
        [b'.', c, rest @ ..]
            if c.is_ascii_alphabetic()
                && kind == Start::Tight
                && !matches!(
                    classify(&word[1..=rest.len() + 1]),
                    CommandWord::Known(Tier::Word)
                ) =>
        {
            &word[1..=rest.len() + 1]
        }
        _ => word,
    };
    // `%SystemRoot%\system32\cmd.exe`: cmd's backslashes separate directories, not escapes.
    let windows_path = if matches!(word.first(), Some(b'%' | b'$')) {
        windows_variable_path(&v[at..end])
    } else {
        None
    };
    let from_windows_path = windows_path.is_some();
    // `;case x in *) id;; esac`: the command list after a pattern's `)` runs. The whole
    // `case WORD in PATTERN)` shape is the shell's, so a loose start qualifies too.
    if word == b"case" {
        if let Some(body) = case_body(v, end, plus) {
            // The body never starts with `case` again unless the value nests one, and
            // each level moves `at` forward, so the recursion ends with the value.
            if let Some(reason) = judge_start(v, body, Start::Tight, plus) {
                return Some(reason);
            }
        }
    }
    // `;command id`, `;builtin exec id`, `;nohup id`: after a tight separator a wrapper
    // leaves the word after it as tightly in command position. The loop below skips the
    // wrappers, so the word judged again is no wrapper and this recursion is one level deep.
    // (`sh` and `bash` run a script file named by the next word, not a command.) The
    // reserved words `do`, `then` and `else` leave the next word in command position too
    // (`;for i in 1;do id;done`): glued to a separator, prose never writes them.
    let prefix_wrapper = |w: &[u8]| {
        matches!(
            w,
            b"coproc"
                | b"taskset"
                | b"stdbuf"
                | b"nsenter"
                | b"ionice"
                | b"setsid"
                | b"do"
                | b"then"
                | b"else"
        ) || (WRAPPERS.contains(&w) && !matches!(w, b"sh" | b"bash"))
    };
    // `; for i in 1; do id; done`, `; if [ 1 ]; then whoami; fi`: after a loose separator
    // too, once the compound command that `do` or `then` belongs to was opened in command
    // position before it (prose writes "do good; then rest" without one).
    let compound_body = kind == Start::Loose
        && matches!(word, b"do" | b"then" | b"else")
        && compound_opened(&v[..at], word == b"do", plus);
    if (kind == Start::Tight || compound_body) && prefix_wrapper(word) {
        // `;builtin exec id`: up to three wrappers in a row are skipped, with their options
        // and numeric operands (`nice -n 19 id`, `taskset 1 id`, `nsenter -t 1 -m id`).
        let mut inner = end;
        let mut timeout = word == b"timeout";
        for _ in 0..3 {
            if timeout {
                inner += duration_len(v, inner, plus);
            }
            inner = skip_wrapper_options(v, inner, plus);
            match read_command_word(v, inner, Start::Tight, plus) {
                Some((w, e, _)) if prefix_wrapper(w.as_slice()) => {
                    timeout = w.as_slice() == b"timeout";
                    inner = e;
                }
                Some(_) => {
                    if let Some(reason) = judge_start(v, inner, Start::Tight, plus) {
                        return Some(reason);
                    }
                    break;
                }
                None => break,
            }
        }
    }
    // `x; time id`, `abc; eval id`, `x; nohup id`, `x; timeout 5 id`: after a spaced
    // separator that follows one token (a parameter's value) or a `;`/`|`, a precommand in
    // a shell's lower case (a reserved word or builtin that runs the words after it) hands
    // command position to the next word, which is judged as tightly as after `;id`. Prose
    // writes "fun; time flies", "a; nice try", "x; command line": the word after is no
    // command, or an English one with no shell arguments.
    if kind == Start::Loose
        && (prefix_wrapper(word) || word == b"eval")
        && !matches!(word, b"do" | b"then" | b"else")
        && !v[at..end].iter().any(u8::is_ascii_uppercase)
        && (one_token_before(v, at, plus)
            || matches!(
                v[..at].iter().rev().copied().find(|&b| !is_blank(b, plus)),
                Some(b';' | b'|')
            ))
    {
        if let Some(reason) = precommand_operand(v, word, end, plus) {
            return Some(reason);
        }
    }
    // `; trap id EXIT`, `x; trap 'curl …|sh' INT`: the builtin runs its first operand as a
    // command line when the shell gets the signal named after it (EXIT: when it ends).
    if word == b"trap" && !v[at..end].iter().any(u8::is_ascii_uppercase) {
        if let Some(reason) = trap_handler(v, end, plus) {
            return Some(reason);
        }
    }
    let cw = windows_path.unwrap_or_else(|| classify(word));
    if cw == CommandWord::Unknown {
        // `8.8.8.8;/tmp/.b`, `x||./run`, `$(/tmp/x)`: a path to a file right after a tight
        // separator or inside a substitution is run, whatever its name (a dropper's last
        // step runs the file an earlier request wrote).
        // The path is glued to its separator (a list of paths one per line, or prose after
        // `; `, names files without running them).
        // Nor is `..;/manager/html`: Tomcat's path parameter, not a separator.
        let glued = at > 0
            && !matches!(v[at - 1], b'\n' | b'\r')
            && !v[..at - 1].ends_with(b"..")
            && !v[at..end]
                .iter()
                .take_while(|&&b| !matches!(b, b'/' | b'.' | b'~'))
                .any(|&b| is_blank(b, plus));
        // A quote inside the path (`&&/"i/5`) is a random string's, not a path's.
        let unquoted = || !v[at..end].iter().any(|&b| matches!(b, b'"' | b'\''));
        if matches!(kind, Start::Tight | Start::Subst) && glued && path_to_run(word) && unquoted() {
            return Some("path-command");
        }
        if dropped_program(v, at, word, kind, plus) {
            return Some("path-command");
        }
        if matches!(word, b"while" | b"until")
            && kind != Start::Loose
            && compound_condition(v, end, plus)
        {
            return Some("compound-command");
        }
        if matches!(word, b"sal" | b"nal") && alias_to_command(v, end, plus) {
            return Some("powershell-alias");
        }
        return (cmdlet_with_parameters(word, v, end, plus)
            || (kind != Start::Value && file_writer_cmdlet(word, v, end, plus))
            || (kind != Start::Value && cmdlet_redirected_to_file(word, v, end, plus)))
        .then_some("powershell-cmdlet");
    }
    // `Opera/9.80 (J2ME/MIDP; Opera Mini/4.2.14912/870; U; id) Presto/2.4.15`: a language
    // tag or platform word alone in its field of a product token's comment is a field of
    // a header, not a command (see [`product_comment_field`]). Names that are only
    // commands, and a command with arguments (`(X11; sleep 5)`), still count.
    // A field naming a runtime and its version (`(Linux; PHP 8.3.13)`) is a product too,
    // and so is a tool glued after a product token's `;` (`SendGrid/6.11.0;java`).
    if matches!(cw, CommandWord::Known(Tier::Word | Tier::Tool))
        && ((product_comment_field(v, at, plus)
            && (matches!(
                v[end..].iter().find(|&&b| !is_blank(b, plus)),
                Some(b';' | b')')
            ) || versioned_comment_field(v, end, word, plus)))
            || (kind == Start::Backtick && closing_span_of_words(v, at, plus)))
    {
        return None;
    }
    if cw == CommandWord::Known(Tier::Tool)
        && product_list_field(v, at)
        && matches!(
            v[end..].iter().find(|&&b| !is_blank(b, plus)),
            None | Some(b';' | b')')
        )
    {
        return None;
    }
    if man_page_reference(v, end)
        || ((word.first() == Some(&b'/') || cw == CommandWord::GlobPath)
            && capitalised_name(v, at, end, plus))
    {
        return None;
    }
    // `printf ("x")`, `print('a')`, `set(…)`: a name followed by `(` is a function call in
    // C, Python or JavaScript source; a shell passes arguments as words, never in
    // parentheses. Only after a separator glued on (`;set(`) is it judged as a command;
    // exotic names (`iex(New-Object …)`) are never code identifiers.
    // The first byte after the word and its blanks, and the last before the start's blanks.
    let next_byte = || v[end..].iter().copied().find(|&b| !is_blank(b, plus));
    let byte_before = || v[..at].iter().rev().copied().find(|&b| !is_blank(b, plus));
    if matches!(cw, CommandWord::Known(Tier::Word | Tier::Tool))
        && matches!(kind, Start::Value | Start::Loose | Start::Newline)
        && next_byte() == Some(b'(')
    {
        return None;
    }
    let paired = word_buf.quotes.iter().any(|&n| n >= 2 && n % 2 == 0);
    let quoted_inside = paired && {
        // Quotes that only wrap the word (`'id'`) hide nothing.
        let raw = &v[at..end];
        let raw = &raw[raw.iter().position(|b| !is_blank(*b, plus)).unwrap_or(0)..];
        let wrapped = word_buf.quotes.iter().sum::<u8>() == 2
            && matches!(raw.first(), Some(b'\'' | b'"'))
            && matches!(raw.last(), Some(b'\'' | b'"'));
        !wrapped
    };
    // `e^x`, `c^d`: a caret between two letters is an exponent; cmd's escape hides a word
    // of three letters or more (`w^hoami`, `n^et`), where math names no command.
    let caret_math = word.len() < 3
        && v[at..end].contains(&b'^')
        && !v[at..end]
            .iter()
            .any(|&b| matches!(b, b'\\' | b'\'' | b'"' | b'$' | b'`'));
    let obfuscated = word_buf.obfuscated && !caret_math && !from_windows_path;
    // A name known only by its extension (`a\\b.exe`) is a Windows path, not an escaped word.
    if (obfuscated || quoted_inside)
        && matches!(cw, CommandWord::Known(_))
        && !executable_name(std::str::from_utf8(word).unwrap_or_default())
    {
        return Some("obfuscated-command");
    }
    // `sudo apt-get update`: an ordinary program line run with more rights, see
    // [`harmless_segment`].
    if kind == Start::Value && word == b"sudo" && harmless_command_line(word, v, at, end, plus) {
        return None;
    }
    // `time cmd`, `nohup cmd`, `sudo cmd`: the wrapped word is in command position too.
    if WRAPPERS.contains(&word) && kind != Start::Loose {
        // `"time" who`: the shell removes quotes, so a quoted wrapper still runs the word
        // after it; prose quoting a word ("nice" people) goes on past a lone command word.
        let quoted_wrapper = word_buf.quotes.iter().sum::<u8>() >= 2;
        // `timeout 5 ls`: timeout's duration comes before the command it runs.
        let duration = if word == b"timeout" {
            duration_len(v, end, plus)
        } else {
            0
        };
        // `sh sh baby`: a word said twice is a lyric or a stutter, not a wrapper running
        // itself.
        if let Some((inner, inner_end, _)) =
            read_command_word(v, end + duration, Start::Tight, plus)
                .filter(|(inner, _, _)| inner.as_slice() != word)
        {
            // `exec chef` (an executive chef), `time python course`, `watch docker videos`:
            // a wrapper that is an English word opening a value or a line is prose's word
            // unless the command it would run shows a command line of its own; a tool name
            // (`chef`, `python`) is also a noun. Names no sentence writes (`exec nmap`) and
            // shells (`exec bash`) keep their weight.
            let english_wrapper = matches!(kind, Start::Value | Start::Newline)
                && matches!(word, b"exec" | b"time" | b"nice" | b"watch" | b"command");
            let strong = match classify(inner.as_slice()) {
                CommandWord::Known(Tier::Tool) if english_wrapper => {
                    let next = v[inner_end..].iter().find(|&&b| !is_blank(b, plus));
                    has_shell_arguments(v, inner_end, plus)
                        || next.is_some_and(|&b| is_sep(b))
                        || inner.as_slice().first() == Some(&b'/')
                        // `time curl coreruleset.org`, `exec python x.py`: a host or a file
                        // handed to the tool, which no noun phrase writes.
                        || operand_with_dot_or_slash(v, inner_end, plus)
                        || (quoted_wrapper && next.is_none_or(|&b| b == b'\n' || b == b'\r'))
                }
                CommandWord::Known(Tier::Exotic | Tier::Tool) | CommandWord::GlobPath => true,
                CommandWord::Known(Tier::Word) | CommandWord::Variable => {
                    let next = v[inner_end..].iter().find(|&&b| !is_blank(b, plus));
                    has_shell_arguments(v, inner_end, plus)
                        || next.is_some_and(|&b| is_sep(b))
                        || (duration > 0 && next.is_none())
                        || (quoted_wrapper && next.is_none_or(|&b| b == b'\n' || b == b'\r'))
                        // `eval 'id'`: eval runs the string it is given as a command line.
                        || (word == b"eval" && inner.quotes.iter().sum::<u8>() >= 2)
                }
                CommandWord::Unknown => false,
            };
            if strong {
                return Some("wrapped-command");
            }
        }
    }
    let evidence = || has_shell_arguments(v, end, plus);
    let terminated =
        || next_byte().is_none_or(|b| is_sep(b) || matches!(b, b'`' | b')' | b'#' | b'}' | b'\\'));
    let terminated_by_sep = || next_byte().is_some_and(|b| is_sep(b) || b == b'`');
    // `sleep 5`, `ping 127` …: a timing probe is the command, a number and nothing else.
    let timing_probe = || {
        matches!(word, b"sleep" | b"ping" | b"timeout") && {
            let rest = &v[end..];
            let s = rest
                .iter()
                .position(|&b| !is_blank(b, plus))
                .unwrap_or(rest.len());
            let n = rest[s..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = &rest[s + n..];
            n > 0
                && after
                    .iter()
                    .copied()
                    .find(|&b| !is_blank(b, plus))
                    .is_none_or(|b| is_sep(b) || matches!(b, b'`' | b')' | b'#' | b'\\'))
        }
    };
    let evidence = || {
        evidence()
            || timing_probe()
            || powershell_parameter(word, v, end, plus)
            || command_syntax(word, v, end, plus)
            || powershell_subexpression(word, v, end, plus)
            || (word == b"alias" && alias_definition(v, end, plus))
            || (kind == Start::Value && pipes_into_tool(v, end, plus))
            // After a separator only: at the start of a value `Start setup.exe to install`
            // and `Net user count` are sentences.
            || (matches!(kind, Start::Loose | Start::Tight)
                && windows_arguments(word, v, end, plus))
    };
    // `Set the flag --force-x to …`, `Strings passed in as an argument to --eval`: a
    // sentence that opens with an English-word command is prose whatever options it names.
    // `Traceroute says that there is …`: so is a capitalised tool name (a shell runs
    // `traceroute`, never `Traceroute`).
    if matches!(kind, Start::Value | Start::Loose | Start::Newline)
        && (matches!(cw, CommandWord::Known(Tier::Word | Tier::Tool))
            || (cw == CommandWord::Known(Tier::Exotic) && title_case(v, at, end)))
        && sentence_runs_on(v, end, plus)
    {
        return None;
    }
    // `Timeout after 30s on /api/v1/orders`, `Sort /home/a by date`: cmd.exe runs a
    // capitalised `Sort` too, but its switches follow the name; function words of a
    // sentence after it (and no shell syntax) make the value a line of prose.
    // `ssh-keygen saves to ~/.ssh/id_rsa by default`: a tool name followed by a plain word
    // and a sentence about where things go is prose about the tool.
    if kind == Start::Value
        && matches!(cw, CommandWord::Known(_))
        && (title_case(v, at, end) || cw == CommandWord::Known(Tier::Exotic))
        && sentence_after_name(v, end, title_case(v, at, end), plus)
    {
        return None;
    }
    // `rm -rf / would delete everything`, `ls -l is short for …`: a verb of a sentence
    // after the command's options and paths makes the command the sentence's subject.
    if matches!(kind, Start::Value | Start::Loose | Start::Newline)
        && matches!(cw, CommandWord::Known(_))
        && verb_after_arguments(v, end, plus)
    {
        return None;
    }
    // `ls -la output below`, `docker compose up -d not working`, `git commit -m "fix typo"`:
    // a whole value that is a command line with no separator, substitution or redirection
    // and that ends in words of prose (or a quoted message of them) is what people type into
    // a search or help-desk box about the command.
    if kind == Start::Value && matches!(cw, CommandWord::Known(_)) && prose_tail(v, end, plus) {
        return None;
    }
    // `Node.js | Python | Go`: after a data token and a spaced separator, a title-case tool
    // name is a list item; an injected command is written in a shell's lower case.
    if data
        && matches!(v.get(at), Some(b' ' | b'\t'))
        && matches!(cw, CommandWord::Known(Tier::Word | Tier::Tool))
        && !vocabulary::is_windows_word(word)
        && title_case(v, at, end)
    {
        return None;
    }
    // `Docker & Kubernetes`, `Skills: Python | Bash | SQL`, `Perl | Python | Ruby`: a
    // capitalised name with nothing after it but punctuation or the next spaced separator is
    // an item of a list in prose. Unix runs `bash`, never `Bash`; Windows names are exempt.
    // `Date&Time`, `Books&More`, `Miles&More`, `Menu|Head`: two capitalised words joined by
    // a glued separator are a name or a menu label, even where cmd would run `More`.
    if kind == Start::Tight
        && cw == CommandWord::Known(Tier::Word)
        && title_case(v, at, end)
        && capitalised_item_before(v, at)
        && next_byte().is_none_or(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b')'))
    {
        return None;
    }
    // A never-English name (`Bash`, `Nmap`; also `Whoami`, which Windows runs in any case)
    // counts as an item only after another capitalised name (`Wireshark & Nmap`).
    if (matches!(kind, Start::Value | Start::Loose) || matches!(v.get(at), Some(b' ' | b'\t')))
        && match cw {
            CommandWord::Known(Tier::Word | Tier::Tool) => true,
            CommandWord::Known(Tier::Exotic) => capitalised_item_before(v, at),
            _ => false,
        }
        && !vocabulary::is_windows_word(word)
        && title_case(v, at, end)
        && next_byte().is_none_or(|b| matches!(b, b'.' | b',' | b')' | b'|' | b'&' | b';'))
        && v.get(end) != Some(&b'|')
    {
        return None;
    }
    // `| Free | $0 | 1 |`: a price in a Markdown table cell, not the running shell.
    if word == b"$0"
        && end >= 3
        && v[end - 2..end] == *b"$0"
        && is_blank(v[end - 3], plus)
        && next_byte().is_none_or(|b| b == b'|')
    {
        return None;
    }
    // `Cat /dog / fish`, `Head /office`: a Unix-only English-word command in title case is a
    // capitalised word of prose; Linux runs `cat`, not `Cat`.
    if matches!(kind, Start::Value | Start::Loose | Start::Newline)
        && cw == CommandWord::Known(Tier::Word)
        && !vocabulary::is_windows_word(word)
        && title_case(v, at, end)
    {
        return None;
    }
    // `/usr/local/bin/python3`, `/usr/bin/node`: a language interpreter's path alone is a
    // setting (an installer form, a CI field, the answer to "which python"); started with
    // no script and no code it runs nothing. A shell's path (`/bin/sh`) keeps its weight.
    if kind == Start::Value
        && word.first() == Some(&b'/')
        && interpreter_name(word.rsplit(|&b| b == b'/').next().unwrap_or_default())
        && v[end..].iter().all(|&b| is_blank(b, plus))
    {
        return None;
    }
    // `/usr/bin/env python3`: the shebang's way to the same interpreter, alone.
    if kind == Start::Value
        && matches!(word, b"/usr/bin/env" | b"/bin/env")
        && interpreter_name(trim_blanks(&v[end..], plus))
    {
        return None;
    }
    // `git checkout -- ../file.txt`, `git clone https://…/repo.git`: a whole value that is a
    // git command line with no shell syntax changes files in a work tree; the options that
    // make git run a program (`-c core.sshCommand=`, `--upload-pack=`) are judged by
    // [`options::option_injection`] before this.
    if kind == Start::Value && word == b"git" && !v[end..].iter().any(|&b| shell_syntax(b)) {
        return None;
    }
    // `cd ~/projects`, `cd /var/www`: a whole value that only changes the directory runs
    // nothing; the shell that `sh -c` started exits right after.
    if kind == Start::Value && word == b"cd" && {
        let rest = trim_blanks(&v[end..], plus);
        rest.len() <= 128
            && rest.iter().all(|&b| {
                !is_blank(b, plus)
                    && (b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'~' | b'-' | b'_'))
            })
    } {
        return None;
    }
    // `Difference between $(cmd) and backticks`: a placeholder name alone in a substitution
    // inside a sentence shows the syntax; no program is named.
    if kind == Start::Subst
        && matches!(word, b"cmd" | b"command" | b"cmds" | b"commands")
        && placeholder_in_sentence(v, at, end, plus)
    {
        return None;
    }
    if kind == Start::Value
        && whole_value_prose(
            word,
            v,
            at,
            end,
            cw == CommandWord::Known(Tier::Exotic),
            plus,
        )
    {
        return None;
    }
    // `docker run -it ubuntu`, `pip install -r requirements.txt`, `echo $HOME`: a whole
    // value that is an ordinary program with options and plain operands is what developers
    // paste into search boxes, issue trackers and settings fields. Run whole by `sh -c` it
    // reads no system file, opens no shell or connection and deletes nothing, so options
    // alone are no evidence; the dangerous programs and operands are judged as before.
    if kind == Start::Value
        && matches!(cw, CommandWord::Known(_))
        && harmless_command_line(word, v, at, end, plus)
    {
        return None;
    }
    let hit = match (cw, kind) {
        // Markdown code spans in prose (`` Run `ls` in the dir ``) name commands without
        // running them: they need shell-shaped arguments inside the span.
        // In a sentence the span runs as a substitution too (`echo "Comment: $V"` runs
        // backticks anywhere in a double-quoted string); what it holds decides, see
        // [`span_runs_probe`].
        (CommandWord::Known(_), Start::Backtick) if code_span => {
            if shown_in_sentence {
                span_runs_probe(word, whole, at, v, end, plus)
            } else {
                evidence()
            }
        }
        (CommandWord::GlobPath, Start::Value | Start::Loose) => {
            evidence() || word.first() == Some(&b'/')
        }
        (CommandWord::GlobPath, _) => true,
        // `$env:COMPUTERNAME`: PowerShell's environment drive, which only PowerShell writes
        (CommandWord::Variable, Start::Value) => {
            (evidence() && !placeholders_between_words(v, plus) && !tex_math(v))
                || word
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case(b"$env:"))
        }
        // A variable runs a command when it holds one: assigned earlier in the value
        // (`CMD=…;$CMD`), an environment variable that names a program (`;$SHELL`), or with
        // options or a command after it (`$a -nlvp 555`, `$u cat …`). Any other name is
        // unset on the server and expands to nothing: `&$RRD1fg91` is a password.
        // cmd's `%NAME%` runs only after cmd's own separators: to cmd a `;` is text
        // (`set PATH=C:\bin;%PATH%` extends a list).
        (CommandWord::Variable, _)
            if word.first() == Some(&b'%') && byte_before() == Some(b';') =>
        {
            false
        }
        (CommandWord::Variable, _) => {
            program_variable(word)
                // `$'whoami'`, `$"id"`: ANSI-C and locale quoting, a string, not a variable
                // (the word reader drops the quotes, leaving the command's name)
                || matches!(word.get(1), Some(b'\'' | b'"'))
                // `$env:COMPUTERNAME`: PowerShell prints an environment variable; `${env:X}`
                // is the same variable in PowerShell's braced spelling.
                || word.get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"$env:"))
                || word.get(..6).is_some_and(|p| p.eq_ignore_ascii_case(b"${env:"))
                || std::str::from_utf8(word.get(1..).unwrap_or_default())
                    .is_ok_and(|name| vocabulary::lookup(name).is_some())
                || variable_then_command(v, end, kind, plus)
                || assigned_before(v, at, word)
                || std::str::from_utf8(word).is_ok_and(transformed_expansion)
                || {
                    let rest = &v[end..];
                    let t = rest
                        .iter()
                        .position(|&b| !is_blank(b, plus))
                        .map(|p| &rest[p..]);
                    t.is_some_and(|t| t.len() > 1 && t[0] == b'-' && t[1].is_ascii_alphabetic())
                }
        }
        // A lone tool name is a search term; with anything after it, a command line.
        // A lone tool name is a search term; a command line has shell-shaped arguments or
        // runs another command (`strace ifconfig`).
        (CommandWord::Known(Tier::Exotic), Start::Value) => {
            alone_in_value(v, word, end, plus)
                // `ifconfig;…`, `whoami|…`: a tool ended by a separator, as only a shell
                // line is written; not prose's spaced "and" before a word of prose
                // (`uname & password`, `Bash & Co. Bakery`).
                || (terminated_by_sep() && !prose_ampersand(v, end, plus))
                || word.first() == Some(&b'/')
                || windows_switch(v, end, plus)
                || word.starts_with(b"bin/")
                || word.starts_with(b"usr/")
                || word.starts_with(b"sbin/")
                || evidence()
                || submitted_line(v, end, plus)
                || ((word.contains(&b'-') || ends_line(v)) && has_argument(v, end, plus))
                || read_command_word(v, end, Start::Tight, plus).is_some_and(|(w, _, _)| {
                    matches!(
                        classify(w.as_slice()),
                        CommandWord::Known(Tier::Exotic | Tier::Tool)
                    )
                })
        }
        // `…details).\nbase64 is a modern alternative.`: a sentence about the tool.
        (CommandWord::Known(Tier::Exotic), Start::Newline | Start::Loose) => {
            !sentence_follows(v, end, plus)
        }
        (CommandWord::Known(Tier::Exotic), _) => true,
        // `fork & knife`, `salt & java`: one plain word, a spaced `&` and a tool whose name
        // is an everyday noun, alone: prose's "and" joining two nouns. Started so, the tool
        // would run with no input or arguments and do nothing.
        (CommandWord::Known(Tier::Tool), Start::Tight | Start::Loose)
            if vocabulary::is_english(word) && nouns_joined(v, at, end, plus) =>
        {
            false
        }
        (
            CommandWord::Known(Tier::Tool),
            Start::Tight | Start::Data | Start::Subst | Start::Backtick,
        ) => true,
        (CommandWord::Known(Tier::Tool), Start::Value | Start::Loose) => {
            evidence()
                || (kind == Start::Loose && terminated() && lone_after_one_token(v, at, end, plus))
                || (kind == Start::Loose && command_after_one_token(v, at, end, word, plus))
                || (word.first() == Some(&b'/')
                    && v[end..].iter().all(|&b| is_blank(b, plus) || b == b'\n'))
                // `shutdown\n`: the tool alone on a submitted line, in a shell's lower case.
                || (kind == Start::Value
                    && submitted_line(v, end, plus)
                    && !v[..end].iter().any(u8::is_ascii_uppercase))
        }
        // `%0ahostname`: a value opening with a line break was written to end a line the
        // application built; a tool alone after it is a command.
        (CommandWord::Known(Tier::Tool), Start::Newline) => {
            evidence()
                || (terminated() && lone_after_one_token(v, at, end, plus))
                || terminated_by_sep()
                || (opens_with_line_break(&v[..at]) && terminated())
        }
        // A short command alone on its line (`\nid\n`) is not how prose breaks lines.
        (CommandWord::Known(Tier::Word), Start::Newline) => {
            let opens_line = opens_with_line_break(&v[..at]);
            evidence()
                || (word.len() <= 3 && terminated() && !title_case(v, at, end))
                // `%0adate`, `\r\nver`: a value that opens with a line break was written to
                // end the line the application built; a command alone after it runs.
                || (opens_line
                    && !title_case(v, at, end)
                    && (!vocabulary::is_english(word) || BARE_PRINTERS.contains(&word))
                    && terminated())
        }
        // Prose never glues a word to `;`, `|` or `&`, nor writes `&&`/`||` before one; a
        // sentence going on after the word (`1; exec will create`) is prose all the same.
        // `50%off&more`: see [`glued_ampersand_word`].
        (CommandWord::Known(Tier::Word), Start::Tight)
            if data
                && vocabulary::is_english(word)
                && !(at >= 1 && glued_ampersand_word(v, at - 1, end, word) && !evidence()) =>
        {
            evidence()
                || file_argument(v, end, plus)
                || command_after_one_token(v, at, end, word, plus)
                || quote_breakout(v, at, end, plus)
                || (BARE_PRINTERS.contains(&word)
                    && alone_after_address(v, at, end, plus)
                    && !title_case(v, at, end))
                || read_command_word(v, end, Start::Tight, plus).is_some_and(|(w, _, _)| {
                    matches!(
                        classify(w.as_slice()),
                        CommandWord::Known(Tier::Exotic | Tier::Tool)
                    )
                })
        }
        (CommandWord::Known(Tier::Word), Start::Tight | Start::Data | Start::Subst) => {
            let two_nouns = vocabulary::is_english(word) && and_another_word(v, end, plus);
            // `;ip a`: a shell-only name glued to its separator and one short word ending
            // the value is the command's operand (`a` for `addr`), not a sentence opening.
            let lone_operand = !vocabulary::is_english(word) && one_token_to_end(v, end, plus);
            !((sentence_follows(v, end, plus) && !lone_operand)
                || two_nouns
                // `&& more ☕`: an English word before pictographs is a sentence's
                || (vocabulary::is_english(word) && only_pictographs_to_end(v, end, plus))
                || glued_word_piece(v, at, end, word)
                || (brand_ampersand(v, at, end, word) && !evidence()))
        }
        // `` `sleep 5` ``: a short command closed by its backtick.
        (CommandWord::Known(Tier::Word), Start::Backtick) => {
            evidence() || terminated() || {
                let rest = &v[end..v.len().min(end + 32)];
                rest.iter().position(|&b| b == b'`').is_some_and(|p| {
                    !rest[..p].contains(&b'\n')
                        && rest[..p]
                            .split(|&b| b == b' ')
                            .filter(|t| !t.is_empty())
                            .count()
                            <= 2
                })
            }
        }
        (CommandWord::Known(Tier::Word), Start::Value | Start::Loose) => {
            evidence()
                || (kind == Start::Loose && command_after_one_token(v, at, end, word, plus))
                // `abc; id`, `x & env`, `127.0.0.1 -c 1; id`, `Quarterly report; reboot`: a
                // shell abbreviation in a shell's lower case, alone to the end of its command
                // after any prefix; prose writes no `id`, `ps`, `env` there.
                || (kind == Start::Loose
                    && !vocabulary::is_english(word)
                    && terminated()
                    && (one_token_before(v, at, plus)
                        || (!title_case(v, at, end)
                            // `&` is also prose's "and" (`He (grep) & id`).
                            && matches!(byte_before(), Some(b';' | b'|')))))
                // `x; echo hacked`: the probe that proves execution, a few plain words
                // ending the value after a one-token value (not a capitalised word of prose:
                // "Rock; echo chamber")
                || (kind == Start::Loose
                    && word == b"echo"
                    && !title_case(v, at, end)
                    && one_token_before(v, at, plus)
                    && !v.first().is_some_and(u8::is_ascii_uppercase)
                    && few_plain_words_to_end(v, end, plus))
                // `id&`, `whoami;`: a short command in a shell's lower case, alone, glued to
                // the separator that ends the value: written to run in command position
                // (`sh -c "$VALUE"`) and send the shell on; prose never ends a word so.
                || (kind == Start::Value
                    && !vocabulary::is_english(word)
                    && v.get(end).is_some_and(|&b| is_sep(b) && b != b'\n' && b != b'\r')
                    && v[end..].iter().all(|&b| matches!(b, b'&' | b';' | b'|') || is_blank(b, plus))
                    && !v[..end].iter().any(u8::is_ascii_uppercase))
                || (kind == Start::Value
                    && FILE_READERS.contains(&word)
                    && !title_case(v, at, end)
                    && (file_argument(v, end, plus) || dotfile_argument(v, end, plus)))
        }
        (CommandWord::Unknown, _) => false,
    };
    let hit = hit && !(kind == Start::Tight && operand_command_in_name_list(v, at, end, word));
    hit.then_some(match kind {
        Start::Value => "command-line",
        Start::Tight | Start::Loose | Start::Data => "separator+command",
        Start::Newline => "newline+command",
        Start::Subst => "substitution",
        Start::Backtick => "backtick-substitution",
    })
}

/// Whether the quote opening the value at `lead` closes within the line and is followed by
/// prose in a non-Latin script (`"LANG=C ls -l" 和 …`, `"sudo ifdown eth0" 命令关闭它`): the
/// quotes mark a command named inside a sentence, not the end of the application's string.
fn quoted_mention(v: &[u8], lead: usize) -> bool {
    let q = v[lead];
    let span = &v[lead + 1..v.len().min(lead + 1 + MAX_ARGS)];
    let Some(close) = span.iter().position(|&b| b == q || b == b'\n') else {
        return false;
    };
    if span[close] != q {
        return false;
    }
    let after = &span[close + 1..];
    let next = after.iter().copied().find(|&b| b != b' ');
    // a lead byte of a multi-byte UTF-8 letter of CJK, Cyrillic, Greek, … (U+0370 and up)
    next.is_some_and(|b| b >= 0xcd)
}
