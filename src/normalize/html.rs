//! HTML left in wire bodies: character references decoded (`&amp;`, `&lt;`,
//! `&#8217;`, `&#x2019;`, `&nbsp;`, every HTML5 named reference), block tags
//! and `<br>` turned into paragraph and line breaks, other tags removed, and
//! `<script>`/`<style>` elements removed with their content.
//!
//! Only real HTML element names count as tags, so wire conventions that
//! look like markup ("<AAPL.O>", "<the story>") stay as they are. Inside an
//! open block element (`<p>`, `<div>`, `<li>` …, not `<pre>`) the body's own
//! newlines are source formatting, not breaks, and become spaces, as a
//! browser would show them; a stray `<br>` in plain copy changes nothing else.
//! The named-reference table comes from the `html-escape` crate (the WHATWG
//! list); numeric references 128–159 mean the Windows-1252 characters, as the
//! HTML standard says. One left-to-right sweep; searches for a closing
//! `</script` or `-->` that fail are not repeated, so the pass stays linear.
//!
//! Runs first, before control characters are removed, so `&#0;` and friends
//! decode into characters that the control pass then drops.

use super::mojibake::cp1252_char;
use super::{Change, Pass, PassContext, PassNotes};

/// Elements that end a paragraph: replaced by a blank line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements removed without a trace (the words they wrap stay); table
/// cells become a space so neighbouring cells do not run together.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "area", "audio", "b", "base", "big", "body", "button", "canvas", "cite", "code",
    "col", "colgroup", "del", "dfn", "em", "embed", "font", "head", "html", "i", "iframe", "img",
    "input", "ins", "kbd", "label", "link", "map", "mark", "meta", "nobr", "object", "option",
    "param", "picture", "q", "s", "samp", "select", "small", "source", "span", "strike", "strong",
    "sub", "sup", "svg", "textarea", "time", "title", "tt", "u", "var", "video", "wbr",
];

/// What a tag turns into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Block,
    LineBreak,
    Cell,
    Inline,
    /// `<script>` or `<style>`: removed together with its content.
    Raw(RawElement),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawElement {
    Script,
    Style,
}

fn tag_kind(name: &str) -> Option<TagKind> {
    let name = name.to_ascii_lowercase();
    let name = name.as_str();
    match name {
        "br" => Some(TagKind::LineBreak),
        "td" | "th" => Some(TagKind::Cell),
        "script" => Some(TagKind::Raw(RawElement::Script)),
        "style" => Some(TagKind::Raw(RawElement::Style)),
        _ if BLOCK_TAGS.contains(&name) => Some(TagKind::Block),
        _ if INLINE_TAGS.contains(&name) => Some(TagKind::Inline),
        _ => None,
    }
}

/// A tag found at some `<`.
struct Tag<'t> {
    end: usize,
    name: &'t str,
    closing: bool,
}

/// Parses a tag starting at `text[at] == '<'`. Scanning stops at the next
/// `<`, so every byte is looked at by at most one failed parse.
fn parse_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = &text[name_start..i];
    match bytes.get(i) {
        Some(b'>' | b'/') => {}
        Some(b) if b.is_ascii_whitespace() => {}
        _ => return None,
    }
    // Attributes must carry a value ("<p class=x>"): "a<b and c>d" is
    // arithmetic in prose, not a tag with two bare attributes.
    let attrs_from = i;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => {
                let attrs = text[attrs_from..i].trim_end_matches('/').trim();
                if !attrs.is_empty() && !attrs.contains('=') {
                    return None;
                }
                return Some(Tag {
                    end: i + 1,
                    name,
                    closing,
                });
            }
            b'<' => return None,
            _ => i += 1,
        }
    }
    None
}

/// The decoded value of the character reference at `text[at] == '&'` and
/// where it ends. `&amp;` followed by another reference ("&amp;#8217;",
/// escaped twice by the feed) decodes both at once.
fn reference_at(text: &str, at: usize) -> Option<(usize, String)> {
    let (end, value) = reference_body(text, at + 1)?;
    if value == "&"
        && let Some((end2, inner)) = reference_body(text, end)
    {
        return Some((end2, inner));
    }
    Some((end, value))
}

/// Parses a reference without its `&`, starting at `from`.
fn reference_body(text: &str, from: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    if bytes.get(from) == Some(&b'#') {
        let (radix, digits_from) = match bytes.get(from + 1) {
            Some(b'x' | b'X') => (16, from + 2),
            _ => (10, from + 1),
        };
        let mut i = digits_from;
        while i < bytes.len() && i - digits_from < 8 && (bytes[i] as char).is_digit(radix) {
            i += 1;
        }
        if i == digits_from || bytes.get(i) != Some(&b';') {
            return None;
        }
        let number = u32::from_str_radix(&text[digits_from..i], radix).ok()?;
        let c = u8::try_from(number)
            .ok()
            .and_then(cp1252_char)
            .or_else(|| char::from_u32(number))?;
        return Some((i + 1, c.to_string()));
    }
    let mut i = from;
    while i < bytes.len() && i - from < 32 && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == from {
        return None;
    }
    let name = &text[from..i];
    if bytes.get(i) == Some(&b';') {
        let found =
            html_escape::NAMED_ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name.as_bytes()));
        if let Ok(k) = found {
            return Some((i + 1, html_escape::NAMED_ENTITIES[k].1.to_string()));
        }
        return None;
    }
    // Legacy references without a semicolon, only the few that feeds
    // really send, so "AT&T" and "R&D" stay.
    let legacy = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "nbsp" => "\u{A0}",
        _ => return None,
    };
    Some((i, legacy.to_string()))
}

/// Decodes HTML references and turns markup into plain text.
pub struct Html;

impl Html {
    pub fn new() -> Self {
        Html
    }
}

impl Default for Html {
    fn default() -> Self {
        Self::new()
    }
}

/// Start of the first `</name` (any case) in `text` at or after `from`.
fn find_closing(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(k) = text.get(at..).and_then(|rest| rest.find("</")) {
        let start = at + k;
        let name_at = start + 2;
        if bytes
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(start);
        }
        at = name_at;
    }
    None
}

/// Search state that keeps failed searches from being repeated.
#[derive(Default)]
struct Exhausted {
    script: bool,
    style: bool,
    comment: bool,
}

impl Html {
    /// End of the raw element opened by a tag ending at `from`, including
    /// its closing tag; `None` if it is never closed.
    fn raw_element_end(
        &self,
        text: &str,
        from: usize,
        which: RawElement,
        done: &mut Exhausted,
    ) -> Option<usize> {
        let (name, flag) = match which {
            RawElement::Script => ("script", &mut done.script),
            RawElement::Style => ("style", &mut done.style),
        };
        if *flag {
            return None;
        }
        let Some(start) = find_closing(text, from, name) else {
            *flag = true;
            return None;
        };
        let after = start + 2 + name.len();
        let close = text[after..]
            .find('>')
            .map_or(text.len(), |k| after + k + 1);
        Some(close)
    }

    /// Proposes every change in one sweep.
    fn sweep(&self, text: &str, changes: &mut Vec<Change>) {
        let bytes = text.as_bytes();
        let mut done = Exhausted::default();
        // Open block elements, and open `<pre>` elements among them.
        let mut depth = 0usize;
        let mut in_pre = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'&' => {
                    if let Some((end, value)) = reference_at(text, i) {
                        changes.push(Change::new(i..end, value, "html-entity", 1.0));
                        i = end;
                        continue;
                    }
                }
                b'\n' | b'\r' => {
                    let start = i;
                    while matches!(bytes.get(i), Some(b'\n' | b'\r')) {
                        i += 1;
                    }
                    // Inside a paragraph, a newline is source formatting.
                    if depth > 0 && in_pre == 0 {
                        changes.push(Change::new(start..i, " ", "html-newline", 0.9));
                    }
                    continue;
                }
                b'<' if !done.comment && text[i..].starts_with("<!--") => {
                    if let Some(k) = text[i + 4..].find("-->") {
                        let end = i + 4 + k + 3;
                        changes.push(Change::new(i..end, "", "html-comment", 1.0));
                        i = end;
                        continue;
                    }
                    done.comment = true;
                }
                b'<' => {
                    if let Some(tag) = parse_tag(text, i)
                        && let Some(kind) = tag_kind(tag.name)
                    {
                        let mut end = tag.end;
                        let replacement = match kind {
                            TagKind::Block => {
                                let count = |n: usize| {
                                    if tag.closing {
                                        n.saturating_sub(1)
                                    } else {
                                        n + 1
                                    }
                                };
                                if !tag.name.eq_ignore_ascii_case("hr") {
                                    depth = count(depth);
                                }
                                if tag.name.eq_ignore_ascii_case("pre") {
                                    in_pre = count(in_pre);
                                }
                                "\n\n"
                            }
                            TagKind::LineBreak => "\n",
                            TagKind::Cell => " ",
                            TagKind::Inline => "",
                            TagKind::Raw(which) => {
                                if !tag.closing
                                    && let Some(close) =
                                        self.raw_element_end(text, end, which, &mut done)
                                {
                                    end = close;
                                }
                                ""
                            }
                        };
                        changes.push(Change::new(i..end, replacement, "html-tag", 1.0));
                        i = end;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl Pass for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn run(&self, text: &str, _: &PassContext<'_>, changes: &mut Vec<Change>, _: &mut PassNotes) {
        // One vectorized scan: most bodies hold neither byte.
        if memchr::memchr2(b'&', b'<', text.as_bytes()).is_some() {
            self.sweep(text, changes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Resources;

    fn run(text: &str) -> String {
        crate::normalize::tests::run_pass(&Html::new(), text, &Resources::default()).0
    }

    #[test]
    fn references() {
        let cases = [
            ("Smith &amp; Wesson", "Smith & Wesson"),
            ("a &lt; b &gt; c", "a < b > c"),
            ("Japan&#8217;s", "Japan’s"),
            ("Japan&#x2019;s", "Japan’s"),
            ("Japan&#X2019;s", "Japan’s"),
            ("50&nbsp;km", "50\u{A0}km"),
            (
                "&ldquo;Yes&rdquo; &mdash; &eacute;t&eacute; &hellip;",
                "“Yes” — été …",
            ),
            ("Japan&#146;s", "Japan’s"),
            ("Japan&amp;#8217;s", "Japan’s"),
            ("Tom &amp Jerry", "Tom & Jerry"),
            ("AT&T and R&D", "AT&T and R&D"),
            ("&notanentity; &#; &#xZZ; &", "&notanentity; &#; &#xZZ; &"),
            ("&#99999999999;", "&#99999999999;"),
            ("&#xD800;", "&#xD800;"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }

    #[test]
    fn tags() {
        let cases = [
            ("<p>One.</p><p>Two.</p>", "\n\nOne.\n\n\n\nTwo.\n\n"),
            ("line<br>break<br/>again<BR />", "line\nbreak\nagain\n"),
            ("a <b>bold</b> <a href=\"x\">link</a>", "a bold link"),
            ("x<script>alert('<p>')</script>y", "xy"),
            ("x<SCRIPT type=\"a\">1 < 2</Script >y", "xy"),
            ("x<style>p { color: red }</style>y", "xy"),
            ("x<script>never closed", "xnever closed"),
            ("a<!-- note -->b", "ab"),
            ("a<!-- open", "a<!-- open"),
            ("shares <AAPL.O> rose", "shares <AAPL.O> rose"),
            ("if a<b and c>d", "if a<b and c>d"),
            ("a <the story> b", "a <the story> b"),
            ("<p>wrapped\nsource</p>", "\n\nwrapped source\n\n"),
            ("<pre>kept\nlines</pre>", "\n\nkept\nlines\n\n"),
            ("no markup\nkeeps lines", "no markup\nkeeps lines"),
            ("plain\ncopy<br>with\na break", "plain\ncopy\nwith\na break"),
            ("<p>a</p>\n<p>b\nc</p>", "\n\na\n\n\n\n\nb c\n\n"),
            ("<td>a</td><td>b</td>", " a  b "),
            ("<<<<p>", "<<<\n\n"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "input {input:?}");
        }
    }
}
